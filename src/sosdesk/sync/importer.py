"""Importing batches, in the order of DESIGN.md §5, at the office (desk batches) and at a desk
(office batches): size limit -> decrypt -> signature of the enrolled sender -> recipient,
schema and limits -> sequence (apply / replay / hold / fork) -> every record validated and
applied in ONE transaction -> ledger, audit, receipt. Anything wrong rolls the transaction
back, and the file goes to quarantine with its reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import sqlcipher3
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sosdesk.domain import roles
from sosdesk.domain.hlc import HybridLogicalClock
from sosdesk.domain.ids import new_id
from sosdesk.files import FileProblem, check_regular_file, open_bounded
from sosdesk.services.access import require
from sosdesk.services.erasure import compact_file
from sosdesk.store import migrate
from sosdesk.store.database import Database
from sosdesk.store.gc_pause import cycle_collector_paused
from sosdesk.store.models.sync import SyncBatch, SyncPeer
from sosdesk.sync import batch_format as bf
from sosdesk.sync import errors, ledger, quarantine
from sosdesk.sync.apply import Applier
from sosdesk.sync.container import KIND_BATCH, PlainReader, open_sealed
from sosdesk.sync.errors import Rejected, SyncError
from sosdesk.sync.identity import DeviceKeys, device_keys
from sosdesk.sync.peers import trusted_office
from sosdesk.sync.receipts import write_receipt, write_refusal
from sosdesk.sync.schema import DESK, OFFICE, Record, parse_record
from sosdesk.sync.views import ImportOutcome

Progress = Callable[[int, int], None]  # bytes read so far, bytes in all files


@dataclass
class _Opened:
    """A batch whose header is verified, positioned at its first record."""

    fh: BinaryIO
    reader: PlainReader
    header: bf.BatchHeader
    digest: str
    peer: SyncPeer
    closer: contextlib.ExitStack


class Importer:
    """Imports batch files into one database (office or desk)."""

    def __init__(
        self,
        db: Database,
        *,
        receipts_dir: Path | None = None,
        limits: bf.Limits | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.db = db
        self.office = db.desk.is_office
        self.keys: DeviceKeys = device_keys(db)
        self.receipts_dir = receipts_dir
        self.limits = limits or bf.Limits()
        self.progress = progress
        self._done_bytes = 0
        self._total_bytes = 0
        self._signed_by: tuple[str, str, int] | None = None
        self._head = bf.schema_number(migrate.head()) or 0
        self._sender_kind = DESK if self.office else OFFICE
        if receipts_dir is not None and not receipts_dir.is_dir():
            raise SyncError("sync.no_receipts_folder", folder=str(receipts_dir))

    @property
    def who(self) -> str:
        return "this office" if self.office else "this desk"

    # -- public --------------------------------------------------------------------------

    def run(self, paths: list[Path]) -> list[ImportOutcome]:
        """Import each file; held batches are applied as soon as their turn comes."""
        require(self.db, roles.IMPORT_OFFICE if self.office else roles.EXPORT_BATCH)
        sizes = []
        for p in paths:
            try:
                sizes.append(p.stat().st_size)
            except OSError:
                sizes.append(0)
        self._total_bytes = sum(min(s, self.limits.max_file_bytes) for s in sizes) or 1
        out: list[ImportOutcome] = []
        with cycle_collector_paused():
            for path, size in zip(paths, sizes, strict=True):
                out.extend(self.one(path))
                self._done_bytes += min(size, self.limits.max_file_bytes)
                self._tick(0)
        return out

    def one(self, path: Path, held_row: str | None = None) -> list[ImportOutcome]:
        """Import one file; returns its outcome and those of held batches it unblocked."""
        name = path.name
        opened: _Opened | None = None
        self._signed_by = None
        try:
            opened = self._open(path)
            return self._decide(path, opened, held_row)
        except Rejected as exc:
            # The sender and number are named only once the signature has proved them.
            peer, code, seq = self._signed_by or (None, None, None)
            quarantine.record(
                self.db,
                path,
                exc.reason,
                exc.message,
                limit=self.limits.max_file_bytes,
                peer=peer,
                seq=seq,
            )
            if held_row is not None:
                self._drop_held(held_row, exc.message)
            # A coded refusal (naming the record) is shown as such in the user's language.
            problem = exc.problem if exc.code != "sync.rejected" else None
            answer = self._refusal(opened, exc)
            return [
                ImportOutcome(
                    name,
                    "rejected",
                    exc.message,
                    code,
                    seq,
                    reason=exc.reason,
                    receipt=answer,
                    problem=problem,
                )
            ]
        except FileProblem as exc:
            if exc.code == "file.too_large":
                quarantine.record(
                    self.db, path, errors.TOO_LARGE, exc.text("en"), limit=0, peer=None, seq=None
                )
                return [ImportOutcome(name, "rejected", exc.text("en"), reason=errors.TOO_LARGE)]
            # Not a file at all (missing, a folder, a device): nothing to keep in quarantine.
            why = "missing" if exc.code == "file.missing" else "not_a_file"
            return [ImportOutcome(name, "rejected", exc.text("en"), reason=why)]
        finally:
            if opened is not None:
                opened.closer.close()

    # -- steps ---------------------------------------------------------------------------

    def _open(self, path: Path) -> _Opened:
        size = check_regular_file(path)
        if size > self.limits.max_file_bytes:
            raise Rejected(
                errors.TOO_LARGE,
                f"the file is {size:,} bytes, over the limit of "
                f"{self.limits.max_file_bytes:,}: it was not opened",
            )
        # Bounded while reading too: a file that grows (or a device) stops at the limit.
        stack = contextlib.ExitStack()  # closed by the caller, after the transaction
        fh = stack.enter_context(open_bounded(path, self.limits.max_file_bytes))
        try:
            reader = PlainReader(open_sealed(fh, self.keys.box_private, KIND_BATCH, self.who))
            (n,) = struct.unpack(">I", reader.read_exact(4))
            if n > self.limits.max_header_bytes:
                raise Rejected(errors.MALFORMED, "the batch header is impossibly large")
            header_bytes = reader.read_exact(n)
            signature = reader.read_exact(bf.SIG_LEN)
            header = bf.parse_header(header_bytes)
            peer = self._sender(header)
            if not bf.verify_header(header_bytes, signature, peer.sign_public):
                raise Rejected(
                    errors.BAD_SIGNATURE,
                    f"the signature is not that of "
                    f"{peer.desk_code}, the sender the batch names: it was forged or "
                    "altered",
                )
            self._signed_by = (peer.device_id, peer.desk_code, header.seq)
            if peer.revoked_at is not None:
                raise Rejected(
                    errors.REVOKED,
                    f"desk {peer.desk_code} was revoked on "
                    f"{peer.revoked_at:%Y-%m-%d}; its batches are refused",
                )
            self._check(header)
            return _Opened(fh, reader, header, bf.batch_hash(header_bytes), peer, stack)
        except BaseException:
            stack.close()
            raise

    def _sender(self, header: bf.BatchHeader) -> SyncPeer:
        with self.db.session() as s:
            if self.office:
                peer = s.get(SyncPeer, header.sender)
                if peer is None or peer.role != "desk":
                    raise Rejected(
                        errors.UNKNOWN_SENDER,
                        "the batch comes from a desk this office has not enrolled",
                    )
            else:
                peer = trusted_office(s)
                if peer is None:
                    raise Rejected(
                        errors.UNKNOWN_SENDER,
                        "this desk does not trust an office yet (sosdesk sync trust-office)",
                    )
                if peer.device_id != header.sender:
                    raise Rejected(
                        errors.UNKNOWN_SENDER,
                        "the batch comes from an office this desk does not trust",
                    )
            s.expunge(peer)
            return peer

    def _check(self, h: bf.BatchHeader) -> None:
        if h.recipient != self.keys.device_id:
            raise Rejected(
                errors.WRONG_RECIPIENT,
                f"the batch is addressed to another {'office' if self.office else 'desk'}",
            )
        if h.kind != (bf.KIND_DESK if self.office else bf.KIND_OFFICE):
            raise Rejected(
                errors.MALFORMED,
                "a desk batch is imported at the office, an office batch at a desk",
            )
        number = bf.schema_number(h.schema)
        if number is None or h.version > bf.VERSION or number > self._head:
            raise Rejected(
                errors.FUTURE_SCHEMA,
                f"the batch was made by a newer SOS Desk "
                f"(schema {h.schema[:12]}); update this program, then import again",
            )
        if h.records > self.limits.max_records:
            raise Rejected(
                errors.TOO_LARGE,
                f"the batch claims {h.records:,} records, over the "
                f"limit of {self.limits.max_records:,}",
            )
        if h.payload_bytes > self.limits.max_file_bytes:
            raise Rejected(errors.TOO_LARGE, "the batch claims an impossibly large payload")

    def _decide(self, path: Path, o: _Opened, held_row: str | None) -> list[ImportOutcome]:
        h, code = o.header, o.peer.desk_code
        with self.db.session() as s:
            d = ledger.decide(s, h, o.digest, code)
            if d.applied_row is not None:
                s.expunge(d.applied_row)
        if d.action == ledger.FORK:
            self._record_rejected(o, d.message)
            raise Rejected(errors.FORK, d.message)
        if d.action == ledger.SUPERSEDED:
            if held_row is not None:
                self._drop_held(held_row, d.message)
            return [ImportOutcome(path.name, "replayed", d.message, code, h.seq)]
        if d.action == ledger.REPLAY:
            # Same header as a batch applied before; its records must still be intact.
            self._verify_only(o)
            receipt = self._receipt(o.peer, d.applied_row) if d.applied_row else None
            return [
                ImportOutcome(
                    path.name, "replayed", d.message, code, h.seq, h.records, receipt=receipt
                )
            ]
        if d.action in (ledger.HOLD, ledger.ALREADY_HELD):
            if held_row is not None:  # a held batch whose turn has not come: leave it
                return []
            self._verify_only(o)
            if d.action == ledger.HOLD:
                self._hold(path, o)
            return [ImportOutcome(path.name, "held", d.message, code, h.seq, h.records)]
        outcome = self._apply(path, o, held_row)
        return [outcome, *self._unblock(o.peer)]

    def _records(self, o: _Opened, each: Callable[[Record], None] | None) -> None:
        """Read every record, checking count, size and hash against the signed header."""
        h = o.header
        sha = hashlib.sha256()
        count = size = 0
        prev_seq = -1
        for line in o.reader.lines(self.limits.max_line_bytes):
            count += 1
            if count > h.records:
                raise Rejected(
                    errors.COUNT_MISMATCH,
                    f"the batch holds more records than its header says ({h.records:,})",
                )
            size += len(line) + 1
            sha.update(line)
            sha.update(b"\n")
            rec = self._parse(line, count)
            if rec is None:
                continue
            if rec.seq <= prev_seq:
                raise Rejected(errors.INVALID_RECORD, f"record {count} is out of order")
            prev_seq = rec.seq
            if self.office and rec.origin != h.sender:
                raise Rejected(
                    errors.INVALID_RECORD,
                    f"record {count} claims to come from "
                    "another desk than the one that signed the batch",
                )
            if not self.office and (
                rec.origin == self.keys.device_id or rec.origin not in h.origins
            ):
                raise Rejected(errors.INVALID_RECORD, f"record {count} has an unexpected origin")
            if each is not None:
                each(rec)
            if count % 2000 == 0:
                self._tick(size)  # payload bytes: the bounded reader cannot tell()
        if count != h.records:
            raise Rejected(
                errors.COUNT_MISMATCH,
                f"the batch holds {count:,} records, its header "
                f"says {h.records:,}: it is incomplete",
            )
        if size != h.payload_bytes or sha.hexdigest() != h.payload_sha256:
            raise Rejected(
                errors.HASH_MISMATCH,
                "the records do not match the signed header: the batch was altered",
            )

    def _parse(self, line: bytes, count: int) -> Record | None:
        # Overridden where invalid records are set aside instead (sync/set_aside.py).
        return parse_record(line, count, self._sender_kind)

    def _verify_only(self, o: _Opened) -> None:
        self._records(o, None)

    def _apply(self, path: Path, o: _Opened, held_row: str | None) -> ImportOutcome:
        h = o.header
        clock_before = self.db.clock.last
        try:
            with self.db.transaction() as tx:
                applier = Applier(tx, office=self.office, origins=dict(h.origins))
                self._records(o, applier.add)
                stats = applier.finish()
                applier.receive_clock()
                row = tx.session.get(SyncBatch, held_row) if held_row else None
                if row is None:
                    row = SyncBatch(
                        id=new_id(), direction="in", peer=h.sender, seq=h.seq, recorded_at=tx.now
                    )
                    tx.session.add(row)
                row.batch_id, row.hash, row.prev_hash = h.batch_id, o.digest, h.prev_hash
                row.state, row.record_count, row.done_at = "applied", h.records, tx.now
                row.created_at = _parse_time(h.created_at) or tx.now
                row.audit_seq = h.audit.seq if h.audit else None
                row.audit_hash = h.audit.hash if h.audit else None
                held_files = [row.held_file] if row.held_file else []
                row.held_file, row.note = None, None
                held_files += ledger.drop_held_copies(tx.session, h, o.digest, row.id)
                tx.session.flush()
                acked = ledger.acknowledge(tx.session, h) if self.office else []
                tx.session.flush()  # the acknowledged batches, for the raw scrub below
                applier.scrub_outbox()
                tx.audit(
                    "sync_import",
                    "sync_batches",
                    row.id,
                    {
                        "peer": o.peer.desk_code,
                        "seq": h.seq,
                        "records": h.records,
                        "inserted": stats.inserted,
                        "conflicts": stats.conflicts,
                        "acknowledged": acked,
                    },
                )
                tx.session.expunge(row)
        except BaseException as exc:
            # The clock merged the batch's clocks in memory; a refused batch must not move it.
            self.db.clock = HybridLogicalClock(self.db.desk.device_id, clock_before)
            if not isinstance(exc, IntegrityError | sqlcipher3.dbapi2.IntegrityError):
                raise
            # Only SQLite's own words (constraint and column names), never the statement or
            # its values, which hold client data.
            orig = exc.orig if isinstance(exc, IntegrityError) else exc
            why = str(orig).splitlines()[0][:120] if orig is not None else "constraint failed"
            raise Rejected(
                errors.INVALID_RECORD,
                "a record does not fit this database (it "
                "refers to a record that is not here, or repeats a unique value such "
                f"as a client code): {why}",
                "office.record_does_not_fit",
                why=why,
            ) from None
        for name in held_files:
            self._forget_held_file(name)
        if stats.forgotten:
            compact_file(self.db)  # no page may keep what a tombstone removed
        receipt = self._receipt(o.peer, row)
        msg = (
            f"batch {h.seq} from {o.peer.desk_code} applied: {h.records:,} records, "
            f"{stats.inserted:,} new"
        )
        if stats.already_present:
            msg += f", {stats.already_present:,} already present"
        if stats.conflicts:
            msg += f", {stats.conflicts} conflict(s) for review"
        withheld = sum(h.withheld.values())
        if withheld:
            msg += f"; {withheld:,} sensitive record(s) withheld by the office"
        return ImportOutcome(
            path.name,
            "applied",
            msg,
            o.peer.desk_code,
            h.seq,
            h.records,
            stats.conflicts,
            receipt=receipt,
            inserted=stats.inserted,
            withheld=withheld,
        )

    def _receipt(self, peer: SyncPeer, row: SyncBatch) -> Path | None:
        if not self.office or self.receipts_dir is None:
            return None
        return write_receipt(self.keys, peer.device_id, peer.box_public, row, self.receipts_dir)

    def _refusal(self, o: _Opened | None, exc: Rejected) -> Path | None:
        """Answer a desk's batch refused for one of its records with a signed refusal receipt,
        so the desk numbers it again, completed, instead of repeating it forever."""
        if not self.office or self.receipts_dir is None or o is None:
            return None
        if exc.reason != errors.INVALID_RECORD:
            return None  # forgeries, forks and damaged files get no answer
        h = o.header
        # Held batches continue the refused one; the desk numbers them again too.
        with self.db.session() as s:
            later = s.execute(
                select(SyncBatch.id).where(
                    SyncBatch.direction == "in",
                    SyncBatch.peer == h.sender,
                    SyncBatch.state == "held",
                    SyncBatch.seq > h.seq,
                )
            )
            held = [r[0] for r in later]
        for row_id in held:
            self._drop_held(row_id, f"batch {h.seq} before it was refused; the desk sends it again")
        self._record_rejected(o, exc.message, "refused")
        return write_refusal(
            self.keys,
            o.peer.device_id,
            o.peer.box_public,
            (h.seq, o.digest),
            exc,
            self.receipts_dir,
        )

    # -- held batches --------------------------------------------------------------------

    def _hold(self, path: Path, o: _Opened) -> None:
        stored, _digest = quarantine.keep_copy(self.db, path, "held", self.limits.max_file_bytes)
        h = o.header
        with self.db.transaction() as tx:
            tx.session.add(
                SyncBatch(
                    id=new_id(),
                    batch_id=h.batch_id,
                    direction="in",
                    peer=h.sender,
                    seq=h.seq,
                    hash=o.digest,
                    prev_hash=h.prev_hash,
                    state="held",
                    record_count=h.records,
                    created_at=_parse_time(h.created_at) or tx.now,
                    recorded_at=tx.now,
                    held_file=stored,
                )
            )
            tx.audit("sync_hold", "sync_batches", None, {"peer": o.peer.desk_code, "seq": h.seq})

    def _unblock(self, peer: SyncPeer) -> list[ImportOutcome]:
        out: list[ImportOutcome] = []
        while True:
            with self.db.session() as s:
                nxt = ledger.held_next(s, peer.device_id)
                if nxt is None:
                    return out
                row_id, stored = nxt.id, nxt.held_file
            path = quarantine.sync_folder(self.db, "held") / (stored or "missing")
            if not path.exists():
                self._drop_held(row_id, "the held copy is missing; import the batch again")
                continue
            results = self.one(path, held_row=row_id)
            out.extend(results)
            if not results or results[0].status != "applied":
                return out

    def _drop_held(self, row_id: str, why: str) -> None:
        with self.db.transaction() as tx:
            row = tx.session.get(SyncBatch, row_id)
            name = row.held_file if row is not None else None
            if row is not None and row.state == "held":
                row.state, row.note, row.held_file = "rejected", why[:2000], None
        if name:
            self._forget_held_file(name)

    def _forget_held_file(self, name: str) -> None:
        with contextlib.suppress(OSError):
            (quarantine.sync_folder(self.db, "held") / name).unlink()

    def _record_rejected(self, o: _Opened, why: str, state: str = "rejected") -> None:
        h = o.header
        with self.db.transaction() as tx:
            tx.session.add(
                SyncBatch(
                    id=new_id(),
                    batch_id=h.batch_id,
                    direction="in",
                    peer=h.sender,
                    seq=h.seq,
                    hash=o.digest,
                    prev_hash=h.prev_hash,
                    state=state,
                    record_count=h.records,
                    created_at=_parse_time(h.created_at) or tx.now,
                    recorded_at=tx.now,
                    note=why[:2000],
                )
            )

    def _tick(self, within: int) -> None:
        if self.progress is not None:
            self.progress(min(self._done_bytes + within, self._total_bytes), self._total_bytes)


def _parse_time(text: str) -> datetime | None:
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo is not None else None


def import_batches(
    db: Database,
    paths: list[Path],
    *,
    receipts_dir: Path | None = None,
    limits: bf.Limits | None = None,
    progress: Progress | None = None,
) -> list[ImportOutcome]:
    """Import batch files (office: desk batches; desk: office batches)."""
    return Importer(db, receipts_dir=receipts_dir, limits=limits, progress=progress).run(paths)
