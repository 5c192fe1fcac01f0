"""What a differentially private release of a year contains: the tables, their public keys,
and each person's contributions read from the database (ids stay in memory, never written).
A release holds one or more groups of tables: `clients`, `victims`, `calls`.

Clients: registered in the year, once each. Victims: formally identified in the year (first
identification), once each. A person can be in several years' releases (registered in one,
identified in the next, calling in both): the privacy loss of a person adds up over the
years they appear in, and the method notes say so. Calls:
calls that started in the year; the unit is the client the call is linked to, or the call
itself when it has none (an anonymous caller may be a person already counted: a stated
limit of the method). A person adds at most `call_bound` calls to each call table.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import (
    AGE_GROUPS,
    CALL_CATEGORY,
    CALLER_TYPE,
    EXPLOITATION,
    GENDER,
    LINE,
    URGENCY,
    VICTIM_STATUS,
)
from sosdesk.stats.ages import group_of
from sosdesk.stats.calls_stats import NO_CATEGORY, months_of
from sosdesk.stats.dp import Contribution, Query, units
from sosdesk.stats.localtime import local_date_of
from sosdesk.stats.periods import Period
from sosdesk.stats.persons import Person, identified_in, registered_in
from sosdesk.stats.rawsql import rows, stats_session
from sosdesk.store.database import Database

DEFAULT_CALL_BOUND = 3
MAX_TYPES = 3  # exploitation types one person adds to the table (most have one or two)
MAX_CATEGORIES = 3  # categories one call adds to the table

AGE_KEYS = (*(label for label, _low, _high in AGE_GROUPS), "unknown")


GROUPS = ("clients", "victims", "calls")


def victim_queries() -> list[Query]:
    """Tables of victims identified in the year: each person once."""
    return [
        Query("victims_by_gender", "gender", tuple(GENDER.codes())),
        Query("victims_by_age_group", "age_group", AGE_KEYS),
        Query("victims_by_citizenship", "country", tuple(COUNTRY.codes())),
        Query(
            "victims_by_exploitation",
            "exploitation type",
            tuple(EXPLOITATION.codes()),
            per_contribution=MAX_TYPES,
        ),
    ]


def group_queries(groups: Sequence[str], period: Period, call_bound: int) -> list[Query]:
    """The tables of the chosen groups, in report order."""
    out: list[Query] = []
    if "clients" in groups:
        out += person_queries()
    if "victims" in groups:
        out += victim_queries()
    if "calls" in groups:
        out += call_queries(period, call_bound)
    return out


def person_queries() -> list[Query]:
    """Tables of new clients: each person once (exploitation: up to three types)."""
    return [
        Query("new_clients_by_gender", "gender", tuple(GENDER.codes())),
        Query("new_clients_by_age_group", "age_group", AGE_KEYS),
        Query("new_clients_by_citizenship", "country", tuple(COUNTRY.codes())),
        Query("new_clients_by_status", "victim status", tuple(VICTIM_STATUS.codes())),
        Query(
            "new_clients_by_exploitation",
            "exploitation type",
            tuple(EXPLOITATION.codes()),
            per_contribution=MAX_TYPES,
        ),
    ]


def call_queries(period: Period, bound: int) -> list[Query]:
    """Tables of calls: a person adds at most `bound` calls (categories: up to three each)."""
    return [
        Query("calls_by_line", "line", tuple(LINE.codes()), bound),
        Query("calls_by_caller_type", "caller type", tuple(CALLER_TYPE.codes()), bound),
        Query("calls_by_urgency", "urgency", tuple(URGENCY.codes()), bound),
        Query("calls_by_month", "month", months_of(period), bound),
        Query(
            "calls_by_category",
            "call category",
            (*CALL_CATEGORY.codes(), NO_CATEGORY),
            bound,
            MAX_CATEGORIES,
        ),
    ]


def person_contributions(
    persons: Sequence[Person], prefix: str = "new_clients"
) -> dict[str, list[Contribution]]:
    """Each person's one entry per person table (`new_clients_by_…` or `victims_by_…`)."""

    def one(key_of: dict[str, tuple[str, ...]]) -> list[Contribution]:
        return [Contribution(pid, (keys,)) for pid, keys in key_of.items()]

    return {
        f"{prefix}_by_gender": one({p.id: (p.gender,) for p in persons}),
        f"{prefix}_by_age_group": one({p.id: (group_of(p.age),) for p in persons}),
        f"{prefix}_by_citizenship": one({p.id: (p.citizenship,) for p in persons}),
        f"{prefix}_by_status": one({p.id: (p.status,) for p in persons}),
        f"{prefix}_by_exploitation": one(
            {p.id: tuple(p.exploitation) or ("unknown",) for p in persons}
        ),
    }


def call_contributions(db: Database, period: Period) -> dict[str, list[Contribution]]:
    """Each unit's calls, in time order, per call table."""
    a, b = period.utc_bounds()
    with stats_session(db) as s:
        found = list(
            rows(
                s,
                "SELECT id, client_id, started_at, line, caller_type, urgency, categories "
                "FROM calls WHERE started_at >= :a AND started_at < :b ORDER BY started_at, id",
                {"a": a, "b": b},
            )
        )
    by: dict[str, list[tuple[str, tuple[str, ...]]]] = {
        q: []
        for q in (
            "calls_by_line",
            "calls_by_caller_type",
            "calls_by_urgency",
            "calls_by_month",
            "calls_by_category",
        )
    }
    for call_id, client_id, started, line, caller, urgency, categories in found:
        unit = f"c:{client_id}" if client_id else f"x:{call_id}"
        by["calls_by_line"].append((unit, (line or "",)))
        by["calls_by_caller_type"].append((unit, (caller or "",)))
        by["calls_by_urgency"].append((unit, (urgency or "",)))
        by["calls_by_month"].append((unit, (f"{local_date_of(started):%Y-%m}",)))
        by["calls_by_category"].append((unit, _categories(categories)))
    return {key: units(pairs) for key, pairs in by.items()}


def _categories(value: object) -> tuple[str, ...]:
    try:
        data = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        data = []
    codes = tuple(dict.fromkeys(str(v) for v in data)) if isinstance(data, list) else ()
    return codes or (NO_CATEGORY,)


def year_queries(
    db: Database,
    year: int,
    call_bound: int = DEFAULT_CALL_BOUND,
    groups: Sequence[str] = GROUPS,
) -> list[tuple[Query, list[Contribution]]]:
    """The tables of a year's release (the chosen groups) with their contributions."""
    period = Period.year(year)
    contributions: dict[str, list[Contribution]] = {}
    with stats_session(db) as s:
        if "clients" in groups:
            contributions.update(person_contributions(registered_in(s, period)))
        if "victims" in groups:
            contributions.update(person_contributions(identified_in(s, period), "victims"))
    if "calls" in groups:
        contributions.update(call_contributions(db, period))
    return [(q, contributions[q.key]) for q in group_queries(groups, period, call_bound)]
