"""Correct a saved call field by field: the call holds the corrected value, a CallCorrection
row keeps the value it replaced, the reason, the author and the version it was made from.

The call row changes through `Tx.update`, so the outbox carries the field with its base
version: two desks correcting the same field from the same version meet in the office's
conflict queue. The client's timeline gets an `amendment` of the call's event, which the
chronology prints with its date and author.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services import search_index
from sosdesk.services.access import require
from sosdesk.services.calls import CallInput, clean_call
from sosdesk.services.errors import NotFound
from sosdesk.services.events import insert_event
from sosdesk.services.views import CallView, to_view
from sosdesk.store.database import Database
from sosdesk.store.models import Call, CallCorrection, Client, Event
from sosdesk.store.tx import Tx

# Every field of a saved call that may be corrected; `client` is the link to a client.
LIST_FIELDS = ("categories", "emergency_steps", "referrals_given")
TIME_FIELDS = ("started_at", "ended_at")
TEXT_FIELDS = ("summary", "actions_taken", "caller_phone")
CODE_FIELDS = ("line", "direction", "caller_type", "language", "urgency")
FIELDS = (*CODE_FIELDS, *TIME_FIELDS, *TEXT_FIELDS, *LIST_FIELDS, "client")
_INDEXED = frozenset({"summary", "actions_taken", "caller_phone"})

# Who may correct (issue 12 brings the role matrix; until then this one rule).


@dataclass(frozen=True)
class CorrectionView:
    """One corrected field of a call, as its history shows it."""

    id: str
    call_id: str
    field: str
    old_value: Any
    new_value: Any
    reason: str
    author_id: str | None
    base_version: int
    created_at: datetime


def _parse(field: str, value: Any) -> Any:
    """A value as typed on the command line (text) or given by a form (already typed)."""
    if field in LIST_FIELDS:
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return list(value or [])
    if field in TIME_FIELDS:
        if value is None or isinstance(value, datetime):
            return value
        text = str(value).strip()
        if not text and field == "ended_at":
            return None
        try:
            at = datetime.fromisoformat(text)
        except ValueError:
            raise ValidationFailed([FieldError(field, "correction.bad_time")]) from None
        if at.tzinfo is None:
            raise ValidationFailed([FieldError(field, "correction.bad_time")])
        return at
    if isinstance(value, str):
        return value.strip() or None
    return value


def _input_of(call: Call) -> CallInput:
    return CallInput(
        line=call.line,
        direction=call.direction,
        started_at=call.started_at,
        ended_at=call.ended_at,
        caller_type=call.caller_type,
        caller_phone=call.caller_phone,
        language=call.language,
        categories=list(call.categories or []),
        summary=call.summary,
        actions_taken=call.actions_taken,
        referrals_given=list(call.referrals_given or []),
        urgency=call.urgency,
        emergency_steps=list(call.emergency_steps or []),
    )


def _client_id(tx: Tx, value: Any) -> str | None:
    """A client code or id (empty unlinks)."""
    if value is None or not str(value).strip():
        return None
    ref = str(value).strip()
    found = tx.session.get(Client, ref)
    if found is None:
        found = tx.session.execute(select(Client).where(Client.code == ref)).scalar_one_or_none()
    if found is None:
        raise NotFound("not_found.client_code", code=ref[:40])
    return found.id


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _call_event(tx: Tx, call: Call, client_id: str | None) -> Event | None:
    if client_id is None:
        return None
    return tx.session.execute(
        select(Event).where(
            Event.call_id == call.id, Event.client_id == client_id, Event.kind == "call"
        )
    ).scalar_one_or_none()


def correct_call(db: Database, call_id: str, field: str, value: Any, reason: str) -> CallView:
    """Correct one field of a saved call with a reason; refuses (nothing changed) a bad field,
    value or reason, or a value that equals the current one."""
    if field not in FIELDS:
        raise ValidationFailed([FieldError("field", "correction.unknown_field", field=field[:40])])
    require(db, roles.RELINK_CALL if field == "client" else roles.CORRECT_CALL)
    if not (reason or "").strip():
        raise ValidationFailed([FieldError("reason", "correction.reason_required")])
    reason = reason.strip()
    with db.transaction() as tx:
        call = tx.session.get(Call, call_id)
        if call is None:
            raise NotFound("not_found.call", id=call_id[:40])
        base = call.version
        if field == "client":
            old: Any = call.client_id
            new: Any = _client_id(tx, value)
        else:
            old = getattr(call, field)
            data = replace(_input_of(call), **{field: _parse(field, value)})
            new = clean_call(data)[field]  # the corrected call must itself be valid
        if old == new or (not old and not new):
            raise ValidationFailed([FieldError(field, "correction.nothing_changed")])
        column = "client_id" if field == "client" else field
        tx.update(call, {column: new})
        tx.insert(
            CallCorrection(
                call_id=call.id,
                field=field,
                old_value=_jsonable(old),
                new_value=_jsonable(new),
                reason=reason,
                author_id=tx.actor.user_id,
                base_version=base,
            ),
            audit_detail={"call_id": call.id, "field": field},
        )
        if field in _INDEXED:
            search_index.put(tx.session, "call", call.id, search_index.call_body(call))
        _mark_timeline(tx, call, field, old, new, reason)
        view: CallView = to_view(CallView, call)
    return view


def _mark_timeline(tx: Tx, call: Call, field: str, old: Any, new: Any, reason: str) -> None:
    """The client's timeline (and so the chronology) shows the correction with date and author."""
    if field == "client":
        event = _call_event(tx, call, old)
        if event is not None:
            corrected = {"client_id": new}
            insert_event(tx, event.client_id, "amendment", tx.now, _amend(event, corrected, reason))
        if new is not None:
            insert_event(
                tx,
                new,
                "call",
                call.started_at,
                {"call_id": call.id, "summary": call.summary},
                call_id=call.id,
            )
        return
    event = _call_event(tx, call, call.client_id)
    if event is None:
        return
    key = "occurred_at" if field == "started_at" else field
    corrected = {key: _jsonable(new)}
    insert_event(tx, event.client_id, "amendment", tx.now, _amend(event, corrected, reason))


def _amend(event: Event, corrected: dict[str, Any], reason: str) -> dict[str, Any]:
    return {"amends_id": event.id, "corrected": corrected, "reason": reason}


def corrections_of(db: Database, call_id: str) -> list[CorrectionView]:
    """A call's corrections, oldest first: its history with every original value."""
    q = (
        select(CallCorrection)
        .where(CallCorrection.call_id == call_id)
        .order_by(CallCorrection.created_at, CallCorrection.id)
    )
    with db.session() as s:
        return [to_view(CorrectionView, c) for c in s.execute(q).scalars()]


def original_call(db: Database, call_id: str) -> dict[str, Any]:
    """The call's fields as first saved (each corrected field at its first recorded value)."""
    with db.session() as s:
        call = s.get(Call, call_id)
        if call is None:
            raise NotFound("not_found.call", id=call_id[:40])
        now = {f: _jsonable(getattr(call, "client_id" if f == "client" else f)) for f in FIELDS}
    for c in reversed(corrections_of(db, call_id)):
        now[c.field] = c.old_value
    return now
