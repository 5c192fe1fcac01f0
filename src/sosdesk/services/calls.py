"""Call intake: validate and save a call, with an inline new client and a follow-up if asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import Checker, FieldError, ValidationFailed
from sosdesk.domain.vocab import (
    CALL_CATEGORY,
    CALLER_TYPE,
    DIRECTION,
    EMERGENCY_STEP,
    LANGUAGE,
    LINE,
    URGENCY,
)
from sosdesk.services import drafts, search_index
from sosdesk.services.access import require
from sosdesk.services.clients import check_identity, clean_client, insert_client
from sosdesk.services.duplicates import PossibleDuplicate, possible_duplicates
from sosdesk.services.errors import NotFound
from sosdesk.services.events import CLOCK_SKEW, insert_event
from sosdesk.services.followups import check_followup
from sosdesk.services.views import CallView, to_view
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Case, Client, DirectoryEntry, FollowUp, utcnow
from sosdesk.store.tx import Tx


@dataclass
class CallInput:
    """What the intake form (or a script) submits."""

    line: str = "sos_24_7"
    direction: str = "incoming"
    started_at: datetime | None = None
    ended_at: datetime | None = None
    caller_type: str = "anonymous"
    caller_phone: str | None = None
    language: str = "sr"
    categories: list[str] = field(default_factory=list)
    client_id: str | None = None
    new_client: dict[str, Any] | None = None
    summary: str | None = None
    actions_taken: str | None = None
    referrals_given: list[str] = field(default_factory=list)
    # The caller (a linked client) was told and consents: referrals of a client's call go
    # through the same gate as a referral from the client file (issue 18).
    referral_consent: bool = False
    urgency: str = "routine"
    emergency_steps: list[str] = field(default_factory=list)
    follow_up_at: datetime | None = None
    follow_up_what: str | None = None
    # The operator saw the possible duplicates of `new_client` and registers a new one anyway.
    new_client_confirmed: bool = False
    case_id: str | None = None  # one of the linked client's open cases


def clean_call(data: CallInput) -> dict[str, Any]:
    """Validate a call; raises ValidationFailed naming every bad field."""
    c = Checker()
    now = utcnow()
    started = data.started_at or now
    out: dict[str, Any] = {
        "line": c.choice("line", data.line, LINE, required=True),
        "direction": c.choice("direction", data.direction, DIRECTION, required=True),
        "caller_type": c.choice("caller_type", data.caller_type, CALLER_TYPE, required=True),
        "language": c.choice("language", data.language, LANGUAGE, required=True),
        "categories": c.choices("categories", data.categories, CALL_CATEGORY),
        "summary": c.text("summary", data.summary),
        "actions_taken": c.text("actions_taken", data.actions_taken),
        "referrals_given": list(data.referrals_given),
        "urgency": c.choice("urgency", data.urgency, URGENCY, required=True),
        "emergency_steps": c.choices("emergency_steps", data.emergency_steps, EMERGENCY_STEP),
        "started_at": started,
        "ended_at": data.ended_at,
    }
    if data.referrals_given and (data.client_id or data.new_client) and not data.referral_consent:
        c.fail("referrals_given", "event.referral_consent")
    if started.tzinfo is None or (data.ended_at is not None and data.ended_at.tzinfo is None):
        c.fail("started_at", "field.time_zone_missing")
    else:
        if started - now > CLOCK_SKEW:
            c.fail("started_at", "call.future")
        c.span("ended_at", started, data.ended_at)
    if not out["categories"]:
        c.fail("categories", "call.no_category")
    if data.caller_phone:
        try:
            out["caller_phone"] = normalise_phone(data.caller_phone)
        except PhoneError as exc:
            c.fail_with("caller_phone", exc)
    else:
        out["caller_phone"] = None
    if data.follow_up_at is not None or (data.follow_up_what or "").strip():
        c.add(
            check_followup(
                data.follow_up_at,
                data.follow_up_what,
                agreed_at=started,
                due_field="follow_up_at",
                what_field="follow_up_what",
            )
        )
    if data.client_id and data.new_client:
        c.fail("client_id", "call.client_twice")
    c.done()
    return out


def insert_call(tx: Tx, desk_code: str, data: CallInput) -> Call:
    """Validate and insert a call (its new client, timeline event, follow-up) in an open transaction."""
    fields = clean_call(data)
    new_client = clean_client(data.new_client) if data.new_client else None
    client_id = data.client_id
    if client_id and tx.session.get(Client, client_id) is None:
        raise NotFound("not_found.client", id=client_id)
    if new_client is not None:
        if fields["caller_phone"] and not new_client.get("phones"):
            new_client["phones"] = [fields["caller_phone"]]
        problems = check_identity(new_client)
        if problems:
            raise ValidationFailed(problems)
        client_id = insert_client(tx, desk_code, new_client).id
    call = Call(operator_id=tx.actor.user_id, client_id=client_id, **fields)
    tx.insert(call, audit_detail={"client_id": client_id})
    search_index.put(tx.session, "call", call.id, search_index.call_body(call))
    if client_id:
        insert_event(
            tx,
            client_id,
            "call",
            call.started_at,
            {
                "call_id": call.id,
                "summary": call.summary,
                "urgency": call.urgency,
                "categories": list(call.categories or []),
                "emergency_steps": list(call.emergency_steps or []),
                "actions_taken": call.actions_taken,
                "referrals_given": list(call.referrals_given or []),
            },
            call_id=call.id,
            case_id=_open_case_of(tx, client_id, data.case_id),
        )
    if client_id and fields["referrals_given"]:
        _referral_events(tx, client_id, call, consent=data.referral_consent)
    if data.follow_up_at is not None and data.follow_up_what:
        tx.insert(
            FollowUp(
                due_at=data.follow_up_at,
                what=data.follow_up_what.strip(),
                client_id=client_id,
                call_id=call.id,
                assigned_to=tx.actor.user_id,
            )
        )
    return call


def _open_case_of(tx: Tx, client_id: str, case_id: str | None) -> str | None:
    # The call's entry joins the case only when it is this client's and still open.
    if case_id is None:
        return None
    case = tx.session.get(Case, case_id)
    if case is None or case.client_id != client_id or case.closed_at is not None:
        raise ValidationFailed([FieldError("case_id", "casework.case_not_open")])
    return case_id


def _referral_events(tx: Tx, client_id: str, call: Call, *, consent: bool) -> None:
    """A referral event on the client's timeline for each directory entry named in the call
    (free text stays on the call): the same validator and consent rule as the client file."""
    wanted = list(dict.fromkeys(call.referrals_given or []))
    entries = {
        e.name: e.id
        for e in tx.session.execute(
            select(DirectoryEntry).where(DirectoryEntry.name.in_(wanted))
        ).scalars()
    }
    reason = " ".join((call.summary or "").split())[:200] or "SOS"
    for name in wanted:
        if name in entries:
            payload = {
                "entry_id": entries[name],
                "entry_name": name,
                "reason": reason,
                "consent": consent,  # the event validator refuses a referral without it
            }
            insert_event(tx, client_id, "referral", call.started_at, payload, call_id=call.id)


def save_call(db: Database, data: CallInput, *, discard_draft: str | None = None) -> CallView:
    """Save a call (and its new client, timeline event and follow-up) in one transaction.

    An inline new client that may be an existing one (`possible_duplicates`) is refused with
    `call.possible_duplicate` unless `new_client_confirmed` says the operator saw them.
    `discard_draft` names the draft the call was typed into: it goes in the same transaction,
    so a crash can never leave both the saved call and its draft (offered again as a call).
    """
    require(db, roles.TAKE_CALLS)
    if data.new_client and not data.new_client_confirmed:
        _refuse_duplicates(db, data)
    with db.transaction() as tx:
        call = insert_call(tx, db.desk.desk_code, data)
        if discard_draft is not None:
            drafts.delete_draft(tx, db.actor.user_id, discard_draft)
        view: CallView = to_view(CallView, call)
    return view


def new_client_duplicates(db: Database, data: CallInput) -> list[PossibleDuplicate]:
    """Existing clients the call's inline new client may be (the caller's number counts too)."""
    if not data.new_client:
        return []
    try:
        wanted = clean_client(data.new_client)
    except ValidationFailed:
        return []  # the save itself names what is wrong
    phones = list(wanted.get("phones") or [])
    if data.caller_phone and not phones:
        phones.append(data.caller_phone)
    return possible_duplicates(db, {**wanted, "phones": phones})


def _refuse_duplicates(db: Database, data: CallInput) -> None:
    found = new_client_duplicates(db, data)
    if found:
        codes = ", ".join(d.code for d in found[:5])
        raise ValidationFailed(
            [FieldError("client_id", "call.possible_duplicate", count=len(found), codes=codes)]
        )


def get_call(db: Database, call_id: str) -> CallView:
    """Read one call."""
    require(db, roles.TAKE_CALLS)
    with db.session() as s:
        call = s.get(Call, call_id)
        if call is None:
            raise NotFound("not_found.call", id=call_id)
        view: CallView = to_view(CallView, call)
        return view


def recent_calls(db: Database, limit: int = 50) -> list[CallView]:
    """The latest calls, newest first."""
    require(db, roles.TAKE_CALLS)
    with db.session() as s:
        rows = s.execute(select(Call).order_by(Call.started_at.desc()).limit(limit)).scalars()
        return [to_view(CallView, c) for c in rows]
