"""Calls in a period: by line, category, caller type, urgency, local hour, weekday and month.

One pass over the period's calls (a materialised CTE read once through the covering index),
then small GROUP BYs over it. Hours are grouped by UTC hour in SQL and turned into local hours
here: exact across daylight-saving changes without teaching SQLite about time zones.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, LINE, URGENCY
from sosdesk.stats.localtime import local_of_utc_hour
from sosdesk.stats.periods import Period
from sosdesk.stats.tables import CALLS, StatTable, one_column, ordered_rows

HOURS = tuple(f"{h:02d}" for h in range(24))
WEEKDAYS = tuple(str(d) for d in range(1, 8))  # ISO: 1 = Monday

_CALLS_SQL = """
WITH c AS MATERIALIZED (
    SELECT line, caller_type, urgency, categories, substr(started_at, 1, 13) AS h
    FROM calls WHERE started_at >= :a AND started_at < :b
)
SELECT 'line', line, count(*) FROM c GROUP BY line
UNION ALL SELECT 'caller', caller_type, count(*) FROM c GROUP BY caller_type
UNION ALL SELECT 'urgency', urgency, count(*) FROM c GROUP BY urgency
UNION ALL SELECT 'hour', h, count(*) FROM c GROUP BY h
UNION ALL SELECT 'category', j.value, count(*) FROM c, json_each(c.categories) AS j
    WHERE j.type = 'text' GROUP BY j.value
UNION ALL SELECT 'uncategorised', '', count(*) FROM c
    WHERE json_array_length(coalesce(c.categories, '[]')) = 0
"""


@dataclass(frozen=True)
class CallCounts:
    """Raw counts of one period (before they are shaped into tables)."""

    total: int
    by_line: Counter[str]
    by_caller: Counter[str]
    by_urgency: Counter[str]
    by_category: Counter[str]
    uncategorised: int
    by_hour: Counter[str]
    by_weekday: Counter[str]
    by_month: Counter[str]


def count_calls(session: Session, period: Period) -> CallCounts:
    """Count the calls that started in `period` (local days)."""
    a, b = period.utc_bounds()
    groups: dict[str, Counter[str]] = {k: Counter() for k in
                                       ("line", "caller", "urgency", "category", "hour")}  # fmt: skip
    uncategorised = 0
    for dim, key, n in session.execute(text(_CALLS_SQL), {"a": a, "b": b}):
        if dim == "uncategorised":
            uncategorised = int(n)
        else:
            groups[dim][str(key)] += int(n)
    by_hour: Counter[str] = Counter()
    by_weekday: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    for bucket, n in groups["hour"].items():
        local = local_of_utc_hour(bucket)
        by_hour[f"{local.hour:02d}"] += n
        by_weekday[str(local.isoweekday())] += n
        by_month[f"{local:%Y-%m}"] += n
    total = sum(groups["line"].values())
    return CallCounts(total, groups["line"], groups["caller"], groups["urgency"],
                      groups["category"], uncategorised, by_hour, by_weekday, by_month)  # fmt: skip


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
    out = [
        one_column("calls_by_line", "line", ordered_rows(LINE.codes(), now.by_line,
                   before.by_line), now.by_line, t, CALLS),
        one_column("calls_by_category", "call category",
                   ordered_rows(CALL_CATEGORY.codes(), now.by_category, before.by_category),
                   now.by_category, t, CALLS, multi_valued=True),
        one_column("calls_by_caller_type", "caller type",
                   ordered_rows(CALLER_TYPE.codes(), now.by_caller, before.by_caller),
                   now.by_caller, t, CALLS),
        one_column("calls_by_urgency", "urgency",
                   ordered_rows(URGENCY.codes(), now.by_urgency, before.by_urgency),
                   now.by_urgency, t, CALLS),
        one_column("calls_by_hour", "hour", HOURS, now.by_hour, t, CALLS),
        one_column("calls_by_weekday", "weekday", WEEKDAYS, now.by_weekday, t, CALLS),
    ]  # fmt: skip
    months = months_of(period)
    if len(months) > 1:
        out.append(one_column("calls_by_month", "month", months, now.by_month, t, CALLS))
    return out
