"""Every statistic of a period (and of the period before it), in one read transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.services.access import require
from sosdesk.stats.calls_stats import CallCounts, call_tables, count_calls
from sosdesk.stats.casework_stats import casework_tables
from sosdesk.stats.events_stats import EventCounts, costs_table, count_events_of, event_table
from sosdesk.stats.facts import ensure_facts
from sosdesk.stats.followups_stats import count_followups, followups_table
from sosdesk.stats.localtime import to_local
from sosdesk.stats.missing_tables import MissingCounts, count_missing, missing_tables
from sosdesk.stats.periods import Period
from sosdesk.stats.person_tables import age_by_gender, person_tables
from sosdesk.stats.persons import (
    Person,
    Profile,
    first_identifications,
    identified_in,
    new_client_profiles,
    profiles,
)
from sosdesk.stats.rawsql import stats_session
from sosdesk.stats.tables import StatTable
from sosdesk.store.database import Database
from sosdesk.store.gc_pause import cycle_collector_paused
from sosdesk.store.models import Erasure, utcnow

EVENT_KINDS = ("assistance", "field_action", "court_hearing")


@dataclass(frozen=True)
class Summary:
    """The headline figures of a period."""

    calls: int
    new_clients: int
    identified_victims: int
    assistance: int
    assisted_clients: int
    costs: dict[str, int] = field(hash=False)  # currency -> minor units
    field_actions: int
    hearings: int
    followups_due: int
    followups_on_time: int

    @property
    def is_empty(self) -> bool:
        return not (
            self.calls
            or self.new_clients
            or self.identified_victims
            or self.assistance
            or self.field_actions
            or self.hearings
            or self.followups_due
        )


@dataclass(frozen=True)
class Dashboard:
    """Tables of a period and, aligned row by row, of the period before (when compared)."""

    period: Period
    previous: Period | None
    tables: tuple[StatTable, ...]
    before: dict[str, StatTable] = field(hash=False)
    summary: Summary
    summary_before: Summary | None
    desk_code: str
    is_office: bool
    computed_at: datetime
    # Clients erased on request or by retention: their records are no longer counted.
    erased_clients: int = 0

    def table(self, key: str) -> StatTable:
        """The table with this key (KeyError if the period has no such table)."""
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)


@dataclass(frozen=True)
class _Raw:
    calls: CallCounts
    events: dict[str, EventCounts]
    new: Counter[Profile]
    victims: Counter[Profile]
    victim_list: list[Person]
    followups: Counter[str]
    missing: MissingCounts = field(default_factory=MissingCounts)


def _raw(s: Session, period: Period, now: datetime, first: dict[str, str]) -> _Raw:
    calls = count_calls(s, period)
    events = {k: count_events_of(s, k, period) for k in EVENT_KINDS}
    new = new_client_profiles(s, period)
    victims = identified_in(s, period, first)
    followups = count_followups(s, period, now)
    missing = count_missing(s, period)  # the 116 000 line
    return _Raw(calls, events, new, profiles(victims), victims, followups, missing)


def _tables(now: _Raw, before: _Raw, period: Period) -> list[StatTable]:
    out = call_tables(now.calls, before.calls, period)
    out += person_tables("new_clients", now.new, before.new, with_status=True, with_countries=False)
    out += person_tables(
        "victims", now.victims, before.victims, with_status=False, with_countries=True
    )
    out.append(age_by_gender("victims_age_by_gender", now.victims, before.victims))
    out.append(event_table(now.events["assistance"], before.events["assistance"]))
    out.append(costs_table(now.events["assistance"], before.events["assistance"]))
    out.append(event_table(now.events["field_action"], before.events["field_action"]))
    out.append(event_table(now.events["court_hearing"], before.events["court_hearing"]))
    out.append(followups_table(now.followups))
    out += missing_tables(now.missing)
    return out


def _summary(raw: _Raw) -> Summary:
    a = raw.events["assistance"]
    return Summary(
        raw.calls.total,
        sum(raw.new.values()),
        len(raw.victim_list),
        a.total_events,
        a.total_clients,
        dict(a.cost_totals),
        raw.events["field_action"].total_events,
        raw.events["court_hearing"].total_events,
        sum(raw.followups.values()),
        raw.followups.get("on_time", 0),
    )


def _align(table: StatTable, prev: StatTable) -> StatTable:
    """The previous period's table on the current table's rows (months: by position)."""
    if table.dimension == "month":
        rows = list(prev.rows)[: len(table.rows)]
        cells = [prev.cells[i] for i in range(len(rows))]
        cells += [(0,) * len(prev.columns)] * (len(table.rows) - len(rows))
        return StatTable(
            prev.key,
            prev.dimension,
            table.rows,
            prev.columns,
            prev.column_dimension,
            tuple(cells),
            prev.totals,
            prev.unit,
            prev.person_level,
            prev.multi_valued,
        )
    return prev.with_rows(table.rows)


def compute_dashboard(
    db: Database, period: Period, *, compare: bool = True, today: date | None = None
) -> Dashboard:
    """All statistics of `period`; with `compare`, also of the period before it (while `period`
    is still running, only as many of its days as have passed: like with like)."""
    require(db, roles.RUN_STATISTICS)
    ensure_facts(db)
    moment = utcnow()
    today = today or to_local(moment).date()
    previous = period.same_days_before(today) if compare else None
    # One read transaction: both periods see the same data. A year is some 200,000 rows as
    # tuples, which would set off hundreds of collections of the whole process.
    with cycle_collector_paused(), stats_session(db) as s:
        first = first_identifications(s)
        erased = s.execute(
            select(func.count(func.distinct(Erasure.client_id))).where(Erasure.mode == "erase")
        ).scalar_one()
        now = _raw(s, period, moment, first)
        before = _raw(s, previous, moment, first) if previous else _empty()
        casework_now = casework_tables(s, period)
        casework_before = casework_tables(s, previous) if previous else []
    tables = _tables(now, before, period) + casework_now
    before_tables: dict[str, StatTable] = {}
    if previous is not None:
        back = {t.key: t for t in _tables(before, now, previous)}
        back.update({t.key: t for t in casework_before})
        for t in tables:
            if t.key in back:
                before_tables[t.key] = _align(t, back[t.key])
    return Dashboard(
        period,
        previous,
        tuple(tables),
        before_tables,
        _summary(now),
        _summary(before) if previous else None,
        db.desk.desk_code,
        db.desk.is_office,
        moment,
        int(erased),
    )


def _empty() -> _Raw:
    empty_calls = CallCounts(0, *(Counter[str]() for _ in range(7)))
    return _Raw(
        empty_calls, {k: EventCounts(k) for k in EVENT_KINDS}, Counter(), Counter(), [], Counter()
    )
