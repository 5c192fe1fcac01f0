"""Missing-child cases of the 116 000 line: open from a call, record the search as dated steps,
the outcome and the support after, link repeat episodes, keep the family called back.

A child's name is shown only to roles that may see every case; a volunteer sees it only in
the case she opened from her own call (`_can_see_name`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.folding import fold_words
from sosdesk.domain.missing_children import (
    INTERNATIONAL,
    MC_AFTER,
    MC_CATEGORY,
    MC_CONTACT_CHANNEL,
    MC_LIVING,
    MC_OUTCOME,
    MC_REPORTER,
    MC_RISK,
    MC_STEP,
    MC_SUPPORT,
    MC_SUPPORT_TO,
)
from sosdesk.domain.validation import Checker, FieldError, ValidationFailed
from sosdesk.domain.vocab import GENDER, LANGUAGE
from sosdesk.services import access
from sosdesk.services.errors import NotAllowed, NotFound
from sosdesk.services.events import check_event_time
from sosdesk.services.followups import FollowUpView, add_followup
from sosdesk.store.database import Database
from sosdesk.store.models import Call, MissingCase, MissingStep, User
from sosdesk.store.tx import Tx

HIDDEN_NAME = "•••"
# Who the child is carries over to a repeat episode; what happened this time does not.
_INHERITED = (
    "child_name",
    "child_aliases",
    "birth_date",
    "gender",
    "citizenship",
    "languages",
    "living",
    "description",
)
CALLBACK_AFTER = timedelta(days=1)


def require_missing(db: Database, permission: str) -> None:
    """Raise NotAllowed unless the role matrix gives the unlocked user `permission`."""
    try:
        access.require(db, permission)
    except NotAllowed:
        # The area's refusals keep their own code (its screens and tests know it); the text
        # names the matrix permission the role lacks.
        raise NotAllowed("missing.not_allowed", permission=permission) from None


def require_figures(db: Database) -> None:
    """Refuse the yearly 116 000 figures to roles that may not produce them."""
    require_missing(db, roles.MISSING_FIGURES)


@dataclass(frozen=True)
class ChildInput:
    """What the operator types when the case opens (all but category and reporter optional)."""

    category: str
    reporter_kind: str
    child_name: str | None = None
    child_aliases: list[str] = field(default_factory=list)
    birth_date: date | None = None
    age: int | None = None
    gender: str = "unknown"
    citizenship: str | None = None
    languages: list[str] = field(default_factory=list)
    living: str | None = None
    description: str | None = None
    reporter_relation: str | None = None
    contact_channel: str = "phone"
    last_seen_on: date | None = None
    last_seen_place: str | None = None
    circumstances: str | None = None
    countries: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    previous_id: str | None = None


@dataclass(frozen=True)
class StepView:
    """One dated step of the search (or support after the outcome)."""

    id: str
    kind: str
    occurred_at: datetime
    author: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class MissingCaseView:
    """A case as the unlocked user may see it (`child_name` hidden when her role may not)."""

    id: str
    code: str
    call_id: str | None
    opened_at: datetime
    child_name: str
    name_shown: bool
    age: int | None
    gender: str
    citizenship: str | None
    living: str | None
    reporter_kind: str
    category: str
    countries: tuple[str, ...]
    risks: tuple[str, ...]
    last_seen_on: date | None
    last_seen_place: str | None
    police_reported: bool
    outcome: str | None
    outcome_on: date | None
    after: str | None
    closed_at: datetime | None
    episode: int
    previous_id: str | None
    steps: tuple[StepView, ...]
    version: int

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def _can_see_name(s: Session, db: Database, case: MissingCase) -> bool:
    if access.may(db, roles.SEE_MISSING_CASES):
        return True
    if case.call_id is None:
        return case.opened_by == db.actor.user_id
    call = s.get(Call, case.call_id)
    return call is not None and call.operator_id == db.actor.user_id


def _episode(s: Session, case: MissingCase) -> int:
    n, seen, prev = 1, {case.id}, case.previous_id
    while prev and prev not in seen:
        seen.add(prev)
        n += 1
        row = s.get(MissingCase, prev)
        prev = row.previous_id if row else None
    return n


def _view(s: Session, db: Database, c: MissingCase, *, with_steps: bool = True) -> MissingCaseView:
    shown = _can_see_name(s, db, c)
    steps: list[StepView] = []
    if with_steps:
        rows = s.execute(
            select(MissingStep, User.display_name)
            .outerjoin(User, User.id == MissingStep.author_id)
            .where(MissingStep.case_id == c.id)
            .order_by(MissingStep.occurred_at, MissingStep.created_at)
        ).all()
        steps = [StepView(m.id, m.kind, m.occurred_at, who, dict(m.payload)) for m, who in rows]
    reported = s.execute(
        select(func.count())
        .select_from(MissingStep)
        .where(MissingStep.case_id == c.id, MissingStep.kind == "police_report")
    ).scalar_one()
    return MissingCaseView(
        c.id,
        c.code,
        c.call_id,
        c.opened_at,
        (c.child_name or "") if shown else HIDDEN_NAME,
        shown,
        c.age,
        c.gender,
        c.citizenship,
        c.living,
        c.reporter_kind,
        c.category,
        tuple(c.countries or ()),
        tuple(c.risks or ()),
        c.last_seen_on,
        c.last_seen_place,
        reported > 0,
        c.outcome,
        c.outcome_on,
        c.after,
        c.closed_at,
        _episode(s, c),
        c.previous_id,
        tuple(steps),
        c.version,
    )


def _clean(data: ChildInput) -> dict[str, Any]:
    c = Checker()
    out: dict[str, Any] = {
        "category": c.choice("category", data.category, MC_CATEGORY, required=True),
        "reporter_kind": c.choice("reporter_kind", data.reporter_kind, MC_REPORTER, required=True),
        "child_name": c.text("child_name", data.child_name, max_len=240),
        "child_aliases": [a.strip() for a in data.child_aliases if a.strip()][:10],
        "birth_date": c.past_date("birth_date", data.birth_date),
        "age": data.age,
        "gender": c.choice("gender", data.gender, GENDER) or "unknown",
        "citizenship": c.choice("citizenship", data.citizenship, COUNTRY),
        "languages": c.choices("languages", data.languages, LANGUAGE),
        "living": c.choice("living", data.living, MC_LIVING),
        "description": c.text("description", data.description, max_len=2000),
        "reporter_relation": c.text("reporter_relation", data.reporter_relation, max_len=120),
        "contact_channel": c.choice("contact_channel", data.contact_channel, MC_CONTACT_CHANNEL)
        or "phone",
        "last_seen_on": c.past_date("last_seen_on", data.last_seen_on),
        "last_seen_place": c.text("last_seen_place", data.last_seen_place, max_len=240),
        "circumstances": c.text("circumstances", data.circumstances, max_len=4000),
        "countries": c.choices("countries", data.countries, COUNTRY),
        "risks": c.choices("risks", data.risks, MC_RISK),
    }
    if data.age is not None and not 0 <= data.age <= 17:
        c.fail("age", "missing.age_range")
    if data.category in INTERNATIONAL and not out["countries"]:
        c.fail("countries", "missing.countries_needed")
    c.done()
    return out


def _next_code(s: Session, desk: str, year: int) -> str:
    prefix = f"NC-{desk}-{year}-"
    n = s.execute(
        select(func.count()).select_from(MissingCase).where(MissingCase.code.like(prefix + "%"))
    ).scalar_one()
    return f"{prefix}{n + 1:04d}"


def _case(tx: Tx, case_id: str) -> MissingCase:
    case = tx.session.get(MissingCase, case_id)
    if case is None:
        raise NotFound("not_found.missing_case", id=case_id)
    return case


def open_missing_case(
    db: Database, data: ChildInput, *, call_id: str | None = None
) -> MissingCaseView:
    """Open a case (usually during a 116 000 call); `previous_id` links a repeat episode."""
    require_missing(db, roles.OPEN_MISSING_CASE)
    fields = _clean(data)
    with db.transaction() as tx:
        if call_id is not None and tx.session.get(Call, call_id) is None:
            raise NotFound("not_found.call", id=call_id)
        if data.previous_id is not None:
            earlier = _case(tx, data.previous_id)
            # The same child again: what the operator left empty comes from the earlier episode.
            for key in _INHERITED:
                if fields[key] in (None, [], "unknown"):
                    fields[key] = getattr(earlier, key)
        case = MissingCase(
            code=_next_code(tx.session, db.desk.desk_code, tx.now.year),
            call_id=call_id,
            opened_at=tx.now,
            opened_by=tx.actor.user_id,
            previous_id=data.previous_id,
            **fields,
        )
        tx.insert(case, audit_detail={"call_id": call_id, "category": data.category})
        view = _view(tx.session, db, case)
    return view


def get_missing_case(db: Database, case_id: str) -> MissingCaseView:
    """One case with its steps; a volunteer may open only the case of her own call."""
    with db.session() as s:
        case = s.get(MissingCase, case_id)
        if case is None:
            raise NotFound("not_found.missing_case", id=case_id)
        if not _can_see_name(s, db, case):
            require_missing(db, roles.SEE_MISSING_CASES)
        return _view(s, db, case)


def list_missing_cases(
    db: Database, *, open_only: bool = False, year: int | None = None
) -> list[MissingCaseView]:
    """Cases newest first; names hidden where the role may not see them."""
    with db.session() as s:
        q = select(MissingCase).order_by(MissingCase.opened_at.desc())
        if open_only:
            q = q.where(MissingCase.closed_at.is_(None))
        if year is not None:
            q = q.where(MissingCase.opened_at.like(f"{year:04d}-%"))
        return [_view(s, db, c, with_steps=False) for c in s.execute(q).scalars()]


def _clean_step(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    c = Checker()
    c.choice("kind", kind, MC_STEP, required=True)
    out: dict[str, Any] = {}
    for key in ("station", "case_number", "place", "note", "channel", "consent_by", "with"):
        if key in payload:
            text = c.text(key, payload[key], max_len=2000)
            if text:
                out[key] = text
    if "country" in payload:
        country = c.choice("country", payload["country"], COUNTRY)
        if country:
            out["country"] = country
    if kind == "media_appeal" and not out.get("consent_by"):
        c.fail("consent_by", "missing.consent_needed")
    if kind == "support":
        out["support"] = c.choice("support", payload.get("support"), MC_SUPPORT, required=True)
        out["to"] = c.choice("to", payload.get("to"), MC_SUPPORT_TO, required=True)
    c.done()
    return out


def add_step(
    db: Database, case_id: str, kind: str, occurred_at: datetime | None, payload: dict[str, Any]
) -> StepView:
    """Record one dated step: police report, contacts, a sighting, a media appeal (with the
    consent of a parent or guardian), a call with the family, support after the outcome."""
    require_missing(db, roles.RECORD_MISSING_SEARCH)
    clean = _clean_step(kind, payload)
    problems = check_event_time("note", occurred_at)
    if problems:
        raise ValidationFailed(problems)
    assert occurred_at is not None
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if kind == "support" and case.outcome is None:
            raise ValidationFailed([FieldError("kind", "missing.support_after_outcome")])
        if kind != "support" and case.closed_at is not None:
            raise ValidationFailed([FieldError("kind", "missing.closed")])
        step = MissingStep(
            case_id=case_id,
            kind=kind,
            occurred_at=occurred_at,
            author_id=tx.actor.user_id,
            payload=clean,
        )
        tx.insert(step, audit_detail={"case_id": case_id, "kind": kind})
        view = StepView(step.id, kind, occurred_at, tx.actor.name, clean)
    return view


def record_outcome(
    db: Database,
    case_id: str,
    outcome: str,
    on: date,
    *,
    after: str | None = None,
    found_where: str | None = None,
    found_by: str | None = None,
) -> MissingCaseView:
    """Close the search with an outcome: found alive (with where the child went after) or
    deceased, or not found. A case without an outcome stays open into the next year."""
    require_missing(db, roles.RECORD_MISSING_SEARCH)
    c = Checker()
    c.choice("outcome", outcome, MC_OUTCOME, required=True)
    day = c.past_date("on", on)
    c.choice("after", after, MC_AFTER)
    where = c.text("found_where", found_where, max_len=240)
    by = c.text("found_by", found_by, max_len=240)
    if outcome == "found_alive" and not after:
        c.fail("after", "missing.found_needs_after")
    c.done()
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if case.closed_at is not None:
            raise ValidationFailed([FieldError("outcome", "missing.closed")])
        if day is not None and case.last_seen_on is not None and day < case.last_seen_on:
            raise ValidationFailed([FieldError("on", "missing.outcome_before_open")])
        tx.update(
            case,
            {
                "outcome": outcome,
                "outcome_on": day,
                "after": after if outcome == "found_alive" else None,
                "found_where": where,
                "found_by": by,
                "closed_at": tx.now,
            },
        )
        view = _view(tx.session, db, case)
    return view


def reopen_missing_case(db: Database, case_id: str) -> MissingCaseView:
    """Take back an outcome recorded by mistake (the child was not the one found)."""
    require_missing(db, roles.RECORD_MISSING_SEARCH)
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if case.closed_at is None:
            raise ValidationFailed([FieldError("outcome", "missing.not_closed")])
        tx.update(
            case,
            {"outcome": None, "outcome_on": None, "after": None, "closed_at": None},
        )
        view = _view(tx.session, db, case)
    return view


def schedule_family_callback(
    db: Database, case_id: str, due_at: datetime | None = None
) -> FollowUpView:
    """A follow-up on the case's call so the family is called back (tomorrow by default)."""
    require_missing(db, roles.RECORD_MISSING_SEARCH)
    with db.session() as s:
        case = s.get(MissingCase, case_id)
        if case is None:
            raise NotFound("not_found.missing_case", id=case_id)
        code, call_id = case.code, case.call_id
    when = due_at or (datetime.now().astimezone() + CALLBACK_AFTER)
    return add_followup(db, when, f"116 000: {code}", call_id=call_id)


def episodes_of(db: Database, case_id: str) -> list[MissingCaseView]:
    """Every episode of the same child, earliest first (following `previous_id` both ways)."""
    with db.session() as s:
        start = s.get(MissingCase, case_id)
        if start is None:
            raise NotFound("not_found.missing_case", id=case_id)
        while start.previous_id:
            earlier = s.get(MissingCase, start.previous_id)
            if earlier is None:
                break
            start = earlier
        chain = [start]
        while True:
            nxt = s.execute(
                select(MissingCase).where(MissingCase.previous_id == chain[-1].id)
            ).scalar()
            if nxt is None or nxt in chain:
                break
            chain.append(nxt)
        return [_view(s, db, c, with_steps=False) for c in chain]


def link_call(db: Database, case_id: str, call_id: str) -> MissingCaseView:
    """Tie a case opened during a call to that call once the call is saved."""
    require_missing(db, roles.OPEN_MISSING_CASE)
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if tx.session.get(Call, call_id) is None:
            raise NotFound("not_found.call", id=call_id)
        if case.call_id is None:
            tx.update(case, {"call_id": call_id})
        view = _view(tx.session, db, case)
    return view


def find_missing_case(db: Database, code: str) -> MissingCaseView:
    """The case with this code (`NC-BG1-2026-0007`), as the unlocked user may see it."""
    with db.session() as s:
        case_id = s.execute(
            select(MissingCase.id).where(MissingCase.code == code.strip().upper())
        ).scalar()
    if case_id is None:
        raise NotFound("not_found.missing_case", id=code)
    return get_missing_case(db, case_id)


def search_missing_cases(
    db: Database, query: str, *, open_only: bool = False
) -> list[MissingCaseView]:
    """Cases whose code, child, places or circumstances hold every word of `query`, in any
    script or spelling (`Милица`, `Milica`); a name the user may not see is not searched."""
    words = fold_words(query)
    if not words:
        return list_missing_cases(db, open_only=open_only)
    with db.session() as s:
        q = select(MissingCase).order_by(MissingCase.opened_at.desc())
        if open_only:
            q = q.where(MissingCase.closed_at.is_(None))
        found = []
        for c in s.execute(q).scalars():
            parts = [c.code, c.code.replace("-", " "), c.last_seen_place, c.circumstances]
            if _can_see_name(s, db, c):
                parts += [c.child_name, *(c.child_aliases or []), c.description]
            haystack = set(fold_words(" ".join(p for p in parts if p)))
            if all(any(h.startswith(w) for h in haystack) for w in words):
                found.append(_view(s, db, c, with_steps=False))
        return found
