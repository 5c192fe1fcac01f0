"""The records behind a number of the dashboard: which calls, clients or events it counts.

Only consultants and coordinators may look (operators see the numbers only). The list names
no one: client codes, local times and codes of the vocabularies. Every look is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.services import errors
from sosdesk.services.access import require
from sosdesk.stats.calls_stats import NO_CATEGORY
from sosdesk.stats.events_stats import facts
from sosdesk.stats.followups_stats import classify
from sosdesk.stats.localtime import parse_utc_text, to_local
from sosdesk.stats.missing_tables import missing_case_rows
from sosdesk.stats.periods import Period
from sosdesk.stats.person_tables import NOT_RECORDED
from sosdesk.stats.persons import UNKNOWN_COUNTRY, Person, codes_of, identified_in, registered_in
from sosdesk.stats.rawsql import rows, stats_session
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow

ALLOWED_ROLES = tuple(r for r in roles.ROLES if roles.allows(r, roles.SEE_RECORDS_BEHIND))
LIMIT = 5000
_CALL_DIMS = {"calls_by_line": 1, "calls_by_caller_type": 2, "calls_by_urgency": 3}
_EVENT_KINDS = {
    "assistance_by_type": "assistance",
    "costs_by_type": "assistance",
    "field_actions_by_type": "field_action",
    "hearings_by_proceeding": "court_hearing",
}


NotAllowed = errors.NotAllowed  # kept under its old name for callers of this module


@dataclass(frozen=True)
class Record:
    """One record behind a number."""

    kind: str  # "call", "client" or "event"
    ref: str  # its id
    client_id: str | None
    when: str  # local time, "2025-03-10 10:00"
    code: str  # the client's code, or ""
    detail: tuple[str, ...]  # vocabulary codes: line, caller type, urgency / status / type


@dataclass(frozen=True)
class DrillDown:
    """The records behind one cell; `total` may exceed the records listed (LIMIT)."""

    table: str
    row: str
    column: str | None
    records: tuple[Record, ...]
    total: int


def _when(text: str) -> str:
    return f"{to_local(parse_utc_text(text)):%Y-%m-%d %H:%M}"


def records_behind(
    db: Database, period: Period, table: str, row: str, column: str | None = None
) -> DrillDown:
    """The records counted in `table` at `row` (and `column`) for `period`."""
    require(db, roles.SEE_RECORDS_BEHIND)
    with stats_session(db) as s:
        found = list(_records(s, period, table, row, column))
    found.sort(key=lambda r: (r.when, r.code, r.ref))
    with db.transaction() as tx:
        tx.audit(
            "stats_drilldown",
            "statistics",
            None,
            {
                "table": table,
                "row": row,
                "column": column,
                "period": period.slug(),
                "records": len(found),
            },
        )
    return DrillDown(table, row, column, tuple(found[:LIMIT]), len(found))


def _records(
    s: Session, period: Period, table: str, row: str, column: str | None
) -> Iterable[Record]:
    if table.startswith("calls_by_"):
        return _calls(s, period, table, row)
    if table.startswith(("new_clients_", "victims_")):
        people = (
            registered_in(s, period)
            if table.startswith("new_clients_")
            else identified_in(s, period)
        )
        return (_person(p) for p in people if _person_matches(p, table, row, column))
    if table in _EVENT_KINDS:
        return _events(s, period, _EVENT_KINDS[table], row, column, table == "costs_by_type")
    if table == "followups_by_outcome":
        return _followups(s, period, row)
    if table.startswith("missing_"):
        return (
            Record("missing_case", ref, None, f"{to_local(at):%Y-%m-%d %H:%M}", code, (category,))
            for ref, at, code, category in missing_case_rows(s, period, table, row)
        )
    raise KeyError(f"no records behind {table}")


def _calls(s: Session, period: Period, table: str, row: str) -> Iterable[Record]:
    a, b = period.utc_bounds()
    sql = (
        "SELECT c.id, c.started_at, c.line, c.caller_type, c.urgency, c.categories, "
        "c.client_id, coalesce(k.code, '') FROM calls c LEFT JOIN clients k ON k.id = c.client_id "
        "WHERE c.started_at >= :a AND c.started_at < :b"
    )
    for rec in rows(s, sql, {"a": a, "b": b}):
        call_id, started, line, caller, urgency, cats, client_id, code = rec
        if table in _CALL_DIMS:
            hit = (rec[_CALL_DIMS[table] + 1] or "") == row
        elif table == "calls_by_category":
            hit = row in (codes_of(cats) or (NO_CATEGORY,))
        else:
            local = to_local(parse_utc_text(started))
            key = {
                "calls_by_hour": f"{local.hour:02d}",
                "calls_by_weekday": str(local.isoweekday()),
                "calls_by_month": f"{local:%Y-%m}",
            }[table]
            hit = key == row
        if hit:
            yield Record("call", call_id, client_id, _when(started), code, (line, caller, urgency))


def _person_matches(p: Person, table: str, row: str, column: str | None) -> bool:
    profile = p.profile
    if table.endswith("_age_by_gender"):
        return profile[1] == row and (column is None or profile[0] == column)
    attr = table.split("_by_", 1)[1]
    if attr == "exploitation":
        return row in (p.exploitation or (NOT_RECORDED,))
    if attr == "country":
        return row in (p.countries or (UNKNOWN_COUNTRY,))
    index = {"gender": 0, "age_group": 1, "citizenship": 2, "status": 3}[attr]
    return profile[index] == row


def _person(p: Person) -> Record:
    return Record("client", p.id, p.id, _when(p.registered), p.code, (p.status, p.gender))


def _codes(s: Session, client_ids: set[str]) -> dict[str, str]:
    ids = sorted(client_ids)
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join(f":p{j}" for j in range(len(chunk)))
        out.update(
            rows(
                s,
                f"SELECT id, code FROM clients WHERE id IN ({marks})",
                {f"p{j}": v for j, v in enumerate(chunk)},
            )
        )
    return out


def _events(
    s: Session, period: Period, kind: str, row: str, column: str | None, costs: bool
) -> Iterable[Record]:
    chosen = [
        f
        for f in facts(s, kind, period)
        if f[2] == row and (not costs or (f[4] is not None and (f[5] or "") == (column or "")))
    ]
    codes = _codes(s, {f[1] for f in chosen})
    if column == "clients":  # the distinct clients, first event each
        first: dict[str, str] = {}
        for f in sorted(chosen, key=lambda f: f[3]):
            first.setdefault(f[1], f[3])
        return (
            Record("client", cid, cid, _when(at), codes.get(cid, ""), (row,))
            for cid, at in first.items()
        )
    return (
        Record(
            "event",
            f[0],
            f[1],
            _when(f[3]),
            codes.get(f[1], ""),
            (row,) if f[4] is None else (row, f"{f[4]}", f[5] or ""),
        )
        for f in chosen
    )


def _followups(s: Session, period: Period, row: str) -> Iterable[Record]:
    a, b = period.utc_bounds()
    now = utcnow()
    sql = (
        "SELECT f.id, f.due_at, f.done_at, f.client_id, coalesce(k.code, '') FROM followups f "
        "LEFT JOIN clients k ON k.id = f.client_id WHERE f.due_at >= :a AND f.due_at < :b"
    )
    for fid, due, done, client_id, code in rows(s, sql, {"a": a, "b": b}):
        outcome = classify(parse_utc_text(due), parse_utc_text(done) if done else None, now)
        if outcome == row:
            yield Record("event", fid, client_id, _when(due), code, (outcome,))


def local_now() -> datetime:
    """Now on the line's clock (for the dashboard's default period)."""
    return to_local(utcnow())
