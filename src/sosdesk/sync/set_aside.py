"""Office: apply a refused desk batch without the records that cannot fit here, on the
coordinator's explicit decision (docs/architecture.md, "Refused records").

Completion fixes a refusal for a record the office does not have; a unique client code that
collides with another record, or a value that breaks a rule of the table, stays wrong however
often the desk sends it. The coordinator looks at the list (a dry run, rolled back), then
decides: the refused batch, re-read from its sealed quarantine copy and verified as at import,
is applied in ONE transaction, each chunk of records under a savepoint; a chunk that fails is
retried record by record and the records that still fail are set aside with their coded
reasons. The batch is then the desk's applied batch of that number, the audit chain records
the decision, and the desk gets a signed receipt naming the records set aside.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sosdesk.domain.hlc import HybridLogicalClock, Timestamp
from sosdesk.domain.messages.core import Problem
from sosdesk.store.database import Database
from sosdesk.store.models.sync import SyncBatch, SyncPeer, SyncQuarantine
from sosdesk.store.tx import Tx
from sosdesk.sync import errors, ledger, quarantine
from sosdesk.sync.apply import Applier, ApplyStats
from sosdesk.sync.errors import Rejected, SyncError
from sosdesk.sync.importer import Importer, Progress, _Opened
from sosdesk.sync.peers import find_peer, require_office
from sosdesk.sync.schema import Record
from sosdesk.sync.views import SetAsideRecord

Expected = tuple[int, tuple[tuple[int, str], ...]]  # (seq, (line, code) of each set aside)
CHUNK = 256  # records tried together before falling back to one at a time
NOTE_KEY = "set_aside"  # the applied ledger row's note: what was set aside (see receipts.py)


class _DryRun(Exception):
    """Rolls the look-ahead transaction back."""


class SetAside(Importer):
    """Applies the newest refused batch of one desk without the records that do not fit."""

    def __init__(
        self, db: Database, *, receipts_dir: Path | None = None, progress: Progress | None = None
    ) -> None:
        require_office(db)
        super().__init__(db, receipts_dir=receipts_dir, progress=progress)
        self._aside: list[SetAsideRecord] = []
        self._stats = ApplyStats()
        self.expect: Expected | None = None

    def run_for(
        self, desk: str, *, apply: bool
    ) -> tuple[str, int, int, tuple[SetAsideRecord, ...], int, Path | None]:
        """(desk code, seq, records, set aside, inserted, receipt); `apply` False: a dry run."""
        peer, row_id, digest, seq = self._refused_batch(desk)
        for path in self._copies(peer.device_id, seq):
            o = self._open(path)
            try:
                if o.digest != digest:
                    continue
                receipt = self._apply_aside(o, peer, row_id, apply)
                return (
                    peer.desk_code,
                    seq,
                    o.header.records,
                    tuple(self._aside),
                    self._stats.inserted,
                    receipt,
                )
            finally:
                o.closer.close()
        raise SyncError("set_aside.file_gone", desk=peer.desk_code, seq=seq)

    # -- finding the batch ---------------------------------------------------------------

    def _refused_batch(self, desk: str) -> tuple[SyncPeer, str, str, int]:
        with self.db.session() as s:
            peer = find_peer(s, desk)
            if peer.role != "desk":
                raise SyncError("sync.no_such_desk", ref=desk)
            last = ledger.last_applied(s, peer.device_id)
            expected = (last.seq if last else 0) + 1
            # Only the desk's next batch: anything older was applied or sent again since.
            row = s.execute(
                select(SyncBatch)
                .where(
                    SyncBatch.direction == "in",
                    SyncBatch.peer == peer.device_id,
                    SyncBatch.state == "refused",
                    SyncBatch.seq == expected,
                )
                .order_by(SyncBatch.recorded_at.desc())
                .limit(1)
            ).scalar_one_or_none()
            if row is None:
                raise SyncError("set_aside.nothing_refused", desk=peer.desk_code)
            s.expunge(peer)
            return peer, row.id, row.hash, row.seq

    def _copies(self, peer: str, seq: int) -> list[Path]:
        with self.db.session() as s:
            names = s.execute(
                select(SyncQuarantine.stored_as)
                .where(
                    SyncQuarantine.peer == peer,
                    SyncQuarantine.seq == seq,
                    SyncQuarantine.reason == errors.INVALID_RECORD,
                    SyncQuarantine.stored_as.is_not(None),
                )
                .order_by(SyncQuarantine.received_at.desc())
            ).scalars()
            folder = quarantine.sync_folder(self.db, "quarantine")
            return [folder / n for n in names if n and (folder / n).is_file()]

    # -- applying ------------------------------------------------------------------------

    def _parse(self, line: bytes, count: int) -> Record | None:
        try:
            return super()._parse(line, count)
        except Rejected as exc:
            if exc.reason != errors.INVALID_RECORD:
                raise  # not JSON, or a table the desk may not send: the batch stays refused
            entity, rid = _named(line)
            code = "set_aside.bad_value" if entity else "set_aside.unreadable"
            self._aside.append(SetAsideRecord(count, entity, rid, Problem(code, {"table": entity})))
            return None

    def _apply_aside(self, o: _Opened, peer: SyncPeer, row_id: str, apply: bool) -> Path | None:
        h = o.header
        origins = dict(h.origins)
        self._aside, self._stats = [], ApplyStats()
        clock_before = self.db.clock.last
        buffer: list[Record] = []
        try:
            with self.db.transaction() as tx:

                def each(rec: Record) -> None:
                    buffer.append(rec)
                    if len(buffer) >= CHUNK:
                        self._chunk(tx, list(buffer), origins)
                        buffer.clear()

                self._records(o, each)
                self._chunk(tx, list(buffer), origins)
                self._aside.sort(key=lambda r: r.line)
                if not apply:
                    raise _DryRun
                seen = (h.seq, tuple((r.line, r.problem.code) for r in self._aside))
                if self.expect is not None and seen != self.expect:
                    raise SyncError("set_aside.changed", desk=peer.desk_code, seq=h.seq)
                self._receive_clock(tx)
                row = tx.session.get(SyncBatch, row_id)
                assert row is not None
                row.state, row.done_at, row.record_count = "applied", tx.now, h.records
                row.audit_seq = h.audit.seq if h.audit else None
                row.audit_hash = h.audit.hash if h.audit else None
                row.note = json.dumps({NOTE_KEY: [_as_doc(r) for r in self._aside]})
                acked = ledger.acknowledge(tx.session, h)
                tx.audit(
                    "sync_set_aside",
                    "sync_batches",
                    row.id,
                    {
                        "peer": peer.desk_code,
                        "seq": h.seq,
                        "records": h.records,
                        "inserted": self._stats.inserted,
                        "conflicts": self._stats.conflicts,
                        "set_aside": [
                            [r.line, r.entity, r.record_id, r.problem.code] for r in self._aside
                        ],
                        "acknowledged": acked,
                    },
                )
                tx.session.flush()
                tx.session.expunge(row)
        except _DryRun:
            self.db.clock = HybridLogicalClock(self.db.desk.device_id, clock_before)
            return None
        except BaseException:
            self.db.clock = HybridLogicalClock(self.db.desk.device_id, clock_before)
            raise
        return self._receipt(peer, row)

    def _chunk(self, tx: Tx, recs: list[Record], origins: dict[str, str]) -> None:
        if not recs:
            return
        try:
            with tx.session.begin_nested():
                applier = Applier(tx, office=True, origins=origins, chunk=len(recs) + 1)
                for rec in recs:
                    applier.add(rec)
                stats = applier.finish()
        except (Rejected, IntegrityError, sqlcipher3.dbapi2.IntegrityError) as exc:
            if len(recs) > 1:
                for rec in recs:  # find which records do not fit, one at a time
                    self._chunk(tx, [rec], origins)
                return
            self._aside.append(SetAsideRecord(recs[0].seq, recs[0].entity, recs[0].id, _why(exc)))
            return
        s = self._stats
        s.inserted += stats.inserted
        s.already_present += stats.already_present
        s.conflicts += stats.conflicts
        s.max_hlc = max(s.max_hlc, stats.max_hlc)

    def _receive_clock(self, tx: Tx) -> None:
        if not self._stats.max_hlc:
            return
        try:
            tx.clock.receive(Timestamp.decode(self._stats.max_hlc))
        except ValueError:
            raise Rejected(
                errors.CLOCK_AHEAD,
                "the sender's clock is more than a day ahead of "
                "this computer's; check the date and time on both",
            ) from None


def _why(exc: BaseException) -> Problem:
    if isinstance(exc, Rejected):
        table = exc.params.get("table")
        return Problem("set_aside.missing", {"table": str(table or "")})
    orig = exc.orig if isinstance(exc, IntegrityError) else exc
    # Only SQLite's own words (constraint and column names), never values: they hold client data.
    why = str(orig).splitlines()[0][:120] if orig is not None else "constraint failed"
    return Problem("set_aside.does_not_fit", {"why": why})


def _named(line: bytes) -> tuple[str, str]:
    """The table and id a record names, when it can be read at all (never its values)."""
    try:
        doc = json.loads(line)
    except ValueError:
        return "", ""
    if not isinstance(doc, dict):
        return "", ""
    entity, rid = doc.get("entity"), doc.get("id")
    if not isinstance(entity, str) or not isinstance(rid, str):
        return "", ""
    return entity[:40], rid[:40]


def _as_doc(r: SetAsideRecord) -> dict[str, Any]:
    params = {k: v for k, v in r.problem.params.items() if isinstance(v, str | int)}
    return {
        "line": r.line,
        "entity": r.entity,
        "id": r.record_id,
        "code": r.problem.code,
        "params": params,
    }


def set_aside_records(
    db: Database,
    desk: str,
    *,
    apply: bool,
    receipts_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    expect: Expected | None = None,
) -> tuple[str, int, int, tuple[SetAsideRecord, ...], int, Path | None]:
    """Look at (apply False) or apply (True) a desk's newest refused batch without the records
    that do not fit: (desk code, seq, records, set aside, inserted, receipt); `expect` is what
    the coordinator saw (applying refuses if it changed). Office only."""
    job = SetAside(db, receipts_dir=receipts_dir, progress=progress)
    job.expect = expect
    return job.run_for(desk, apply=apply)
