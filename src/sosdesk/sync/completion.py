"""Completing the desk's outbox before an export, so the office never gets a change it cannot
apply (see docs/architecture.md, "Refused records").

A row can exist at a desk without ever having entered the outbox (demo data is written in
bulk, straight into the tables). When such a row is changed, or a new row refers to it, the
office would receive an update of a record it does not have, or a foreign key to nothing, and
refuse the whole batch; every later export would repeat it. So, before a new batch is
numbered, every record the unbatched changes need that this desk wrote and never sent whole is
added to the outbox as a full-state insert (referenced records first), ahead of the unbatched
changes, which keep their relative order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from sosdesk.store.models import Base, Change, SyncedMixin
from sosdesk.store.tx import column_values
from sosdesk.sync.schema import check_outgoing, entities, may_send

_DESK = "desk"


@dataclass(frozen=True)
class Completion:
    """What the completion added: full-state inserts per table."""

    added: dict[str, int]

    @property
    def total(self) -> int:
        """How many records were added in all."""
        return sum(self.added.values())


def _classes() -> dict[str, type[SyncedMixin]]:
    out: dict[str, type[SyncedMixin]] = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, SyncedMixin):
            out[mapper.local_table.name] = cls  # type: ignore[attr-defined]
    return out


class _Planner:
    def __init__(self, s: Session, device_id: str) -> None:
        self.s = s
        self.device_id = device_id
        self.classes = _classes()
        self.known = entities()
        self.planned: list[tuple[str, SyncedMixin]] = []
        self._seen: set[tuple[str, str]] = set()
        rows = s.execute(select(Change.entity, Change.entity_id).where(Change.op == "insert"))
        self._sent = {(e, i) for e, i in rows}

    def need(self, entity: str, rid: str) -> None:
        """Plan a full-state insert of (entity, rid) if the office cannot have it."""
        key = (entity, rid)
        if key in self._seen or key in self._sent or entity not in self.known:
            return
        self._seen.add(key)
        if not may_send(_DESK, entity, "insert"):
            return
        obj = self.s.get(self.classes[entity], rid)
        # A row that came from the office (or another desk through it) is there already.
        if obj is None or obj.origin_device != self.device_id:
            return
        self.refs(entity, obj)
        self.planned.append((entity, obj))

    def refs(self, entity: str, obj: Any) -> None:
        """Plan the records `obj` refers to (parents before children)."""
        table = self.known[entity].table
        for fk in table.foreign_keys:
            target = fk.column.table.name
            value = getattr(obj, fk.parent.key, None)
            if value is not None and target in self.known:
                self.need(target, str(value))


def complete_outbox(s: Session, device_id: str) -> Completion:
    """Add full-state inserts for the records the unbatched changes need; run in a write
    transaction at a desk, before the unbatched changes are counted."""
    pending = s.execute(select(Change).where(Change.batch_id.is_(None)).order_by(Change.seq))
    rows = list(pending.scalars())
    if not rows:
        return Completion({})
    plan = _Planner(s, device_id)
    classes = plan.classes
    for ch in rows:
        if ch.entity not in classes:
            continue
        if ch.op == "update":
            plan.need(ch.entity, ch.entity_id)
        else:
            obj = s.get(classes[ch.entity], ch.entity_id)
            if obj is not None:
                plan.refs(ch.entity, obj)
    if not plan.planned:
        return Completion({})
    old = [
        {
            "entity": ch.entity,
            "entity_id": ch.entity_id,
            "op": ch.op,
            "fields": ch.fields,
            "base_version": ch.base_version,
            "hlc": ch.hlc,
            "origin_device": ch.origin_device,
        }
        for ch in rows
    ]
    added: dict[str, int] = {}
    full = []
    for entity, obj in plan.planned:
        fields = column_values(obj)
        check_outgoing(entity, "insert", fields)
        full.append(
            {
                "entity": entity,
                "entity_id": obj.id,
                "op": "insert",
                "fields": fields,
                "base_version": 0,
                "hlc": obj.updated_hlc,
                "origin_device": device_id,
            }
        )
        added[entity] = added.get(entity, 0) + 1
    # The unbatched changes are numbered again after the inserts they depend on; nothing
    # outside the outbox refers to the number of a change that is in no batch yet.
    s.execute(delete(Change).where(Change.batch_id.is_(None)))
    s.execute(insert(Change), full)
    s.execute(insert(Change), old)
    return Completion(added)
