"""Timeline events: add (validated, immutable), amend, and list a client's timeline."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from sosdesk.domain.events import validate_event
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.errors import NotFound
from sosdesk.services.views import EventView, to_view
from sosdesk.store.database import Database
from sosdesk.store.models import Client, Event, utcnow
from sosdesk.store.tx import Tx

CLOCK_SKEW = timedelta(minutes=10)  # clocks differ a little (the event forms allow as much)
FAR_FUTURE = timedelta(days=5 * 365)
PLANNED_KINDS = frozenset({"court_hearing"})  # entered ahead of the day they happen


def check_event_time(
    kind: str, occurred_at: datetime | None, *, now: datetime | None = None
) -> list[FieldError]:
    """The one rule for when an event happened, for every path (a new event, a corrected time,
    a form's live check): given, with a time zone, not in the future (a planned court hearing
    may be, up to `FAR_FUTURE`). Returns the problems."""
    now = now or utcnow()
    if occurred_at is None:
        return [FieldError("occurred_at", "field.required")]
    if occurred_at.tzinfo is None:
        return [FieldError("occurred_at", "field.time_zone_missing")]
    if kind in PLANNED_KINDS:
        if occurred_at > now + FAR_FUTURE:
            return [FieldError("occurred_at", "field.far_future")]
    elif occurred_at > now + CLOCK_SKEW:
        return [FieldError("occurred_at", "field.future")]
    return []


def check_status_change(from_status: str | None, to_status: str | None) -> list[FieldError]:
    """The status-change rule, for the service and the form's live check: a change of
    identification status changes it (the new status differs from the current one)."""
    if to_status and to_status == from_status:
        return [FieldError("to_status", "event.same_status")]
    return []


def insert_event(
    tx: Tx,
    client_id: str,
    kind: str,
    occurred_at: datetime,
    payload: dict[str, Any],
    *,
    case_id: str | None = None,
    call_id: str | None = None,
) -> Event:
    """Validate and insert an event inside an open transaction."""
    clean = validate_event(kind, payload)
    problems = check_event_time(kind, occurred_at)
    if kind == "status_change":
        problems += check_status_change(
            clean.payload.get("from_status"), clean.payload.get("to_status")
        )
    if problems:
        raise ValidationFailed(problems)
    if tx.session.get(Client, client_id) is None:
        raise NotFound("not_found.client", id=client_id)
    amends = clean.payload.get("amends_id") if kind == "amendment" else None
    if amends is not None:
        target = tx.session.get(Event, amends)
        if target is None or target.client_id != client_id:
            raise ValidationFailed([FieldError("amends_id", "event.not_on_timeline")])
    event = Event(
        client_id=client_id,
        case_id=case_id,
        kind=kind,
        occurred_at=occurred_at,
        author_id=tx.actor.user_id,
        payload=clean.payload,
        amount_minor=clean.amount_minor,
        currency=clean.currency,
        amends_id=amends,
        call_id=call_id,
    )
    tx.insert(event, audit_detail={"kind": kind, "client_id": client_id})
    if kind == "status_change":
        client = tx.session.get(Client, client_id)
        assert client is not None
        tx.update(client, {"status": clean.payload["to_status"]})
    return event


def add_event(
    db: Database,
    client_id: str,
    kind: str,
    occurred_at: datetime,
    payload: dict[str, Any],
    *,
    case_id: str | None = None,
) -> EventView:
    """Add one event to a client's timeline."""
    with db.transaction() as tx:
        event = insert_event(tx, client_id, kind, occurred_at, payload, case_id=case_id)
        view: EventView = to_view(EventView, event)
    return view


def amend_event(db: Database, event_id: str, corrected: dict[str, Any], reason: str) -> EventView:
    """Correct an event: a new `amendment` event linked to it; the original is never changed."""
    with db.session() as s:
        original = s.get(Event, event_id)
        if original is None:
            raise NotFound("not_found.event", id=event_id)
        client_id = original.client_id
    return add_event(
        db,
        client_id,
        "amendment",
        utcnow(),
        {"amends_id": event_id, "corrected": corrected, "reason": reason},
    )


def timeline(
    db: Database,
    client_id: str,
    *,
    kinds: set[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[EventView]:
    """Events of a client, newest first, filtered by kind and [since, until)."""
    q = select(Event).where(Event.client_id == client_id)
    if kinds:
        q = q.where(Event.kind.in_(sorted(kinds)))
    if since:
        q = q.where(Event.occurred_at >= since)
    if until:
        q = q.where(Event.occurred_at < until)
    q = q.order_by(Event.occurred_at.desc(), Event.id.desc()).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    with db.session() as s:
        return [to_view(EventView, e) for e in s.execute(q).scalars()]


def count_events(db: Database, client_id: str, kinds: set[str] | None = None) -> int:
    """How many events a client's timeline holds (for lazy loading)."""
    q = select(func.count()).select_from(Event).where(Event.client_id == client_id)
    if kinds:
        q = q.where(Event.kind.in_(sorted(kinds)))
    with db.session() as s:
        return int(s.execute(q).scalar_one())


# -- client file: counts with filters, amendments, corrections ------------------------------


def count_timeline(
    db: Database,
    client_id: str,
    *,
    kinds: set[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> int:
    """How many events `timeline()` returns with the same filters (for lazy loading)."""
    q = select(func.count()).select_from(Event).where(Event.client_id == client_id)
    if kinds:
        q = q.where(Event.kind.in_(sorted(kinds)))
    if since:
        q = q.where(Event.occurred_at >= since)
    if until:
        q = q.where(Event.occurred_at < until)
    with db.session() as s:
        return int(s.execute(q).scalar_one())


def get_event(db: Database, event_id: str) -> EventView:
    """One event."""
    with db.session() as s:
        event = s.get(Event, event_id)
        if event is None:
            raise NotFound("not_found.event", id=event_id)
        view: EventView = to_view(EventView, event)
        return view


def amendments_of(db: Database, event_ids: list[str]) -> dict[str, list[EventView]]:
    """Amendments of each given event, oldest first (events without any are left out)."""
    out: dict[str, list[EventView]] = {}
    if not event_ids:
        return out
    q = select(Event).where(Event.amends_id.in_(event_ids)).order_by(Event.occurred_at, Event.id)
    with db.session() as s:
        for e in s.execute(q).scalars():
            out.setdefault(e.amends_id or "", []).append(to_view(EventView, e))
    return out


def editable_payload(event: EventView) -> dict[str, Any]:
    """An event's payload in the shape its form submits (money as a decimal string)."""
    data = dict(event.payload)
    if event.kind == "assistance":
        data["amount"] = (
            f"{event.amount_minor // 100}.{event.amount_minor % 100:02d}"
            if event.amount_minor is not None
            else None
        )
        data["currency"] = event.currency
    return data


def corrected_payload(event: EventView, amendments: list[EventView]) -> dict[str, Any]:
    """The event's form payload with every later correction applied, in order."""
    data = editable_payload(event)
    for a in amendments:
        data.update(
            {k: v for k, v in (a.payload.get("corrected") or {}).items() if k != "occurred_at"}
        )
    return data


def corrected_time(event: EventView, amendments: list[EventView]) -> datetime:
    """When the event happened, after corrections."""
    at = event.occurred_at
    for a in amendments:
        value = (a.payload.get("corrected") or {}).get("occurred_at")
        if value:
            at = datetime.fromisoformat(value)
    return at


def correct_event(
    db: Database,
    event_id: str,
    payload: dict[str, Any],
    reason: str,
    *,
    occurred_at: datetime | None = None,
) -> EventView:
    """Amend an event with a full corrected payload: the corrected version is validated like a
    new event of its kind, only fields that differ are recorded, and a reason is required.
    """
    original = get_event(db, event_id)
    if original.kind in ("amendment", "call", "document_issued"):
        raise ValidationFailed([FieldError("amends_id", "event.not_correctable")])
    earlier = amendments_of(db, [event_id]).get(event_id, [])
    before = corrected_payload(original, earlier)
    validate_event(original.kind, payload)  # the corrected version must itself be valid
    corrected = {k: v for k, v in payload.items() if before.get(k) != v and (before.get(k) or v)}
    if occurred_at is not None:
        problems = check_event_time(original.kind, occurred_at)
        if problems:
            raise ValidationFailed(problems)
        if occurred_at != corrected_time(original, earlier):
            corrected["occurred_at"] = occurred_at.isoformat()
    if not (reason or "").strip():
        raise ValidationFailed([FieldError("reason", "event.correction_why")])
    if not corrected:
        raise ValidationFailed([FieldError("corrected", "event.nothing_changed")])
    return amend_event(db, event_id, corrected, reason.strip())


def events_by_id(db: Database, event_ids: set[str]) -> dict[str, EventView]:
    """Several events by id (the originals of amendments shown on a page)."""
    if not event_ids:
        return {}
    with db.session() as s:
        rows = s.execute(select(Event).where(Event.id.in_(sorted(event_ids)))).scalars()
        return {e.id: to_view(EventView, e) for e in rows}
