"""The office's conflict review queue: list what two desks changed differently, and resolve it.

A resolution is an ordinary office edit of the record (outbox, audit, newest clock), so the
chosen value reaches every desk with the next office batch and wins there by its clock.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain.hlc import Timestamp
from sosdesk.services import search_index
from sosdesk.services.caseload import store_weights
from sosdesk.store.database import Database
from sosdesk.store.models import Base, Client
from sosdesk.store.models.sync import SyncConflict
from sosdesk.store.tx import jsonable
from sosdesk.sync.errors import SyncError
from sosdesk.sync.peers import origins_map, require_office
from sosdesk.sync.schema import BadValue, entities
from sosdesk.sync.views import Candidate, ConflictView

_SEARCH = {
    "clients": ("client", search_index.client_body),
    "calls": ("call", search_index.call_body),
    "directory_entries": ("directory", search_index.directory_body),
}


def _model(entity: str) -> type[Any]:
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == entity:  # type: ignore[attr-defined]
            return mapper.class_
    raise SyncError("sync.unknown_entity", entity=entity)


def _label(s: Session, entity: str, obj: Any) -> str:
    if obj is None:
        return "?"
    if entity == "clients":
        return str(obj.code)
    client_id = getattr(obj, "client_id", None)
    if client_id:
        client = s.get(Client, client_id)
        if client is not None:
            return str(client.code)
    for attr in ("name", "code"):
        if getattr(obj, attr, None):
            return str(getattr(obj, attr))
    return str(obj.id)[:8]


def _written_at(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(Timestamp.decode(hlc).wall_ms / 1000, tz=UTC)
    except (ValueError, OverflowError):
        return None


def _view(s: Session, c: SyncConflict, codes: dict[str, str]) -> ConflictView:
    obj = s.get(_model(c.entity), c.entity_id)
    current = jsonable(getattr(obj, c.field)) if obj is not None else None
    cands = tuple(
        Candidate(
            x["value"],
            x["origin"],
            codes.get(x["origin"], x["origin"][:8]),
            x["hlc"],
            _written_at(x["hlc"]),
        )
        for x in c.candidates
    )
    return ConflictView(
        id=c.id,
        entity=c.entity,
        entity_id=c.entity_id,
        record_label=_label(s, c.entity, obj),
        field=c.field,
        base_version=c.base_version,
        current=current,
        candidates=cands,
        state=c.state,
        detected_at=c.detected_at,
        resolved_by=c.resolved_by,
        resolution=c.resolution,
    )


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[ConflictView]:
    """Open conflicts (and resolved ones if asked), oldest first."""
    require_office(db)
    with db.session() as s:
        q = select(SyncConflict).order_by(SyncConflict.detected_at, SyncConflict.id)
        if not include_resolved:
            q = q.where(SyncConflict.state == "open")
        codes = origins_map(s, db.desk.device_id, db.desk.desk_code)
        return [_view(s, c, codes) for c in s.execute(q).scalars()]


def find_conflict(s: Session, ref: str) -> SyncConflict:
    """A conflict by id or by a unique prefix of it (as the CLI lists them)."""
    ref = ref.strip().lower()
    rows = s.execute(select(SyncConflict).where(SyncConflict.id.startswith(ref))).scalars().all()
    if len(rows) != 1:
        raise SyncError("sync.conflict_ambiguous", ref=repr(ref))
    return rows[0]


def _python(entity: str, field: str, value: Any) -> Any:
    """A JSON value as the ORM attribute wants it (checked like an imported record)."""
    col = entities()[entity].columns.get(field)
    if col is None:
        raise SyncError("sync.field_not_settable", entity=entity, field=field)
    if value is None:
        if not col.nullable:
            raise SyncError("sync.field_empty", field=field)
        return None
    try:
        stored = col.convert(value)
    except BadValue as exc:
        raise SyncError("sync.field_bad_value", field=field, detail=str(exc)) from None
    column = entities()[entity].table.c[field]
    kind = type(column.type).__name__
    if kind == "UtcDateTime":
        return datetime.strptime(stored, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    if kind == "Date":
        return date.fromisoformat(stored)
    if kind == "Boolean":
        return bool(stored)
    if kind == "JSON":
        return json.loads(stored)
    return stored


def resolve_conflict(
    db: Database, ref: str, *, pick: int | None = None, value: Any = None, merged: bool = False
) -> ConflictView:
    """Settle a conflict with candidate number `pick` (1-based) or a `merged` value."""
    require_office(db)
    with db.transaction() as tx:
        s = tx.session
        c = find_conflict(s, ref)
        if c.state != "open":
            raise SyncError("sync.conflict_resolved")
        if merged:
            chosen = value
        elif pick is not None and 1 <= pick <= len(c.candidates):
            chosen = c.candidates[pick - 1]["value"]
        else:
            raise SyncError(
                f"choose a value between 1 and {len(c.candidates)}, or give a merged value"
            )
        obj = s.get(_model(c.entity), c.entity_id)
        if obj is None:
            raise SyncError("sync.conflict_record_missing")
        tx.update(obj, {c.field: _python(c.entity, c.field, chosen)})
        # A case weight factor may have changed (the weight is local and never synced).
        if c.entity == "cases":
            store_weights(s, case_ids=[obj.id])
        elif c.entity == "clients":
            store_weights(s, client_ids=[obj.id])
        if c.entity in _SEARCH:
            kind, body = _SEARCH[c.entity]
            search_index.put(s, kind, obj.id, body(obj))
        c.state, c.resolution = "resolved", chosen
        c.resolved_at, c.resolved_by = tx.now, tx.actor.name
        s.flush()
        tx.audit(
            "sync_conflict_resolved",
            c.entity,
            c.entity_id,
            {"field": c.field, "conflict": c.id, "merged": merged},
        )
        return _view(s, c, origins_map(s, db.desk.device_id, db.desk.desk_code))
