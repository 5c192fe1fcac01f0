"""The protection plan of a case: its goals with the responsible professional or directory entry,
review dates that create follow-ups and a status; a coordinator approves it as a numbered version
whose goals are kept as they stood."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select

from sosdesk.domain.casework_vocab import GOAL_STATUS
from sosdesk.domain.validation import Checker, FieldError, ValidationFailed
from sosdesk.services.casework import combine
from sosdesk.services.casework_roles import require
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import Case, CaseGoal, DirectoryEntry, FollowUp, PlanApproval, User

REVIEW_WHAT = "Revizija cilja plana zaštite"


@dataclass(frozen=True)
class PlanGoal:
    """A goal as the plan shows it."""

    id: str
    text: str
    need_domain: str | None
    responsible_id: str | None
    responsible_name: str | None
    provider_entry_id: str | None
    provider_name: str | None
    target_date: date | None
    review_on: date | None
    status: str

    def as_snapshot(self) -> dict[str, Any]:
        """The goal as an approved version keeps it."""
        return {
            "id": self.id,
            "text": self.text,
            "need_domain": self.need_domain,
            "responsible": self.responsible_name,
            "provider": self.provider_name,
            "target_date": self.target_date.isoformat() if self.target_date else None,
            "review_on": self.review_on.isoformat() if self.review_on else None,
            "status": self.status,
        }


@dataclass(frozen=True)
class PlanVersion:
    """An approved version of a case's plan."""

    id: str
    case_id: str
    plan_version: int
    approved_by: str | None
    approved_at: datetime
    goals: tuple[dict[str, Any], ...]
    note: str | None


def _goal(s: Any, g: CaseGoal) -> PlanGoal:
    user = s.get(User, g.responsible_id) if g.responsible_id else None
    entry = s.get(DirectoryEntry, g.provider_entry_id) if g.provider_entry_id else None
    return PlanGoal(
        g.id,
        g.text,
        g.need_domain,
        g.responsible_id,
        user.display_name if user else None,
        g.provider_entry_id,
        entry.name if entry else None,
        g.target_date,
        g.review_on,
        g.status or ("achieved" if g.achieved_at else "planned"),
    )


def plan_goals(db: Database, case_id: str) -> list[PlanGoal]:
    """The current goals of a case's plan, in the order they were opened."""
    with db.session() as s:
        rows = s.execute(
            select(CaseGoal).where(CaseGoal.case_id == case_id).order_by(CaseGoal.created_at)
        ).scalars()
        return [_goal(s, g) for g in rows]


def plan_goal(
    db: Database,
    goal_id: str,
    *,
    responsible_id: str | None = None,
    provider_entry_id: str | None = None,
    review_on: date | None = None,
    status: str = "planned",
) -> PlanGoal:
    """Set who answers for a goal, its next review (a follow-up for the responsible colleague,
    or the case manager) and its status."""
    require(db, "casework.needs")
    c = Checker()
    c.choice("status", status, GOAL_STATUS, required=True)
    c.done()
    with db.transaction() as tx:
        goal = tx.session.get(CaseGoal, goal_id)
        if goal is None:
            raise NotFound("not_found.goal", id=goal_id)
        case = tx.session.get(Case, goal.case_id)
        assert case is not None
        if responsible_id and tx.session.get(User, responsible_id) is None:
            raise ValidationFailed([FieldError("responsible_id", "casework.user_inactive")])
        if provider_entry_id and tx.session.get(DirectoryEntry, provider_entry_id) is None:
            raise NotFound("not_found.directory_entry", id=provider_entry_id)
        if review_on is not None and review_on < case.opened_at.date():
            raise ValidationFailed([FieldError("review_on", "case.goal_before_open")])
        changes: dict[str, Any] = {
            "responsible_id": responsible_id,
            "provider_entry_id": provider_entry_id,
            "review_on": review_on,
            "status": status,
        }
        if status == "achieved" and goal.achieved_at is None:
            changes["achieved_at"] = tx.now.date()
        new_review = review_on is not None and review_on != goal.review_on
        tx.update(goal, changes)
        if new_review and review_on is not None:
            tx.insert(
                FollowUp(
                    due_at=combine(review_on),
                    what=REVIEW_WHAT,
                    client_id=case.client_id,
                    assigned_to=responsible_id or case.manager_id,
                ),
                audit_detail={"client_id": case.client_id, "goal_id": goal_id},
            )
        view = _goal(tx.session, goal)
    return view


def _version(row: PlanApproval) -> PlanVersion:
    return PlanVersion(
        row.id,
        row.case_id,
        row.plan_version,
        row.approved_by,
        row.approved_at,
        tuple(row.goals or ()),
        row.note,
    )


def approve_plan(
    db: Database, case_id: str, note: str | None = None, *, approved_at: datetime | None = None
) -> PlanVersion:
    """A coordinator approves the plan as it stands: a new numbered version, dated (now, or an
    earlier date when a paper approval is entered afterwards; never in the future)."""
    require(db, "casework.approve")
    goals = plan_goals(db, case_id)
    if not goals:
        raise ValidationFailed([FieldError("goals", "casework.plan_empty")])
    with db.transaction() as tx:
        case = tx.session.get(Case, case_id)
        if case is None:
            raise NotFound("not_found.case", id=case_id)
        top = tx.session.execute(
            select(func.max(PlanApproval.plan_version)).where(PlanApproval.case_id == case_id)
        ).scalar_one()
        row = PlanApproval(
            case_id=case_id,
            plan_version=(top or 0) + 1,
            approved_by=tx.actor.user_id,
            approved_at=min(approved_at, tx.now) if approved_at else tx.now,
            goals=[g.as_snapshot() for g in goals],
            note=note,
        )
        tx.insert(row, audit_detail={"case_id": case_id, "plan_version": row.plan_version})
        view = _version(row)
    return view


def plan_versions(db: Database, case_id: str) -> list[PlanVersion]:
    """The approved versions of a case's plan, oldest first."""
    with db.session() as s:
        rows = s.execute(
            select(PlanApproval)
            .where(PlanApproval.case_id == case_id)
            .order_by(PlanApproval.plan_version, PlanApproval.approved_at)
        ).scalars()
        return [_version(r) for r in rows]
