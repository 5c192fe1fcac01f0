"""The Centre's case list with filters, the weight of each case, and each professional's
workload against a capacity (the Centre's internal standard, configurable)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select, update
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.domain.clock import utcnow
from sosdesk.services.casework_roles import require
from sosdesk.services.errors import NotFound
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
    # About fifteen cases of average weight per professional (the Centre sets its own).
    "capacity": 60,
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
        return weights_in(s)


def weights_in(s: Session) -> dict[str, Any]:
    """The weight table in use, read in an open session."""
    row = s.get(Setting, WEIGHT_KEY)
    return {**DEFAULT_WEIGHTS, **(row.value if row else {})}


def load_by_month(s: Session, months: Sequence[str], today: date) -> dict[str, tuple[int, int]]:
    """Open cases and their total weight at the end of each month (`YYYY-MM`), with today's
    factors: the statistics' workload by month (every professional together)."""
    if not months:
        return {}
    table = weights_in(s)
    year, month = (int(x) for x in min(months).split("-"))
    since = datetime(year, month, 1, tzinfo=UTC)
    opened = func.substr(Case.opened_at, 1, 7)
    closed = func.substr(Case.closed_at, 1, 7)
    q = (
        select(opened, closed, func.count(), func.sum(_stored_weight(table, today)))
        .where(or_(Case.closed_at.is_(None), Case.closed_at >= since))
        .group_by(opened, closed)
    )
    out = {m: [0, 0] for m in months}
    for m_open, m_close, n, w in s.execute(q).all():
        for end, cell in out.items():
            if m_open <= end and (m_close is None or m_close > end):
                cell[0] += int(n)
                cell[1] += int(w or 0)
    return {m: (n, w) for m, (n, w) in out.items()}


def set_weights(db: Database, table: dict[str, Any]) -> dict[str, Any]:
    """A coordinator changes the weight table (merged over the defaults)."""
    require(db, "casework.workload")
    with db.transaction() as tx:
        tx.session.merge(Setting(key=WEIGHT_KEY, value=table))
        store_weights(tx.session)
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


def _page(f: CaseFilter, now: datetime, offset: int, limit: int) -> Select[str]:
    # The ids of one page: open cases walked newest first along ix_cases_open_order, each
    # filter a probe of that case (client factors as correlated look-ups, so SQLite never
    # starts from the clients and sorts every match). Only the page gets its details.
    today = now.date()
    client = Client.__table__.alias("page_client")

    def of_client(*where: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(client.c.id == Case.client_id, *where)

    q = select(Case.id).where(Case.closed_at.is_(None))
    if f.phase:
        q = q.where(Case.phase == f.phase)
    if f.risk:
        q = q.where(of_client(client.c.risk_level == f.risk))
    if f.manager_id:
        q = q.where(Case.manager_id == f.manager_id)
    if f.child is not None:
        # The case's stored child_until (kept in step with the client by store_weights) is
        # read with the case; a client probe is a random page of the clients table, which an
        # encrypted store decrypts again whenever it has left the cache.
        young = Case.child_until > today.year
        q = q.where(young if f.child else or_(Case.child_until.is_(None), ~young))
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
    return q.order_by(Case.opened_at.desc(), Case.id.desc()).offset(offset).limit(limit)


def _query(f: CaseFilter, now: datetime, offset: int, limit: int) -> Select[*tuple[Any, ...]]:
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
    return (
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
        .where(Case.id.in_(_page(f, now, offset, limit)))
        .order_by(Case.opened_at.desc(), Case.id.desc())
    )


def case_list(
    db: Database,
    f: CaseFilter | None = None,
    *,
    offset: int = 0,
    limit: int = PAGE,
    now: datetime | None = None,
) -> list[CaseRow]:
    """Open cases matching the filter, newest first, one page at a time."""
    require(db, "casework.case_list")
    table = weights(db)
    q = _query(f or CaseFilter(), now or utcnow(), offset, limit)
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


def set_case_factors(
    db: Database,
    case_id: str,
    *,
    court_open: bool | None = None,
    interpreter_needed: bool | None = None,
    out_of_town: bool | None = None,
) -> list[str]:
    """Set the weight factors a professional records on a case (None: unchanged); the stored
    weight follows in the same transaction. Returns the names that changed."""
    given = {
        "court_open": court_open,
        "interpreter_needed": interpreter_needed,
        "out_of_town": out_of_town,
    }
    with db.transaction() as tx:
        case_row = tx.session.get(Case, case_id)
        if case_row is None:
            raise NotFound("not_found.case", id=case_id)
        changed = tx.update(case_row, {k: v for k, v in given.items() if v is not None})
        if changed:
            store_weights(tx.session, case_ids=[case_id])
    return changed


CHILD_ALWAYS = 9999  # no birth year, an estimated age under 18: a child until that changes


def store_weights(
    s: Session,
    *,
    case_ids: Iterable[str] | None = None,
    client_ids: Iterable[str] | None = None,
) -> None:
    """Store the weight (without the child factor) and the year the client stops being a child
    on the given cases and on the cases of the given clients; every case when neither is given.
    Call it in the transaction that changes a factor (the figure is local, never synced)."""
    s.flush()
    table = weights_in(s)
    of_client = Client.id == Case.client_id
    phases = {**table["phase"], "closed": table["phase"].get("reintegration", 0)}
    risk = select(Client.risk_level).where(of_client).scalar_subquery()
    weight = (
        case({k: int(v) for k, v in phases.items()}, value=Case.phase, else_=0)
        + case({k: int(v) for k, v in table["risk"].items()}, value=risk, else_=0)
        + case((Case.court_open.is_(True), int(table["court_open"])), else_=0)
        + case((Case.interpreter_needed.is_(True), int(table["interpreter_needed"])), else_=0)
        + case((Case.out_of_town.is_(True), int(table["out_of_town"])), else_=0)
    )
    until = (
        select(
            case(
                (Client.birth_year.isnot(None), Client.birth_year + 18),
                (Client.estimated_age < 18, CHILD_ALWAYS),
                else_=None,
            )
        )
        .where(of_client)
        .scalar_subquery()
    )
    stmt = (
        update(Case)
        .values(weight=weight, child_until=until)
        .execution_options(synchronize_session=False)
    )
    if case_ids is None and client_ids is None:
        s.execute(stmt)
    for column, ids in ((Case.id, case_ids), (Case.client_id, client_ids)):
        wanted = sorted(set(ids or ()))
        for i in range(0, len(wanted), 500):
            s.execute(stmt.where(column.in_(wanted[i : i + 500])))
    # Cases already loaded in this session read the new figures on next access.
    for obj in list(s.identity_map.values()):
        if isinstance(obj, Case):
            s.expire(obj, ["weight", "child_until"])


def _stored_weight(table: dict[str, Any], today: date) -> ColumnElement[int | None]:
    # The stored weight plus the child factor for today (a client's age moves with the year,
    # so it is applied when read), from the covering index alone.
    return Case.weight + case((Case.child_until > today.year, int(table["child"])), else_=0)


def workload(db: Database, *, now: datetime | None = None, months: int = 12) -> list[Workload]:
    """Each active professional's open-case weight against the capacity, and the weight of the
    cases open at the end of each of the last `months` months (with today's factors)."""
    require(db, "casework.workload")
    table = weights(db)
    capacity = int(table["capacity"])
    now = now or utcnow()
    ends = [e.strftime("%Y-%m") for e in _month_ends(now.date(), months)]
    weight = _stored_weight(table, now.date())
    opened = func.substr(Case.opened_at, 1, 7)
    closed = func.substr(Case.closed_at, 1, 7)
    q = (
        select(Case.manager_id, opened, closed, func.count(), func.sum(weight))
        .where(or_(Case.closed_at.is_(None), Case.closed_at >= now - timedelta(days=31 * months)))
        .group_by(Case.manager_id, opened, closed)
    )
    with db.session() as s:
        users = {
            u.id: u.display_name
            for u in s.execute(
                select(User).where(User.active.is_(True), User.role != roles.OPERATOR)
            ).scalars()
        }
        groups = s.execute(q).all()
    totals: dict[str, list[int]] = {uid: [0, 0] for uid in users}
    history: dict[str, list[int]] = {uid: [0] * len(ends) for uid in users}
    for manager, m_open, m_close, n, w in groups:
        if manager not in users:
            continue
        if m_close is None:
            totals[manager][0] += int(n)
            totals[manager][1] += int(w or 0)
        for i, end in enumerate(ends):
            if m_open <= end and (m_close is None or m_close > end):
                history[manager][i] += int(w or 0)
    return sorted(
        (
            Workload(
                uid,
                name,
                totals[uid][0],
                totals[uid][1],
                capacity,
                _light(totals[uid][1], capacity),
                tuple(zip(ends, history[uid], strict=True)),
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
