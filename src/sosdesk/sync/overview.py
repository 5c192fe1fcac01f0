"""The office's overview of its desks: the last batch applied, batches waiting for an earlier
one, batches refused (kept in quarantine) and open conflicts (the Office area's desk table)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from sosdesk.store.database import Database
from sosdesk.store.models.sync import SyncBatch, SyncConflict, SyncPeer, SyncQuarantine
from sosdesk.sync.peers import require_office

MAX_CONFLICTS = 100_000  # a bound on the rows read to count them per desk


@dataclass(frozen=True)
class DeskOverview:
    """One enrolled desk as the office sees it."""

    code: str
    revoked: bool
    last_seq: int | None
    last_at: datetime | None
    waiting: int
    refused: int
    conflicts: int


def desks_overview(db: Database) -> list[DeskOverview]:
    """Every enrolled desk, by code. Office only."""
    require_office(db)
    with db.session() as s:
        peers = list(
            s.execute(
                select(SyncPeer).where(SyncPeer.role == "desk").order_by(SyncPeer.desk_code)
            ).scalars()
        )
        incoming = SyncBatch.direction == "in"
        last = {
            peer: (seq, when)
            for peer, seq, when in s.execute(
                select(SyncBatch.peer, func.max(SyncBatch.seq), func.max(SyncBatch.done_at))
                .where(incoming, SyncBatch.state == "applied")
                .group_by(SyncBatch.peer)
            )
        }
        held = dict(
            s.execute(
                select(SyncBatch.peer, func.count())
                .where(incoming, SyncBatch.state == "held")
                .group_by(SyncBatch.peer)
            ).all()
        )
        refused = dict(
            s.execute(
                select(SyncQuarantine.peer, func.count())
                .where(SyncQuarantine.peer.is_not(None))
                .group_by(SyncQuarantine.peer)
            ).all()
        )
        open_conflicts = s.execute(
            select(SyncConflict.candidates).where(SyncConflict.state == "open").limit(MAX_CONFLICTS)
        ).scalars()
        involved: Counter[str] = Counter()
        for candidates in open_conflicts:
            for origin in {c.get("origin") for c in candidates or [] if isinstance(c, dict)}:
                involved[str(origin)] += 1
        return [
            DeskOverview(
                code=p.desk_code,
                revoked=p.revoked_at is not None,
                last_seq=last.get(p.device_id, (None, None))[0],
                last_at=last.get(p.device_id, (None, None))[1],
                waiting=int(held.get(p.device_id, 0)),
                refused=int(refused.get(p.device_id, 0)),
                conflicts=involved[p.device_id],
            )
            for p in peers
        ]
