"""Cases: open, move through phases, close with a reason, reopen; individual plan goals with
target dates and dated reviews. Every write is versioned (outbox) and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.validation import Checker, FieldError, ValidationFailed
from sosdesk.domain.vocab import CASE_PHASE, CLOSE_REASON
from sosdesk.services.access import require
from sosdesk.services.caseload import store_weights
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import Case, CaseGoal, Client, User
from sosdesk.store.tx import Tx

OPEN_PHASES = tuple(c for c in CASE_PHASE.codes() if c != "closed")
MAX_GOAL = 1000


@dataclass(frozen=True)
class GoalReview:
    """One dated review of a plan goal."""

    on: date
    note: str
    by: str
    achieved: bool


@dataclass(frozen=True)
class GoalView:
    """A goal of a case's individual plan."""

    id: str
    case_id: str
    text: str
    target_date: date | None
    achieved_at: date | None
    reviews: tuple[GoalReview, ...]
    version: int

    def overdue(self, today: date) -> bool:
        """Not achieved and past its target date."""
        return (
            self.achieved_at is None and self.target_date is not None and self.target_date < today
        )


@dataclass(frozen=True)
class CaseView:
    """A case with its plan goals."""

    id: str
    client_id: str
    opened_at: datetime
    closed_at: datetime | None
    phase: str
    close_reason: str | None
    manager_id: str | None
    manager_name: str | None
    notes: str | None
    version: int
    goals: tuple[GoalView, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


def _goal_view(g: CaseGoal) -> GoalView:
    reviews = tuple(
        GoalReview(
            date.fromisoformat(r["on"]), r.get("note", ""), r.get("by", ""), bool(r.get("achieved"))
        )
        for r in g.reviews or []
    )
    return GoalView(g.id, g.case_id, g.text, g.target_date, g.achieved_at, reviews, g.version)


def _case_view(s: Any, c: Case) -> CaseView:
    goals = s.execute(
        select(CaseGoal).where(CaseGoal.case_id == c.id).order_by(CaseGoal.created_at)
    ).scalars()
    manager = s.get(User, c.manager_id) if c.manager_id else None
    return CaseView(
        c.id,
        c.client_id,
        c.opened_at,
        c.closed_at,
        c.phase,
        c.close_reason,
        c.manager_id,
        manager.display_name if manager else None,
        c.notes,
        c.version,
        tuple(_goal_view(g) for g in goals),
    )


def _case(tx: Tx, case_id: str) -> Case:
    case = tx.session.get(Case, case_id)
    if case is None:
        raise NotFound("not_found.case", id=case_id)
    return case


def _refuse(field: str, code: str) -> ValidationFailed:
    return ValidationFailed([FieldError(field, code)])


def get_case(db: Database, case_id: str) -> CaseView:
    """One case with its goals."""
    with db.session() as s:
        case = s.get(Case, case_id)
        if case is None:
            raise NotFound("not_found.case", id=case_id)
        return _case_view(s, case)


def cases_of(db: Database, client_id: str) -> list[CaseView]:
    """A client's cases, open ones first, then newest first."""
    require(db, roles.SEE_CLIENT_FILE, client_id)
    with db.session() as s:
        rows = s.execute(
            select(Case).where(Case.client_id == client_id).order_by(Case.opened_at.desc())
        ).scalars()
        views = [_case_view(s, c) for c in rows]
    return sorted(views, key=lambda v: not v.is_open)


def open_case(
    db: Database,
    client_id: str,
    *,
    phase: str = "identification",
    manager_id: str | None = None,
    notes: str | None = None,
) -> CaseView:
    """Open a case for a client; a client has at most one open case at a time."""
    c = Checker()
    if phase not in OPEN_PHASES:
        c.fail("phase", "case.start_phase")
    clean_notes = c.text("notes", notes)
    c.done()
    with db.transaction() as tx:
        if tx.session.get(Client, client_id) is None:
            raise NotFound("not_found.client", id=client_id)
        already = tx.session.execute(
            select(Case.id).where(Case.client_id == client_id, Case.closed_at.is_(None))
        ).first()
        if already is not None:
            raise _refuse("phase", "case.already_open")
        case = Case(
            client_id=client_id,
            opened_at=tx.now,
            phase=phase,
            manager_id=manager_id or tx.actor.user_id,
            notes=clean_notes,
        )
        tx.insert(case, audit_detail={"client_id": client_id})
        store_weights(tx.session, case_ids=[case.id])
        view = _case_view(tx.session, case)
    return view


def move_phase(db: Database, case_id: str, phase: str) -> CaseView:
    """Move an open case to another phase (closing goes through `close_case`)."""
    if phase not in OPEN_PHASES:
        raise _refuse("phase", "case.bad_phase")
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if case.closed_at is not None:
            raise _refuse("phase", "case.closed")
        if case.phase == phase:
            raise _refuse("phase", "case.same_phase")
        tx.update(case, {"phase": phase})
        store_weights(tx.session, case_ids=[case.id])
        view = _case_view(tx.session, case)
    return view


def close_case(db: Database, case_id: str, reason: str, note: str | None = None) -> CaseView:
    """Close a case with one of the close reasons (and an optional note)."""
    c = Checker()
    c.choice("reason", reason, CLOSE_REASON, required=True)
    clean_note = c.text("note", note, max_len=2000)
    if reason == "other" and not clean_note:
        c.fail("note", "case.close_why")
    c.done()
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if case.closed_at is not None:
            raise _refuse("reason", "case.already_closed")
        notes = case.notes
        if clean_note:
            notes = f"{notes}\n{clean_note}" if notes else clean_note
        tx.update(
            case, {"phase": "closed", "closed_at": tx.now, "close_reason": reason, "notes": notes}
        )
        store_weights(tx.session, case_ids=[case.id])
        view = _case_view(tx.session, case)
    return view


def reopen_case(db: Database, case_id: str, phase: str) -> CaseView:
    """Reopen a closed case in a phase (a client may come back)."""
    if phase not in OPEN_PHASES:
        raise _refuse("phase", "case.reopen_phase")
    with db.transaction() as tx:
        case = _case(tx, case_id)
        if case.closed_at is None:
            raise _refuse("phase", "case.is_open")
        other = tx.session.execute(
            select(Case.id).where(Case.client_id == case.client_id, Case.closed_at.is_(None))
        ).first()
        if other is not None:
            raise _refuse("phase", "case.another_open")
        tx.update(case, {"phase": phase, "closed_at": None, "close_reason": None})
        store_weights(tx.session, case_ids=[case.id])
        view = _case_view(tx.session, case)
    return view


def _clean_goal(text: str | None, target: date | None, opened: date | None) -> tuple[str, date]:
    c = Checker()
    clean = c.text("text", text, required=True, max_len=MAX_GOAL)
    if target is None:
        c.fail("target_date", "case.goal_target_missing")
    elif opened is not None and target < opened:
        c.fail("target_date", "case.goal_before_open")
    c.done()
    assert clean is not None and target is not None
    return clean, target


def add_goal(db: Database, case_id: str, text: str, target_date: date | None) -> GoalView:
    """Add a goal with a target date to an open case's individual plan."""
    with db.transaction() as tx:
        case = _case(tx, case_id)
        clean, target = _clean_goal(text, target_date, case.opened_at.date())
        if case.closed_at is not None:
            raise _refuse("text", "case.closed_no_goals")
        goal = CaseGoal(case_id=case_id, text=clean, target_date=target, reviews=[])
        tx.insert(goal, audit_detail={"case_id": case_id})
        view = _goal_view(goal)
    return view


def update_goal(db: Database, goal_id: str, text: str, target_date: date | None) -> GoalView:
    """Reword a goal or move its target date."""
    with db.transaction() as tx:
        goal = tx.session.get(CaseGoal, goal_id)
        if goal is None:
            raise NotFound("not_found.goal", id=goal_id)
        case = _case(tx, goal.case_id)
        clean, target = _clean_goal(text, target_date, case.opened_at.date())
        tx.update(goal, {"text": clean, "target_date": target})
        view = _goal_view(goal)
    return view


def review_goal(
    db: Database, goal_id: str, note: str, *, achieved: bool = False, on: date | None = None
) -> GoalView:
    """Record a dated review of a goal; `achieved` marks it reached on that date."""
    c = Checker()
    clean = c.text("note", note, required=True, max_len=2000)
    day = c.past_date("on", on or date.today())
    c.done()
    assert clean is not None and day is not None
    with db.transaction() as tx:
        goal = tx.session.get(CaseGoal, goal_id)
        if goal is None:
            raise NotFound("not_found.goal", id=goal_id)
        reviews = [
            *(goal.reviews or []),
            {"on": day.isoformat(), "note": clean, "by": tx.actor.name, "achieved": achieved},
        ]
        changes: dict[str, Any] = {"reviews": reviews}
        if achieved and goal.achieved_at is None:
            changes["achieved_at"] = day
        tx.update(goal, changes)
        view = _goal_view(goal)
    return view
