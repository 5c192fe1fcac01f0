"""Completing the desk's outbox before an export, so the office never gets a change it cannot
apply (see docs/architecture.md, "Refused records").

A row can exist at a desk without ever having entered the outbox (demo data is written in
bulk, straight into the tables). When such a row is changed, or a new row refers to it, the
office would receive an update of a record it does not have, or a foreign key to nothing, and
refuse the whole batch; every later export would repeat it. So, before a new batch is
numbered, every record the unbatched changes need that this desk wrote and never sent whole is
added to the outbox as a full-state insert (referenced records first), ahead of the unbatched
changes, which keep their relative order.

The check is set-based and rides on the export's own read of the waiting changes (`Needs`):
the references are read from the changes' JSON in SQL, and whether a record was ever sent whole
is asked of the outbox's index of record ids, so an export of 100,000 changes neither loads them
as objects nor reads the whole outbox of a desk with millions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text
from sqlalchemy.orm import Session

from sosdesk.store.models import Base, Change, SyncedMixin
from sosdesk.store.raw import driver_connection
from sosdesk.store.tx import column_values
from sosdesk.sync import outbox
from sosdesk.sync.outbox import WAITING
from sosdesk.sync.schema import check_outgoing, entities, may_send

_DESK = "desk"
_CHUNK = 500
_COPIED = ("entity", "entity_id", "op", "fields", "base_version", "hlc", "origin_device")


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


def _references(entity: str) -> list[tuple[str, str]]:
    """(column, referenced synced table) for each foreign key of a synced table."""
    known = entities()
    table = known[entity].table
    return [
        (fk.parent.key, fk.column.table.name)
        for fk in table.foreign_keys
        if fk.column.table.name in known
    ]


def _sent_whole(conn: Connection, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which of `keys` have an insert in the outbox (found by `ix_changes_entity_id`)."""
    by_entity: dict[str, list[str]] = {}
    for entity, rid in keys:
        by_entity.setdefault(entity, []).append(rid)
    query = (
        select(Change.entity, Change.entity_id)
        .where(Change.op == "insert", Change.entity == bindparam("entity"))
        .where(Change.entity_id.in_(bindparam("ids", expanding=True)))
    )
    found: set[tuple[str, str]] = set()
    for entity, ids in by_entity.items():
        for at in range(0, len(ids), _CHUNK):
            rows = conn.execute(query, {"entity": entity, "ids": ids[at : at + _CHUNK]})
            found.update((e, i) for e, i in rows)
    return found


class _Planner:
    def __init__(
        self, s: Session, device_id: str, classes: dict[str, type[SyncedMixin]], sent: set[Any]
    ) -> None:
        self.s = s
        self.device_id = device_id
        self.classes = classes
        self.planned: list[tuple[str, SyncedMixin]] = []
        self._seen: set[tuple[str, str]] = set()
        self._sent = sent

    def need(self, entity: str, rid: str) -> None:
        """Plan a full-state insert of (entity, rid) if the office cannot have it."""
        key = (entity, rid)
        if key in self._seen or entity not in self.classes:
            return
        self._seen.add(key)
        if key in self._sent:
            return
        if not may_send(_DESK, entity, "insert"):
            return
        obj = self.s.get(self.classes[entity], rid)
        # A row that came from the office (or another desk through it) is there already.
        if obj is None or obj.origin_device != self.device_id:
            return
        refs = [
            (t, str(v)) for c, t in _references(entity) if (v := getattr(obj, c, None)) is not None
        ]
        # Referenced records that were not among the keys asked about in bulk are asked now.
        self._sent |= _sent_whole(self.s.connection(), [k for k in refs if k not in self._seen])
        for target, rid in refs:
            self.need(target, rid)
        self.planned.append((entity, obj))


class Needs:
    """What waiting changes need, noted row by row as an export reads them (one pass for the
    payload and the check): the records they insert, and every record they name that they do
    not insert (what they update, and what they refer to)."""

    def __init__(self) -> None:
        self._classes = _classes()
        refs = {e: _references(e) for e in self._classes if e in entities()}
        names = sorted({column for pairs in refs.values() for column, _ in pairs})
        # Column names of our own tables, never input: safe to place in the statement.
        self.columns = "".join(f", json_extract(fields, '$.{name}')" for name in names)
        # Per table, where each reference stands in an outbox row read with these columns.
        self._where = {
            e: [(outbox.WIDTH + names.index(c), target) for c, target in r] for e, r in refs.items()
        }
        self.here: set[tuple[str, str]] = set()
        self._wanted: dict[tuple[str, str], None] = {}

    def note(self, row: tuple[Any, ...]) -> None:
        """Take one outbox row (`outbox.COLUMNS`, then `self.columns`)."""
        entity, rid, op = row[1], row[2], row[3]
        if op == "insert":
            self.here.add((entity, rid))
        elif op == "update":
            self._wanted[(entity, rid)] = None
        for at, target in self._where.get(entity, ()):
            if row[at] is not None:
                self._wanted[(target, str(row[at]))] = None

    def wanted(self) -> list[tuple[str, str]]:
        """Records named and not inserted by the changes noted."""
        # Records inserted by these very changes travel whole already, ahead of what needs them.
        return [k for k in self._wanted if k not in self.here]

    def plan(self, s: Session, device_id: str) -> list[tuple[str, SyncedMixin]]:
        """The full-state inserts the changes noted need (referenced records first)."""
        wanted = self.wanted()
        sent = self.here | _sent_whole(s.connection(), wanted)
        plan = _Planner(s, device_id, self._classes, sent)
        for entity, rid in wanted:
            plan.need(entity, rid)
        return plan.planned


def _scan(conn: Any) -> Needs:
    """One pass over the waiting changes (on the DB-API connection: 100,000 rows through
    SQLAlchemy's result cost more than reading them)."""
    needs = Needs()
    for row in conn.execute(
        f"SELECT {outbox.COLUMNS}{needs.columns} FROM changes WHERE {WAITING} ORDER BY seq"
    ):
        needs.note(row)
    return needs


def complete_outbox(s: Session, device_id: str) -> Completion:
    """Add full-state inserts for the records the unbatched changes need; run in a write
    transaction at a desk, before the unbatched changes are counted."""
    conn = s.connection()
    unbatched = text(WAITING)
    last = conn.execute(select(func.max(Change.seq)).where(unbatched)).scalar()
    if last is None:
        return Completion({})
    planned = _scan(driver_connection(s)).plan(s, device_id)
    if not planned:
        return Completion({})
    added: dict[str, int] = {}
    full = []
    for entity, obj in planned:
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
    # The unbatched changes are numbered again after the inserts they depend on, copied in SQL
    # in their order; nothing outside the outbox refers to the number of a change in no batch.
    s.execute(insert(Change), full)
    columns = [getattr(Change, c) for c in _COPIED]
    again = select(*columns).where(unbatched, Change.seq <= last).order_by(Change.seq)
    s.execute(insert(Change).from_select(list(_COPIED), again))
    s.execute(delete(Change).where(unbatched, Change.seq <= last))
    return Completion(added)
