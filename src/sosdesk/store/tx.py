"""A write transaction: every insert/update also lands in the Change outbox and the audit chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, inspect
from sqlalchemy.orm import Session

from sosdesk.domain.hlc import HybridLogicalClock
from sosdesk.domain.ids import new_id
from sosdesk.store import audit
from sosdesk.store.models import Change, SyncedMixin, utcnow

_SYNC_META = frozenset({"id", "updated_hlc", "origin_device", "version"})


@dataclass(frozen=True)
class Actor:
    """Who is writing: the unlocked user."""

    user_id: str
    name: str
    role: str


def jsonable(value: Any) -> Any:
    """A column value as it travels in the outbox and in batches."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def column_values(obj: SyncedMixin) -> dict[str, Any]:
    """All column values of a row, JSON-ready, without the sync bookkeeping columns."""
    mapper = inspect(type(obj))
    return {
        c.key: jsonable(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in _SYNC_META
    }


class Tx:
    """Wraps a Session in one write transaction; use through `Database.transaction()`.

    Outbox and audit rows are collected and written in bulk by `finish()`, just before commit,
    so a transaction of many writes reads the chain tail once and flushes once.
    """

    def __init__(self, session: Session, actor: Actor, device_id: str, clock: HybridLogicalClock):
        self.session = session
        self.actor = actor
        self.device_id = device_id
        self.clock = clock
        self.now = utcnow()
        self._changes: list[tuple[SyncedMixin, str, dict[str, Any] | None, int, str]] = []
        self._audit: list[tuple[str, str, str | None, dict[str, Any]]] = []

    def insert(self, obj: SyncedMixin, *, audit_detail: dict[str, Any] | None = None) -> Any:
        """Add a new synced row with id, clock and version set; outbox and audit recorded."""
        if not getattr(obj, "id", None):
            obj.id = new_id()
        obj.created_at = obj.created_at or self.now
        obj.updated_hlc = self.clock.now().encode()
        obj.origin_device = self.device_id
        obj.version = 1
        # A flush orders rows by mapper, not by foreign key; flushing what is pending when a
        # row of another kind arrives keeps the services' order (parents before children).
        if self.session.new and any(type(o) is not type(obj) for o in self.session.new):
            self.session.flush()
        self.session.add(obj)
        self._changes.append((obj, "insert", None, 0, obj.updated_hlc))
        self.audit("create", type(obj).__tablename__, obj.id, audit_detail)  # type: ignore[attr-defined]
        return obj

    def update(self, obj: SyncedMixin, changes: dict[str, Any]) -> list[str]:
        """Apply field changes; record only fields that really changed. Returns their names."""
        changed = {k: v for k, v in changes.items() if getattr(obj, k) != v}
        if not changed:
            return []
        base = obj.version
        for k, v in changed.items():
            setattr(obj, k, v)
        obj.version = base + 1
        obj.updated_hlc = self.clock.now().encode()
        fields = {k: jsonable(getattr(obj, k)) for k in changed}
        self._changes.append((obj, "update", fields, base, obj.updated_hlc))
        table = type(obj).__tablename__  # type: ignore[attr-defined]
        self.audit("update", table, obj.id, {"fields": sorted(changed)})
        return sorted(changed)

    def audit(
        self, action: str, entity: str, entity_id: str | None, detail: dict[str, Any] | None = None
    ) -> None:
        """Append to the audit chain in this transaction."""
        self._audit.append((action, entity, entity_id, detail or {}))

    def finish(self) -> None:
        """Flush the rows, then write the outbox and the audit entries (called before commit)."""
        self.session.flush()
        if self._changes:
            # Lazy: the store does not depend on sync, except for this one shared check.
            from sosdesk.sync.schema import check_outgoing

            rows = [
                {
                    "entity": type(obj).__tablename__,  # type: ignore[attr-defined]
                    "entity_id": obj.id,
                    "op": op,
                    "fields": fields if fields is not None else column_values(obj),
                    "base_version": base,
                    "hlc": hlc,
                    "origin_device": self.device_id,
                }
                for obj, op, fields, base, hlc in self._changes
            ]
            for row in rows:
                check_outgoing(row["entity"], row["op"], row["fields"])
            self.session.execute(insert(Change), rows)
            self._changes.clear()
        if self._audit:
            audit.append_many(self.session, self.now, self.actor.name, self._audit)
            self._audit.clear()
