"""What has (not) travelled: the desk's status and the ledger as lists of plain views."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from sosdesk.store.database import Database
from sosdesk.store.models import Change
from sosdesk.store.models.sync import SyncBatch, SyncPeer
from sosdesk.sync.identity import own_identity
from sosdesk.sync.outbox import WAITING
from sosdesk.sync.peers import require_desk, trusted_office
from sosdesk.sync.views import BatchView, DeskStatus


def _codes(s: Session) -> dict[str, str]:
    return {p.device_id: p.desk_code for p in s.execute(select(SyncPeer)).scalars()}


def _view(b: SyncBatch, codes: dict[str, str]) -> BatchView:
    return BatchView(
        b.id,
        b.direction,
        codes.get(b.peer, b.peer[:8]),
        b.seq,
        b.state,
        b.record_count,
        b.created_at,
        b.recorded_at,
        b.done_at,
        b.note if b.direction == "in" else None,
    )


def batches(
    db: Database,
    *,
    direction: str | None = None,
    states: tuple[str, ...] = (),
    limit: int = 500,
) -> list[BatchView]:
    """Ledger rows, newest first."""
    with db.session() as s:
        q = select(SyncBatch).order_by(SyncBatch.recorded_at.desc(), SyncBatch.seq.desc())
        if direction:
            q = q.where(SyncBatch.direction == direction)
        if states:
            q = q.where(SyncBatch.state.in_(states))
        codes = _codes(s)
        return [_view(b, codes) for b in s.execute(q.limit(limit)).scalars()]


def desk_status(db: Database) -> DeskStatus:
    """Desk: changes not in a batch yet, batches not confirmed, the last word from the office."""
    require_desk(db)
    me = own_identity(db)
    with db.session() as s:
        office = trusted_office(s)
        codes = _codes(s)
        unexported = s.execute(
            select(func.count()).select_from(Change).where(text(WAITING))
        ).scalar_one()
        peer = office.device_id if office else ""
        out = (
            s.execute(
                select(SyncBatch)
                .where(SyncBatch.direction == "out", SyncBatch.peer == peer)
                .order_by(SyncBatch.seq)
            )
            .scalars()
            .all()
        )
        undelivered = tuple(
            _view(b, codes) for b in out if b.state in ("pending", "exported", "refused")
        )
        delivered = [b for b in out if b.state == "delivered"]
        got = s.execute(
            select(SyncBatch)
            .where(
                SyncBatch.direction == "in",
                SyncBatch.peer == peer,
                SyncBatch.state == "applied",
            )
            .order_by(SyncBatch.seq.desc())
            .limit(1)
        ).scalar_one_or_none()
        held = s.execute(
            select(func.count())
            .select_from(SyncBatch)
            .where(SyncBatch.direction == "in", SyncBatch.state == "held")
        ).scalar_one()
        return DeskStatus(
            desk_code=me.desk_code,
            fingerprint=me.fingerprint,
            office_code=office.desk_code if office else None,
            office_fingerprint=office.fingerprint if office else None,
            unexported_changes=int(unexported),
            undelivered=undelivered,
            last_delivered=_view(delivered[-1], codes) if delivered else None,
            last_from_office=_view(got, codes) if got else None,
            held_from_office=int(held),
        )
