"""Caller recognition and the safety card of a linked client (the night shift, issue 18).

While the operator types the caller's number or a name, `recognise` offers matching clients
(the same index and ranking as the lookup bar, clients only). Once a client is linked,
`safety_card` gathers in one read what she needs while the caller talks: risk level and safety
plan, the last five contacts, open follow-ups, the open case and its manager, consent to share
and the client's languages. Opening a card is a view of the client file, so it is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.phones import digits_of
from sosdesk.services import search
from sosdesk.services.access import require
from sosdesk.services.errors import NotFound
from sosdesk.services.views import SearchHit
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Case, Client, FollowUp, User, utcnow

RECENT_CONTACTS = 5
MAX_PLAN = 600
MIN_PHONE_DIGITS = 3  # fewer digits match most numbers and tell the operator nothing
MIN_NAME = 2
# Roles that may open a safety card. The roles matrix (issue 12) will own this list; until it
# lands, the rule lives here in one private gate so it is replaced in one place.


@dataclass(frozen=True)
class Contact:
    """One recent contact of the client with the line."""

    call_id: str
    started_at: datetime
    line: str
    urgency: str
    categories: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class OpenFollowUp:
    """An open follow-up of the client."""

    id: str
    due_at: datetime
    what: str
    overdue: bool


@dataclass(frozen=True)
class SafetyCard:
    """What a linked client's card shows during a call."""

    client_id: str
    code: str
    name: str
    risk_level: str
    safety_plan: str
    languages: tuple[str, ...]
    consent_share_institutions: bool
    consent_date: date | None
    recent: tuple[Contact, ...]
    followups: tuple[OpenFollowUp, ...]
    case_id: str | None
    case_phase: str | None
    case_manager: str | None


def recognise(db: Database, phone: str = "", name: str = "", limit: int = 5) -> list[SearchHit]:
    """Clients matching the caller's number (3+ digits) or else the name typed so far."""
    if len(digits_of(phone)) >= MIN_PHONE_DIGITS:
        hits = search.search(db, digits_of(phone), limit, calls=False)
        if hits:
            return hits
    if len(name.strip()) >= MIN_NAME:
        return search.search(db, name, limit, calls=False)
    return []


def _plan(notes: str | None) -> str:
    text = (notes or "").strip()
    return text if len(text) <= MAX_PLAN else text[:MAX_PLAN].rstrip() + " …"


def _name(c: Client) -> str:
    return " ".join(p for p in (c.given_name, c.family_name) if p) or c.nickname or c.code


def safety_card(db: Database, client_id: str, *, now: datetime | None = None) -> SafetyCard:
    """The safety card of a client (NotAllowed for a role without `see_safety_card`)."""
    require(db, roles.SEE_SAFETY_CARD)
    now = now or utcnow()
    with db.transaction() as tx:
        s = tx.session
        client = s.get(Client, client_id)
        if client is None:
            raise NotFound("not_found.client", id=client_id)
        calls = s.execute(
            select(Call)
            .where(Call.client_id == client_id)
            .order_by(Call.started_at.desc())
            .limit(RECENT_CONTACTS)
        ).scalars()
        recent = tuple(
            Contact(
                c.id,
                c.started_at,
                c.line,
                c.urgency,
                tuple(c.categories or []),
                (c.summary or "")[:160],
            )
            for c in calls
        )
        due = s.execute(
            select(FollowUp)
            .where(FollowUp.client_id == client_id, FollowUp.done_at.is_(None))
            .order_by(FollowUp.due_at)
        ).scalars()
        followups = tuple(OpenFollowUp(f.id, f.due_at, f.what, f.due_at < now) for f in due)
        case = s.execute(
            select(Case)
            .where(Case.client_id == client_id, Case.closed_at.is_(None))
            .order_by(Case.opened_at.desc())
            .limit(1)
        ).scalar_one_or_none()
        manager = None
        if case is not None and case.manager_id:
            user = s.get(User, case.manager_id)
            manager = user.display_name if user else None
        tx.audit("view", "clients", client_id, {"what": "safety_card"})
        return SafetyCard(
            client.id,
            client.code,
            _name(client),
            client.risk_level,
            _plan(client.notes),
            tuple(client.languages or []),
            bool(client.consent_share_institutions),
            client.consent_date,
            recent,
            followups,
            case.id if case else None,
            case.phase if case else None,
            manager,
        )
