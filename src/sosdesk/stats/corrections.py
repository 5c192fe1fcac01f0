"""Amendments: timeline events are immutable, a correction is a later `amendment` event whose
payload names the event (`amends_id`) and the corrected fields (`corrected`). Statistics count
the corrected values; when several amendments correct the same field, the latest one wins."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.domain.validation import Checker
from sosdesk.stats.localtime import utc_text

# Fields statistics read, per event kind.
FIELDS = {
    "assistance": ("type", "subtype", "amount", "currency", "occurred_at"),
    "field_action": ("type", "occurred_at"),
    "court_hearing": ("proceeding", "client_role", "occurred_at"),
    "status_change": ("to_status", "occurred_at"),
}

_SQL = """
SELECT a.amends_id, a.payload FROM events a JOIN events o ON o.id = a.amends_id
WHERE a.kind = 'amendment' AND o.kind = :kind
ORDER BY a.occurred_at, a.created_at, a.id
"""


@dataclass(frozen=True)
class Correction:
    """The effective corrected fields of one event (only the fields that were corrected)."""

    event_id: str
    fields: dict[str, Any]


def _occurred(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return utc_text(moment)


def _clean(kind: str, corrected: dict[str, Any]) -> dict[str, Any]:
    """Keep the corrected fields statistics use, in stored form (money in minor units)."""
    out: dict[str, Any] = {}
    for name in FIELDS[kind]:
        if name not in corrected:
            continue
        value = corrected[name]
        if name == "occurred_at":
            at = _occurred(value)
            if at is not None:
                out[name] = at
        elif name == "amount":
            c = Checker()
            minor = c.amount("amount", value)
            if not c.errors:
                out["amount_minor"] = minor
        else:
            out[name] = value if isinstance(value, str) and value else None
    if "amount_minor" in corrected and isinstance(corrected["amount_minor"], int):
        out["amount_minor"] = corrected["amount_minor"]
    return out


def load_corrections(session: Session, kind: str) -> dict[str, dict[str, Any]]:
    """{event id: corrected fields} for events of `kind` that have been amended."""
    merged: dict[str, dict[str, Any]] = {}
    for target, payload in session.execute(text(_SQL), {"kind": kind}):
        data = json.loads(payload) if isinstance(payload, str) else (payload or {})
        corrected = data.get("corrected") if isinstance(data, dict) else None
        if not isinstance(corrected, dict):
            continue
        fields = _clean(kind, corrected)
        if fields:
            merged.setdefault(target, {}).update(fields)
    return merged
