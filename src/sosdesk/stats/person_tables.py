"""Tables of people: new clients and identified victims by the quasi-identifiers and status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sosdesk.domain.vocab import EXPLOITATION, GENDER, VICTIM_STATUS, age_group
from sosdesk.stats.ages import AGE_ROWS
from sosdesk.stats.persons import Person
from sosdesk.stats.tables import (
    PERSONS,
    StatTable,
    by_count_rows,
    multi_column,
    one_column,
    ordered_rows,
)


def _count(persons: Sequence[Person], attr: str) -> Counter[str]:
    if attr == "age_group":
        return Counter(age_group(p.age) for p in persons)
    if attr in ("exploitation", "countries"):
        fallback = "unknown" if attr == "exploitation" else "XX"
        c: Counter[str] = Counter()
        for p in persons:
            c.update(getattr(p, attr) or (fallback,))
        return c
    return Counter(getattr(p, attr) for p in persons)


def _table(key: str, dimension: str, attr: str, now: Sequence[Person], before: Sequence[Person],
           codes: Sequence[str] | None, multi: bool = False) -> StatTable:  # fmt: skip
    c_now, c_before = _count(now, attr), _count(before, attr)
    rows = (
        ordered_rows(codes, c_now, c_before)
        if codes is not None
        else by_count_rows(c_now, c_before)
    )
    return one_column(key, dimension, rows, c_now, len(now), PERSONS, person_level=True,
                      multi_valued=multi)  # fmt: skip


def person_tables(prefix: str, now: Sequence[Person], before: Sequence[Person], *,
                  with_status: bool, with_countries: bool) -> list[StatTable]:  # fmt: skip
    """`<prefix>_by_gender`, `_by_age_group`, `_by_citizenship`, `_by_exploitation`, and
    optionally `_by_status` and `_by_country` (of exploitation)."""
    out = [
        _table(f"{prefix}_by_gender", "gender", "gender", now, before, GENDER.codes()),
        _table(f"{prefix}_by_age_group", "age_group", "age_group", now, before, AGE_ROWS),
        _table(f"{prefix}_by_citizenship", "country", "citizenship", now, before, None),
        _table(f"{prefix}_by_exploitation", "exploitation type", "exploitation", now, before,
               EXPLOITATION.codes(), multi=True),
    ]  # fmt: skip
    if with_countries:
        out.append(_table(f"{prefix}_by_country", "country", "countries", now, before, None,
                          multi=True))  # fmt: skip
    if with_status:
        out.append(_table(f"{prefix}_by_status", "victim status", "status", now, before,
                          VICTIM_STATUS.codes()))  # fmt: skip
    return out


def age_by_gender(key: str, now: Sequence[Person], before: Sequence[Person]) -> StatTable:
    """A cross-tabulation: age group (rows) by gender (columns), with all totals."""
    counts: Counter[tuple[str, str]] = Counter((age_group(p.age), p.gender) for p in now)
    genders = ordered_rows(GENDER.codes(), {g: 1 for _a, g in counts},
                           {p.gender: 1 for p in before})  # fmt: skip
    rows = ordered_rows(AGE_ROWS, {a: 1 for a, _g in counts})
    totals = tuple(sum(1 for p in now if p.gender == g) for g in genders)
    return multi_column(key, "age_group", rows, genders, counts, totals, PERSONS,
                        column_dimension="gender", person_level=True, cross=True)  # fmt: skip
