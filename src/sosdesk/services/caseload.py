"""The Centre's case list with filters, the weight of each case, and each professional's
workload against a capacity (the Centre's internal standard, configurable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select

from sosdesk.domain.clock import utcnow
from sosdesk.services.casework_roles import require
from sosdesk.store.database import Database
from sosdesk.store.models import Case, CaseGoal, Client, Event, Setting, User

WEIGHT_KEY = "casework.weights"
PAGE = 50
DEFAULT_WEIGHTS: dict[str, Any] = {
    "phase": {"identification": 3, "crisis": 4, "recovery": 2, "reintegration": 1},
    "risk": {"high": 2, "medium": 1, "low": 0, "unknown": 1},
    "child": 2,
    "court_open": 1,
    "interpreter_needed": 1,
    "out_of_town": 1,
    "capacity": 24,
}


@dataclass(frozen=True)
class CaseFilter:
    """What the case list shows; None means any."""

    phase: str | None = None
    risk: str | None = None
    manager_id: str | None = None
    overdue_goals: bool = False
    no_contact_days: int | None = None  # no event for at least this many days
    child: bool | None = None
    court_open: bool | None = None


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list."""

    case_id: str
    client_id: str
    client_code: str
    phase: str
    risk: str
    manager_name: str | None
    opened_at: datetime
    child: bool
    court_open: bool
    overdue_goals: int
    last_contact: datetime | None
    weight: int


@dataclass(frozen=True)
class Workload:
    """A professional's total case weight against the capacity, with a traffic light."""

    user_id: str
    name: str
    cases: int
    weight: int
    capacity: int
    light: str  # green / amber / red
    by_month: tuple[tuple[str, int], ...] = field(default=())


def weights(db: Database) -> dict[str, Any]:
    """The weight table in use (the defaults until a coordinator sets one)."""
    with db.session() as s:
        row = s.get(Setting, WEIGHT_KEY)
        return {**DEFAULT_WEIGHTS, **(row.value if row else {})}


def set_weights(db: Database, table: dict[str, Any]) -> dict[str, Any]:
    """A coordinator changes the weight table (merged over the defaults)."""
    require(db, "casework.workload")
    with db.transaction() as tx:
        tx.session.merge(Setting(key=WEIGHT_KEY, value=table))
        tx.audit("settings_changed", "settings", None, {"key": WEIGHT_KEY})
    return weights(db)


def _child_clause(today: date) -> ColumnElement[bool]:
    return or_(
        Client.birth_year > today.year - 18,
        and_(Client.birth_year.is_(None), Client.estimated_age < 18),
    )


def case_weight(
    table: dict[str, Any], phase: str, risk: str, child: bool, court: bool, interp: bool, away: bool
) -> int:
    """The weight of one case by the table."""
    total = int(table["phase"].get(phase, 0)) + int(table["risk"].get(risk, 0))
    for flag, key in ((child, "child"), (court, "court_open"), (interp, "interpreter_needed")):
        total += int(table[key]) if flag else 0
    return total + (int(table["out_of_town"]) if away else 0)


def _query(f: CaseFilter, now: datetime) -> Select[*tuple[Any, ...]]:
    today = now.date()
    overdue = (
        select(func.count(CaseGoal.id))
        .where(
            CaseGoal.case_id == Case.id,
            CaseGoal.achieved_at.is_(None),
            CaseGoal.target_date < today,
        )
        .scalar_subquery()
    )
    last = (
        select(func.max(Event.occurred_at)).where(Event.client_id == Case.client_id)
    ).scalar_subquery()
    child = _child_clause(today)
    q: Select[*tuple[Any, ...]] = (
        select(
            Case.id,
            Case.client_id,
            Client.code,
            Case.phase,
            Client.risk_level,
            User.display_name,
            Case.opened_at,
            child.label("child"),
            Case.court_open,
            Case.interpreter_needed,
            Case.out_of_town,
            overdue.label("overdue"),
            last.label("last_contact"),
        )
        .join(Client, Client.id == Case.client_id)
        .outerjoin(User, User.id == Case.manager_id)
        .where(Case.closed_at.is_(None))
    )
    if f.phase:
        q = q.where(Case.phase == f.phase)
    if f.risk:
        q = q.where(Client.risk_level == f.risk)
    if f.manager_id:
        q = q.where(Case.manager_id == f.manager_id)
    if f.child is not None:
        q = q.where(child if f.child else ~child)
    if f.court_open is not None:
        q = q.where(Case.court_open.is_(True) if f.court_open else Case.court_open.isnot(True))
    if f.overdue_goals:
        q = q.where(
            exists().where(
                CaseGoal.case_id == Case.id,
                CaseGoal.achieved_at.is_(None),
                CaseGoal.target_date < today,
            )
        )
    if f.no_contact_days is not None:
        since = now - timedelta(days=f.no_contact_days)
        q = q.where(~exists().where(Event.client_id == Case.client_id, Event.occurred_at >= since))
    return q


def case_list(
    db: Database,
    f: CaseFilter | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE,
    now: datetime | None = None,
) -> list[CaseRow]:
    """Open cases matching the filter, newest first, one page at a time."""
    table = weights(db)
    q = _query(f or CaseFilter(), now or utcnow())
    q = q.order_by(Case.opened_at.desc(), Case.id).offset(offset).limit(limit)
    with db.session() as s:
        rows = s.execute(q).all()
    out = []
    for r in rows:
        child, court = bool(r.child), bool(r.court_open)
        w = case_weight(
            table,
            r.phase,
            r.risk_level,
            child,
            court,
            bool(r.interpreter_needed),
            bool(r.out_of_town),
        )
        out.append(
            CaseRow(
                r.id,
                r.client_id,
                r.code,
                r.phase,
                r.risk_level,
                r.display_name,
                r.opened_at,
                child,
                court,
                int(r.overdue or 0),
                r.last_contact,
                w,
            )
        )
    return out


def _light(weight: int, capacity: int) -> str:
    if weight > capacity:
        return "red"
    return "amber" if weight * 5 >= capacity * 4 else "green"


def workload(db: Database, *, now: datetime | None = None, months: int = 12) -> list[Workload]:
    """Each active professional's open-case weight against the capacity, and the weight of the
    cases open at the end of each of the last `months` months (with today's factors)."""
    require(db, "casework.workload")
    table = weights(db)
    capacity = int(table["capacity"])
    now = now or utcnow()
    today = now.date()
    child = _child_clause(today)
    q = (
        select(
            Case.manager_id,
            Case.phase,
            Client.risk_level,
            child.label("child"),
            Case.court_open,
            Case.interpreter_needed,
            Case.out_of_town,
            Case.opened_at,
            Case.closed_at,
        )
        .join(Client, Client.id == Case.client_id)
        .where(or_(Case.closed_at.is_(None), Case.closed_at >= now - timedelta(days=31 * months)))
    )
    ends = _month_ends(today, months)
    with db.session() as s:
        users = {
            u.id: u.display_name
            for u in s.execute(
                select(User).where(User.active.is_(True), User.role != "operator")
            ).scalars()
        }
        totals: dict[str, list[int]] = {uid: [0, 0] for uid in users}
        history: dict[str, list[int]] = {uid: [0] * len(ends) for uid in users}
        for r in s.execute(q):
            if r.manager_id not in users:
                continue
            phase = r.phase if r.phase != "closed" else "reintegration"
            w = case_weight(
                table,
                phase,
                r.risk_level,
                bool(r.child),
                bool(r.court_open),
                bool(r.interpreter_needed),
                bool(r.out_of_town),
            )
            if r.closed_at is None:
                totals[r.manager_id][0] += 1
                totals[r.manager_id][1] += w
            for i, end in enumerate(ends):
                if r.opened_at.date() <= end and (r.closed_at is None or r.closed_at.date() > end):
                    history[r.manager_id][i] += w
    return sorted(
        (
            Workload(
                uid,
                name,
                totals[uid][0],
                totals[uid][1],
                capacity,
                _light(totals[uid][1], capacity),
                tuple((e.strftime("%Y-%m"), v) for e, v in zip(ends, history[uid], strict=True)),
            )
            for uid, name in users.items()
        ),
        key=lambda w: (-w.weight, w.name),
    )


def _month_ends(today: date, months: int) -> list[date]:
    out = []
    first = today.replace(day=1)
    for _ in range(months):
        out.append(first - timedelta(days=1))
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(out))
