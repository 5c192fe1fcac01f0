"""Writing batches: a desk's work to the office, and the office's records to one desk.

Numbering comes first: the new batch's ledger row (with its header and, at a desk, the outbox
range it holds) is committed before the file is written. A batch that was numbered but never
written, or written but not yet confirmed, is simply written again by the next export with the
same content and header, so the office sees the same hash and treats a second copy as a replay.
Nothing is ever renumbered, so the office's sequence check stays strict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.domain.ids import new_id
from sosdesk.services.access import require
from sosdesk.store import migrate
from sosdesk.store.database import Database
from sosdesk.store.gc_pause import cycle_collector_paused
from sosdesk.store.models import AuditEntry, Change, utcnow
from sosdesk.store.models.sync import SyncBatch, SyncPeer
from sosdesk.store.raw import driver_connection
from sosdesk.sync import batch_format as bf
from sosdesk.sync import outbox
from sosdesk.sync.completion import Needs, complete_outbox
from sosdesk.sync.errors import SyncError
from sosdesk.sync.identity import device_keys
from sosdesk.sync.peers import find_peer, origins_map, require_desk, require_office, trusted_office
from sosdesk.sync.views import ExportResult
from sosdesk.sync.withholding import withheld_for
from sosdesk.sync.writer import Payload, Progress, spool_payload, write_file

Lines = Callable[[Any, SyncBatch], Iterator[tuple[bytes, str]]]  # (raw conn, ledger row)


@dataclass(frozen=True)
class _Target:
    peer: str
    peer_code: str
    box_public: bytes
    kind: str
    sign_private: bytes


def _last(s: Session, direction: str, peer: str, *states: str) -> SyncBatch | None:
    q = select(SyncBatch).where(SyncBatch.direction == direction, SyncBatch.peer == peer)
    if states:
        q = q.where(SyncBatch.state.in_(states))
    return s.execute(q.order_by(SyncBatch.seq.desc()).limit(1)).scalar_one_or_none()


def _audit_checkpoint(s: Session) -> bf.Checkpoint | None:
    row = s.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return bf.Checkpoint(row.seq, row.entry_hash) if row else None


def _number(
    db: Database,
    target: _Target,
    lines: Callable[[Any], Iterator[tuple[bytes, str]]],
    total: int,
    progress: Progress | None,
    span: tuple[int, int],
    ack: bf.Checkpoint | None,
    on_commit: Callable[[Session, str], None],
    withheld: dict[str, int] | None = None,
    ready: Callable[[Session], bool] | None = None,
) -> tuple[str, Payload] | None:
    """Serialise the new records into a spool, then commit the ledger row numbering them;
    None when `ready`, asked in the same read transaction after the spool, says no."""
    with db.session() as s:
        last = _last(s, "out", target.peer)
        audit = _audit_checkpoint(s)
        origins = origins_map(s, db.desk.device_id, db.desk.desk_code)
        payload = spool_payload(db.path.parent, lines(driver_connection(s)), total, progress)
        if ready is not None and not ready(s):
            payload.spool.close()
            return None
    row_id, batch_id = new_id(), new_id()
    header = bf.BatchHeader(
        kind=target.kind,
        batch_id=batch_id,
        schema=migrate.head(),
        sender=db.desk.device_id,
        sender_code=db.desk.desk_code,
        recipient=target.peer,
        seq=(last.seq + 1) if last else 1,
        prev_hash=last.hash if last else bf.GENESIS,
        created_at=utcnow().isoformat(),
        records=payload.records,
        payload_sha256=payload.sha256,
        payload_bytes=payload.size,
        audit=audit,
        ack=ack,
        origins={d: origins.get(d, d[:8]) for d in sorted(payload.origins)},
        withheld=withheld or {},
    )
    header_bytes = header.encode()
    try:
        with db.transaction() as tx:
            again = _last(tx.session, "out", target.peer)
            if (again.seq if again else 0) != (last.seq if last else 0):
                raise SyncError("sync.export_raced")
            tx.session.add(
                SyncBatch(
                    id=row_id,
                    batch_id=batch_id,
                    direction="out",
                    peer=target.peer,
                    seq=header.seq,
                    hash=bf.batch_hash(header_bytes),
                    prev_hash=header.prev_hash,
                    state="pending",
                    record_count=header.records,
                    created_at=utcnow(),
                    recorded_at=tx.now,
                    first_change=span[0],
                    last_change=span[1],
                    audit_seq=audit.seq if audit else None,
                    audit_hash=audit.hash if audit else None,
                    ack_seq=ack.seq if ack else None,
                    ack_hash=ack.hash if ack else None,
                    note=header_bytes.decode(),
                )
            )
            tx.session.flush()
            on_commit(tx.session, batch_id)
    except BaseException:
        payload.spool.close()
        raise
    return row_id, payload


def _write(
    db: Database,
    row: SyncBatch,
    target: _Target,
    out_dir: Path,
    lines: Lines,
    payload: Payload | None,
) -> Path:
    """Write a numbered batch from its stored header (again); checks the content is the same."""
    assert row.note is not None
    header_bytes = row.note.encode()
    header = bf.parse_header(header_bytes)
    if payload is None:
        with db.session() as s:
            payload = spool_payload(
                db.path.parent, lines(driver_connection(s), row), header.records, None
            )
    try:
        if (payload.sha256, payload.records) != (header.payload_sha256, header.records):
            raise SyncError(
                f"batch {row.seq} no longer matches the outbox it was made from; "
                "run `sosdesk verify` and call the office"
            )
        signature = bf.sign_header(header_bytes, target.sign_private)
        path = write_file(
            out_dir, target.box_public, header_bytes, signature, payload, bf.Limits().max_line_bytes
        )
    finally:
        payload.spool.close()
    with db.transaction() as tx:
        fresh = tx.session.get(SyncBatch, row.id)
        assert fresh is not None
        again = fresh.state != "pending"
        if not again:
            fresh.state = "exported"
        tx.audit(
            "sync_export",
            "sync_batches",
            row.id,
            {
                "peer": target.peer_code,
                "seq": fresh.seq,
                "records": fresh.record_count,
                "again": again,
                **({"withheld": header.withheld} if header.withheld else {}),
            },
        )
    return path


def _write_open(
    db: Database,
    target: _Target,
    out_dir: Path,
    new: tuple[str, Payload] | None,
    lines: Lines,
    progress: Progress | None,
) -> ExportResult:
    """Write every batch for this peer that is not confirmed yet (the new one last)."""
    if not out_dir.is_dir():
        if new is not None:
            new[1].spool.close()
        raise SyncError("sync.no_folder", folder=str(out_dir))
    with db.session() as s:
        rows = (
            s.execute(
                select(SyncBatch)
                .where(
                    SyncBatch.direction == "out",
                    SyncBatch.peer == target.peer,
                    SyncBatch.state.in_(("pending", "exported")),
                )
                .order_by(SyncBatch.seq)
            )
            .scalars()
            .all()
        )
        for r in rows:
            s.expunge(r)
    files: list[Path] = []
    rewritten: list[int] = []
    new_seq: int | None = None
    records = 0
    try:
        for row in rows:
            mine = new is not None and row.id == new[0]
            files.append(_write(db, row, target, out_dir, lines, new[1] if mine and new else None))
            if mine:
                new_seq, records, new = row.seq, row.record_count, None
            else:
                rewritten.append(row.seq)
    finally:
        if new is not None:
            new[1].spool.close()
    if progress is not None:
        progress(1, 1)
    return ExportResult(tuple(files), new_seq, tuple(rewritten), records)


def reopen_refused(db: Database) -> list[int]:
    """Desk: a batch the office refused (its refusal receipt), and every later unconfirmed
    one, go back to the outbox, to be numbered again from the refused number and completed
    with the records the office was missing. Returns the numbers taken back."""
    with db.transaction() as tx:
        s = tx.session
        office = trusted_office(s)
        if office is None:
            return []
        out = (SyncBatch.direction == "out", SyncBatch.peer == office.device_id)
        first = s.execute(
            select(SyncBatch.seq).where(*out, SyncBatch.state == "refused").order_by(SyncBatch.seq)
        ).first()
        if first is None:
            return []
        rows = (
            s.execute(
                select(SyncBatch)
                .where(
                    *out,
                    SyncBatch.seq >= first[0],
                    SyncBatch.state.in_(("pending", "exported", "refused")),
                )
                .order_by(SyncBatch.seq)
            )
            .scalars()
            .all()
        )
        s.execute(
            update(Change)
            .where(Change.batch_id.in_([r.batch_id for r in rows]))
            .values(batch_id=None)
        )
        taken = [r.seq for r in rows]
        for r in rows:
            s.delete(r)
        tx.audit("sync_reissue", "sync_batches", None, {"batches": taken})
    return taken


@cycle_collector_paused()
def export_desk(db: Database, out_dir: Path, progress: Progress | None = None) -> ExportResult:
    """Desk: write every unconfirmed batch again, and a new one with what is in none yet."""
    require(db, roles.EXPORT_BATCH)
    require_desk(db)
    keys = device_keys(db)
    reopen_refused(db)
    with db.session() as s:
        office = trusted_office(s)
        if office is None:
            raise SyncError("sync.no_office_trusted")
        target = _Target(
            office.device_id, office.desk_code, office.box_public, bf.KIND_DESK, keys.sign_private
        )
        count, first, last = outbox.count_unbatched(driver_connection(s))
        got = _last(s, "in", office.device_id, "applied")
        ack = bf.Checkpoint(got.seq, got.hash) if got else None
        prev = _last(s, "out", office.device_id)
    if not out_dir.is_dir():
        raise SyncError("sync.no_folder", folder=str(out_dir))
    ack_moved = ack is not None and (prev is None or prev.ack_seq != ack.seq)

    def number(needs: Needs | None) -> tuple[str, Payload] | None:
        def mark(ses: Session, _batch_id: str) -> None:
            # The ledger row just flushed holds first..last: its changes wait no longer.
            if outbox.unmarked_in(driver_connection(ses), first, last) != count:
                raise SyncError("sync.outbox_changed")

        return _number(
            db,
            target,
            lambda conn: outbox.unbatched(
                conn, last, needs.columns if needs else "", needs.note if needs else None
            ),
            count,
            progress,
            (first, last),
            ack,
            mark,
            ready=(lambda ses: not needs.plan(ses, keys.device_id)) if needs else None,
        )

    new: tuple[str, Payload] | None = None
    if count or ack_moved:
        # The spool notes what the changes need as it reads them; almost always the office
        # can have all of it, and the batch is numbered from this one pass.
        new = number(Needs() if count else None)
        if new is None:
            # Records the office cannot have yet travel whole, ahead of the changes that need them.
            with db.transaction() as tx:
                done = complete_outbox(tx.session, keys.device_id)
                if done.total:
                    tx.audit("sync_complete", "changes", None, {"added": done.added})
            with db.session() as s:
                count, first, last = outbox.count_unbatched(driver_connection(s))
            new = number(None)
    return _write_open(
        db,
        target,
        out_dir,
        new,
        lambda conn, row: outbox.in_batch(conn, row.first_change, row.last_change, row.batch_id),
        progress,
    )


@cycle_collector_paused()
def export_office(
    db: Database, desk: str, out_dir: Path, progress: Progress | None = None
) -> ExportResult:
    """Office: records from every other desk (and the office) that this desk has not had."""
    require(db, roles.IMPORT_OFFICE)
    require_office(db)
    keys = device_keys(db)
    with db.session() as s:
        peer = find_peer(s, desk)
        if peer.revoked_at is not None:
            raise SyncError("sync.desk_revoked_send", desk=peer.desk_code)
        target = _Target(
            peer.device_id, peer.desk_code, peer.box_public, bf.KIND_OFFICE, keys.sign_private
        )
        since = peer.sent_through
        conn = driver_connection(s)
        last = int(conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0])
        names = outbox.relay_entities()
        total = int(
            conn.execute(
                f"SELECT count(*) FROM changes WHERE seq BETWEEN ? AND ? AND origin_device != ? "
                f"AND entity IN ({','.join('?' * len(names))})",
                (since + 1, last, target.peer, *names),
            ).fetchone()[0]
        )
    if not out_dir.is_dir():
        raise SyncError("sync.no_folder", folder=str(out_dir))

    def mark(ses: Session, _batch_id: str) -> None:
        p = ses.get(SyncPeer, target.peer)
        assert p is not None
        if p.sent_through != since:
            raise SyncError("sync.export_raced")
        p.sent_through = last

    new: tuple[str, Payload] | None = None
    if total:
        # Sensitive records the desk's users may not see stay at the office; the header
        # counts them (a batch of nothing but withheld records still says so).
        with db.session() as s:
            held = withheld_for(driver_connection(s), target.peer, since + 1, last)
        new = _number(
            db,
            target,
            lambda c: outbox.relayed(c, target.peer, since + 1, last, held.seqs),
            total - held.total,
            progress,
            (since + 1, last),
            None,
            mark,
            held.counts,
        )
    elif last > since:
        with db.transaction() as tx:  # only this desk's own changes: nothing to send
            mark(tx.session, "")

    def lines(conn: Any, row: SyncBatch) -> Iterator[tuple[bytes, str]]:
        assert row.first_change is not None and row.last_change is not None
        # The same decision again: it depends only on the outbox up to each record.
        skip = withheld_for(conn, target.peer, row.first_change, row.last_change).seqs
        return outbox.relayed(conn, target.peer, row.first_change, row.last_change, skip)

    return _write_open(db, target, out_dir, new, lines, progress)
