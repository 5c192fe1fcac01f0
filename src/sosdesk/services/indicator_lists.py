"""Indicator lists as versioned data: the ILO/EC 2009 seed from the resource file, new
versions a coordinator adds (no migration), and each stored version kept unchanged."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from sosdesk.datafiles import shipped
from sosdesk.domain.indicators import SETS, WEIGHTS, IndicatorList, parse_list
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.casework_roles import require
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import IndicatorList as IndicatorListRow

KINDS = ("preliminary", "formal")
SEED_FILE = "indicators_ilo_ec_2009.json"


@dataclass(frozen=True)
class StoredList:
    """A stored version: its row id and the parsed list."""

    id: str
    kind: str
    version: int
    note: str | None
    indicators: IndicatorList


def seed_data() -> dict[str, Any]:
    """The ILO/EC 2009 lists shipped with the program (in the wheel, the bundle or a checkout)."""
    path = shipped("resources", "casework", SEED_FILE)
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def seed_id(kind: str) -> str:
    """The same id for the shipped version 1 on every desk, so desks seeding on their own never
    send the office two copies (an insert of an id it has is skipped)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"sosdesk:indicator-list:{kind}:{SEED_FILE}:1"))


def _stored(row: IndicatorListRow) -> StoredList:
    return StoredList(
        row.id,
        row.kind,
        row.list_version,
        row.note,
        parse_list(row.kind, row.list_version, row.data),
    )


def ensure_seeded(db: Database) -> None:
    """Store version 1 of both lists the first time casework needs them."""
    with db.session() as s:
        have = set(s.execute(select(IndicatorListRow.kind)).scalars())
    missing = [k for k in KINDS if k not in have]
    if not missing:
        return
    data = seed_data()
    with db.transaction() as tx:
        for kind in missing:
            tx.insert(
                IndicatorListRow(
                    id=seed_id(kind), kind=kind, list_version=1, data=data, note=None, added_by=None
                ),
                audit_detail={"kind": kind, "list_version": 1},
            )


def current_list(db: Database, kind: str) -> StoredList:
    """The newest version of the preliminary or formal list."""
    ensure_seeded(db)
    with db.session() as s:
        row = s.execute(
            select(IndicatorListRow)
            .where(IndicatorListRow.kind == kind)
            .order_by(
                IndicatorListRow.list_version.desc(),
                IndicatorListRow.created_at.desc(),
                IndicatorListRow.id,
            )
            .limit(1)
        ).scalar_one_or_none()
        if row is None:
            raise NotFound("not_found.indicator_list", ref=kind[:20])
        return _stored(row)


def list_versions(db: Database) -> list[StoredList]:
    """Every stored version of both lists, oldest first (a screening keeps the one it used)."""
    ensure_seeded(db)
    with db.session() as s:
        rows = s.execute(
            select(IndicatorListRow).order_by(
                IndicatorListRow.kind, IndicatorListRow.list_version, IndicatorListRow.created_at
            )
        ).scalars()
        return [_stored(r) for r in rows]


def get_list(db: Database, list_id: str) -> StoredList:
    """One stored version, as a screening that used it reads it."""
    with db.session() as s:
        row = s.get(IndicatorListRow, list_id)
        if row is None:
            raise NotFound("not_found.indicator_list", ref=list_id)
        return _stored(row)


def _check(data: dict[str, Any]) -> None:
    problems = 0
    dims = {d.get("code") for d in data.get("dimensions") or [] if isinstance(d, dict)}
    items = data.get("items") or []
    if not dims or not items:
        problems += 1
    for item in items:
        weights = item.get("weight") if isinstance(item, dict) else None
        if (
            not isinstance(weights, dict)
            or not weights
            or item.get("dimension") not in dims
            or not item.get("code")
            or not item.get("en")
            or not item.get("sr")
            or any(k not in SETS or v not in WEIGHTS for k, v in weights.items())
        ):
            problems += 1
    if problems:
        raise ValidationFailed([FieldError("items", "casework.bad_list", count=problems)])


def add_version(db: Database, kind: str, data: dict[str, Any], note: str | None) -> StoredList:
    """A coordinator stores a new version of a list; older versions stay as they were."""
    require(db, "indicator_lists.edit")
    if kind not in KINDS:
        raise NotFound("not_found.indicator_list", ref=kind[:20])
    _check(data)
    ensure_seeded(db)
    with db.transaction() as tx:
        top = tx.session.execute(
            select(func.max(IndicatorListRow.list_version)).where(IndicatorListRow.kind == kind)
        ).scalar_one()
        row = IndicatorListRow(
            kind=kind, list_version=(top or 0) + 1, data=data, note=note, added_by=tx.actor.user_id
        )
        tx.insert(row, audit_detail={"kind": kind, "list_version": row.list_version})
        stored = _stored(row)
    return stored
