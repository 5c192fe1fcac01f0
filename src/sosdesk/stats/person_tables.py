"""Tables of people (new clients, identified victims) by the quasi-identifiers and status."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sosdesk.domain.vocab import EXPLOITATION, GENDER, VICTIM_STATUS
from sosdesk.stats.ages import AGE_ROWS
from sosdesk.stats.persons import UNKNOWN_COUNTRY, Profile
from sosdesk.stats.tables import (
    PERSONS,
    StatTable,
    by_count_rows,
    multi_column,
    one_column,
    ordered_rows,
)

# Where each attribute sits in a Profile, and what an empty multi-valued one counts as.
_INDEX = {
    "gender": 0,
    "age_group": 1,
    "citizenship": 2,
    "status": 3,
    "exploitation": 4,
    "countries": 5,
}
NOT_RECORDED = "none"
_EMPTY = {"exploitation": NOT_RECORDED, "countries": UNKNOWN_COUNTRY}


def count_by(people: Counter[Profile], attr: str) -> Counter[str]:
    """People per value of `attr`; a person with several exploitation types (or countries)
    counts once under each."""
    i = _INDEX[attr]
    out: Counter[str] = Counter()
    for profile, n in people.items():
        value = profile[i]
        if isinstance(value, tuple):
            for v in value or (_EMPTY[attr],):
                out[v] += n
        else:
            out[value] += n
    return out


def _table(
    key: str,
    dimension: str,
    attr: str,
    now: Counter[Profile],
    before: Counter[Profile],
    codes: Sequence[str] | None,
) -> StatTable:
    c_now, c_before = count_by(now, attr), count_by(before, attr)
    rows = (
        ordered_rows(codes, c_now, c_before)
        if codes is not None
        else by_count_rows(c_now, c_before)
    )
    return one_column(
        key,
        dimension,
        rows,
        c_now,
        sum(now.values()),
        PERSONS,
        person_level=True,
        multi_valued=attr in _EMPTY,
    )


def person_tables(
    prefix: str,
    now: Counter[Profile],
    before: Counter[Profile],
    *,
    with_status: bool,
    with_countries: bool,
) -> list[StatTable]:
    """`<prefix>_by_gender`, `_by_age_group`, `_by_citizenship`, `_by_exploitation`, and
    optionally `_by_country` (of exploitation) and `_by_status`."""
    out = [
        _table(f"{prefix}_by_gender", "gender", "gender", now, before, GENDER.codes()),
        _table(f"{prefix}_by_age_group", "age_group", "age_group", now, before, AGE_ROWS),
        _table(f"{prefix}_by_citizenship", "country", "citizenship", now, before, None),
        _table(
            f"{prefix}_by_exploitation",
            "exploitation type",
            "exploitation",
            now,
            before,
            EXPLOITATION.codes(),
        ),
    ]
    if with_countries:
        out.append(_table(f"{prefix}_by_country", "country", "countries", now, before, None))
    if with_status:
        out.append(
            _table(
                f"{prefix}_by_status", "victim status", "status", now, before, VICTIM_STATUS.codes()
            )
        )
    return out


def age_by_gender(key: str, now: Counter[Profile], before: Counter[Profile]) -> StatTable:
    """A cross-tabulation: age group (rows) by gender (columns), with all totals."""
    counts: Counter[tuple[str, str]] = Counter()
    for profile, n in now.items():
        counts[(profile[1], profile[0])] += n
    genders = ordered_rows(GENDER.codes(), count_by(now, "gender"), count_by(before, "gender"))
    rows = ordered_rows(AGE_ROWS, count_by(now, "age_group"))
    totals = tuple(sum(n for (_a, g), n in counts.items() if g == c) for c in genders)
    return multi_column(
        key,
        "age_group",
        rows,
        genders,
        counts,
        totals,
        PERSONS,
        column_dimension="gender",
        person_level=True,
        cross=True,
    )
