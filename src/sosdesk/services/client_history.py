"""Field history of a record, rebuilt from the Change outbox: for every edit, the field, its
previous value, its new value, when (from the clock stamp) and who (from the audit chain).
The identification status history adds who decided it, from `status_change` events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.hlc import Timestamp
from sosdesk.services.access import require
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry, Change, Event, User

_SKIP = frozenset({"created_at", "extra"})


@dataclass(frozen=True)
class FieldChange:
    """One field of one edit: `old` is the value before it (None when it was empty)."""

    at: datetime
    actor: str | None
    field: str
    old: Any
    new: Any
    version: int
    old_known: bool = True  # False: the record was loaded in bulk, its first value is unrecorded


@dataclass(frozen=True)
class StatusChange:
    """One change of identification status, newest first in lists."""

    at: datetime
    actor: str | None
    old: str | None
    new: str
    decided_by: str | None
    note: str | None


def _when(hlc: str) -> datetime:
    try:
        return datetime.fromtimestamp(Timestamp.decode(hlc).wall_ms / 1000, UTC)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)


def entity_history(
    db: Database, entity: str, entity_id: str, *, fields: set[str] | None = None
) -> list[FieldChange]:
    """Every edit of one record (table name and id), newest first."""
    with db.session() as s:
        changes = list(
            s.execute(
                select(Change)
                .where(Change.entity == entity, Change.entity_id == entity_id)
                .order_by(Change.seq)
            ).scalars()
        )
        audits = list(
            s.execute(
                select(AuditEntry.actor)
                .where(
                    AuditEntry.entity == entity,
                    AuditEntry.entity_id == entity_id,
                    AuditEntry.action.in_(("create", "update")),
                )
                .order_by(AuditEntry.seq)
            ).scalars()
        )
        names = {r[0]: r[1] for r in s.execute(select(User.name, User.display_name))}
    # Every local write adds one outbox row and one audit entry in the same transaction; rows
    # that came from elsewhere (sync) have no local audit entry, so the actor is then unknown.
    actors: list[str | None] = (
        list(audits) if len(audits) == len(changes) else [None] * len(changes)
    )
    current: dict[str, Any] = {}
    known: set[str] = set()
    out: list[FieldChange] = []
    for change, actor in zip(changes, actors, strict=True):
        if change.op == "insert":
            current = dict(change.fields)
            known = set(current)
            continue
        at = _when(change.hlc)
        who = names.get(actor, actor) if actor else None
        for name, value in change.fields.items():
            if name in _SKIP or (fields is not None and name not in fields):
                continue
            out.append(
                FieldChange(
                    at, who, name, current.get(name), value, change.base_version + 1, name in known
                )
            )
            current[name] = value
            known.add(name)
    out.reverse()
    return out


def field_history(db: Database, client_id: str) -> list[FieldChange]:
    """Previous values of every edited client field, newest first."""
    require(db, roles.SEE_CLIENT_FILE, client_id)
    return entity_history(db, "clients", client_id)


def status_history(db: Database, client_id: str) -> list[StatusChange]:
    """Identification status changes, newest first: every `status_change` event (who decided,
    why) and every direct edit of the status that no such event explains.
    """
    require(db, roles.SEE_CLIENT_FILE, client_id)
    edits = entity_history(db, "clients", client_id, fields={"status"})
    names = user_names(db)
    with db.session() as s:
        events = list(
            s.execute(
                select(Event)
                .where(Event.client_id == client_id, Event.kind == "status_change")
                .order_by(Event.created_at.desc())
            ).scalars()
        )
    out = [
        StatusChange(
            e.occurred_at,
            names.get(e.author_id or ""),
            e.payload.get("from_status"),
            e.payload.get("to_status") or "unknown",
            e.payload.get("decided_by"),
            e.payload.get("note"),
        )
        for e in events
    ]
    for edit in edits:
        # An event and the status update it causes are written in one transaction.
        explained = any(
            e.payload.get("to_status") == edit.new
            and abs(e.created_at - edit.at) < timedelta(seconds=5)
            for e in events
        )
        if not explained:
            out.append(StatusChange(edit.at, edit.actor, edit.old, edit.new, None, None))
    out.sort(key=lambda c: c.at, reverse=True)
    return out


def user_names(db: Database) -> dict[str, str]:
    """Display names of every user, active or not (authors of old entries)."""
    with db.session() as s:
        return {r[0]: r[1] for r in s.execute(select(User.id, User.display_name))}


def display_names(db: Database) -> dict[str, str]:
    """Display names by login name (the audit chain and plan reviews record the login)."""
    with db.session() as s:
        return {r[0]: r[1] for r in s.execute(select(User.name, User.display_name))}
