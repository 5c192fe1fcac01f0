"""Age when registered: from the date of birth when known, else from the birth year (the local
year of registration minus it), else the estimated age recorded on the file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sosdesk.domain.vocab import AGE_GROUPS, age_group
from sosdesk.stats.localtime import local_midnight_utc, utc_text

AGE_ROWS = (*(label for label, _low, _high in AGE_GROUPS), "unknown")
_GROUP_OF = {age: age_group(age) for age in range(0, 131)}


def age_at(
    day: date, birth_date: date | None, birth_year: int | None, estimated_age: int | None
) -> int | None:
    """Age in whole years on `day` (a local date), or None when nothing is known."""
    if birth_date is not None:
        return (
            day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
        )
    if birth_year is not None:
        return day.year - birth_year
    return estimated_age


def group_of(age: int | None) -> str:
    """The CTDC age group (`unknown` when not known), as `vocab.age_group`, looked up fast."""
    if age is None:
        return "unknown"
    return _GROUP_OF.get(age) or age_group(age)


def local_year_sql(column: str, first_year: int, last_year: int) -> str:
    """SQL for the local calendar year of a stored UTC text column, for values whose UTC year
    is within [first_year, last_year]: the UTC year, corrected around each local new year."""
    cases = []
    for year in range(first_year - 1, last_year + 1):
        instant = local_midnight_utc(date(year + 1, 1, 1))
        utc_new_year = datetime(year + 1, 1, 1, tzinfo=UTC)
        if instant < utc_new_year:  # east of Greenwich: the local year turns first
            cases.append(f"WHEN '{year:04d}' THEN ({column} >= '{utc_text(instant)}')")
        elif instant > utc_new_year:  # west of Greenwich: it turns later
            cases.append(f"WHEN '{year + 1:04d}' THEN -({column} < '{utc_text(instant)}')")
    body = " ".join(cases)
    correction = f"CASE substr({column}, 1, 4) {body} ELSE 0 END" if cases else "0"
    return f"(CAST(substr({column}, 1, 4) AS INTEGER) + {correction})"
