"""Calls in a period: by line, category, caller type, urgency, local hour, weekday and month.

Counts come from the facts the triggers keep (`stat_call_counts` per 22:00/23:00 UTC bucket,
`stat_call_hours` per UTC hour): a Belgrade day always starts at one of those instants, so any
period of local days is a whole number of buckets. Local hours are worked out here from UTC
hours: Belgrade's offsets are whole hours and change on the hour, so this is exact across
daylight-saving changes. `count_calls_direct` counts from the calls themselves; it is used when
a period does not fall on bucket edges and, in the tests, to check the facts.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, LINE, URGENCY
from sosdesk.stats.localtime import local_of_utc_hour
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import rows
from sosdesk.stats.tables import CALLS, StatTable, one_column, ordered_rows

HOURS = tuple(f"{h:02d}" for h in range(24))
WEEKDAYS = tuple(str(d) for d in range(1, 8))  # ISO: 1 = Monday
NO_CATEGORY = "none"
_DIMS = ("line", "caller", "urgency", "category")


@dataclass(frozen=True)
class CallCounts:
    """Counts of one period (before they are shaped into tables)."""

    total: int
    by_line: Counter[str]
    by_caller: Counter[str]
    by_urgency: Counter[str]
    by_category: Counter[str]  # calls with each category; NO_CATEGORY for calls without any
    by_hour: Counter[str]
    by_weekday: Counter[str]
    by_month: Counter[str]


def _on_bucket_edge(moment: str) -> bool:
    return moment[11:13] in ("22", "23") and moment[13:] == ":00:00.000000Z"


def _local_buckets(utc_hours: Counter[str]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    # Counted by number and named once at the end: formatting every hour of a year (strftime
    # above all) took three quarters of this.
    hours: Counter[int] = Counter()
    weekdays: Counter[int] = Counter()
    months: Counter[tuple[int, int]] = Counter()
    for bucket, n in utc_hours.items():
        local = local_of_utc_hour(bucket)
        hours[local.hour] += n
        weekdays[local.isoweekday()] += n
        months[(local.year, local.month)] += n
    return (
        Counter({HOURS[h]: n for h, n in hours.items()}),
        Counter({WEEKDAYS[d - 1]: n for d, n in weekdays.items()}),
        Counter({f"{y:04d}-{m:02d}": n for (y, m), n in months.items()}),
    )


def _shape(dims: dict[str, Counter[str]], utc_hours: Counter[str]) -> CallCounts:
    by_hour, by_weekday, by_month = _local_buckets(utc_hours)
    return CallCounts(
        sum(dims["line"].values()),
        dims["line"],
        dims["caller"],
        dims["urgency"],
        dims["category"],
        by_hour,
        by_weekday,
        by_month,
    )


def count_calls(session: Session, period: Period) -> CallCounts:
    """Count the calls that started in `period` (local days)."""
    a, b = period.utc_bounds()
    if not (_on_bucket_edge(a) and _on_bucket_edge(b)):  # pragma: no cover - other time zones
        return count_calls_direct(session, period)
    dims: dict[str, Counter[str]] = {d: Counter() for d in _DIMS}
    found = rows(
        session,
        "SELECT dim, code, n FROM stat_call_counts WHERE bucket >= :a AND bucket < :b",
        {"a": a[:13], "b": b[:13]},
    )
    for dim, code, n in found:
        if dim == "uncategorised":
            dims["category"][NO_CATEGORY] += n
        elif dim in dims:
            dims[dim][code] += n
    hours: Counter[str] = Counter()
    for hour, n in rows(
        session,
        "SELECT hour, n FROM stat_call_hours WHERE hour >= :a AND hour < :b",
        {"a": a[:13], "b": b[:13]},
    ):
        hours[hour] += n
    return _shape(dims, hours)


def count_calls_direct(session: Session, period: Period) -> CallCounts:
    """The same counts read call by call (slow on a big database; exact anywhere)."""
    a, b = period.utc_bounds()
    dims: dict[str, Counter[str]] = {d: Counter() for d in _DIMS}
    hours: Counter[str] = Counter()
    found = rows(
        session,
        "SELECT started_at, line, caller_type, urgency, categories FROM calls "
        "WHERE started_at >= :a AND started_at < :b",
        {"a": a, "b": b},
    )
    for started, line, caller, urgency, categories in found:
        hours[started[:13]] += 1
        dims["line"][line or ""] += 1
        dims["caller"][caller or ""] += 1
        dims["urgency"][urgency or ""] += 1
        try:
            values = json.loads(categories) if isinstance(categories, str) else categories
        except ValueError:
            values = []
        codes = {str(v) for v in values} if isinstance(values, list) else set()
        dims["category"].update(codes or {NO_CATEGORY})
    return _shape(dims, hours)


def months_of(period: Period) -> tuple[str, ...]:
    """`YYYY-MM` of every month the period touches."""
    out: list[str] = []
    y, m = period.start.year, period.start.month
    while (y, m) <= (period.last_day.year, period.last_day.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def call_tables(now: CallCounts, before: CallCounts, period: Period) -> list[StatTable]:
    """The call statistics of a period; rows also cover codes seen only in `before`."""
    t = now.total
    categories = ordered_rows(CALL_CATEGORY.codes(), now.by_category, before.by_category)
    out = [
        one_column(
            "calls_by_line",
            "line",
            ordered_rows(LINE.codes(), now.by_line, before.by_line),
            now.by_line,
            t,
            CALLS,
        ),
        one_column(
            "calls_by_category",
            "call category",
            categories,
            now.by_category,
            t,
            CALLS,
            multi_valued=True,
        ),
        one_column(
            "calls_by_caller_type",
            "caller type",
            ordered_rows(CALLER_TYPE.codes(), now.by_caller, before.by_caller),
            now.by_caller,
            t,
            CALLS,
        ),
        one_column(
            "calls_by_urgency",
            "urgency",
            ordered_rows(URGENCY.codes(), now.by_urgency, before.by_urgency),
            now.by_urgency,
            t,
            CALLS,
        ),
        one_column("calls_by_hour", "hour", HOURS, now.by_hour, t, CALLS),
        one_column("calls_by_weekday", "weekday", WEEKDAYS, now.by_weekday, t, CALLS),
    ]
    months = months_of(period)
    if len(months) > 1:
        out.append(one_column("calls_by_month", "month", months, now.by_month, t, CALLS))
    return out
