"""Break the glass: open a client's full file in a crisis, after typing a reason.

The opening is an `emergency_access` entry in the audit chain (with the reason), lasts until
the desk locks (`access.end_emergencies`), and stays in the coordinator's review list until a
coordinator records an `emergency_reviewed` entry naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.messages import FieldError, ValidationFailed
from sosdesk.services import access
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry, Client

ACCESS = "emergency_access"
REVIEWED = "emergency_reviewed"
MIN_REASON = 10
MAX_REASON = 500


@dataclass(frozen=True)
class EmergencyAccess:
    """One emergency opening of a file, as the coordinator reviews it."""

    seq: int
    at: datetime
    actor: str
    client_id: str
    client_code: str
    reason: str


def break_glass(db: Database, client_id: str, reason: str) -> None:
    """Open `client_id`'s full file for this session, recorded with `reason` in the audit."""
    access.require(db, roles.BREAK_GLASS, client_id)
    text = " ".join(reason.split())
    if len(text) < MIN_REASON:
        raise ValidationFailed([FieldError("reason", "roles.emergency_reason", least=MIN_REASON)])
    with db.transaction() as tx:
        if tx.session.get(Client, client_id) is None:
            raise NotFound("not_found.client", id=client_id)
        tx.audit(ACCESS, "clients", client_id, {"reason": text[:MAX_REASON]})
    access.grant_emergency(db, client_id)


def in_emergency(db: Database, client_id: str) -> bool:
    """Whether this session opened `client_id` by breaking the glass (for the banner)."""
    return client_id in access.emergency_clients(db)


def to_review(db: Database) -> list[EmergencyAccess]:
    """Emergency accesses no coordinator has reviewed yet, oldest first."""
    access.require(db, roles.REVIEW_EMERGENCY)
    with db.session() as s:
        reviewed = {
            str(e.get("seq"))
            for e in s.scalars(select(AuditEntry.detail).where(AuditEntry.action == REVIEWED))
        }
        rows = s.execute(
            select(AuditEntry, Client.code)
            .join(Client, Client.id == AuditEntry.entity_id, isouter=True)
            .where(AuditEntry.action == ACCESS)
            .order_by(AuditEntry.seq)
        ).all()
        return [
            EmergencyAccess(
                e.seq, e.at, e.actor, e.entity_id or "", code or "", str(e.detail.get("reason", ""))
            )
            for e, code in rows
            if str(e.seq) not in reviewed
        ]


def mark_reviewed(db: Database, seq: int) -> None:
    """Record that a coordinator reviewed emergency access `seq` (it leaves the list)."""
    access.require(db, roles.REVIEW_EMERGENCY)
    with db.transaction() as tx:
        entry = tx.session.get(AuditEntry, seq)
        if entry is None or entry.action != ACCESS:
            raise NotFound("not_found.audit_entry", id=str(seq))
        tx.audit(REVIEWED, "audit_entries", str(seq), {"seq": seq})
