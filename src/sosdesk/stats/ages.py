"""Age when registered, in Python and as SQL, the same rule both ways.

Age comes from the date of birth when known, else from the birth year (the year of
registration minus it), else from the estimated age recorded on the file.
"""

from __future__ import annotations

from datetime import date

from sosdesk.domain.vocab import AGE_GROUPS

AGE_ROWS = (*(label for label, _low, _high in AGE_GROUPS), "unknown")


def age_at(day: date, birth_date: date | None, birth_year: int | None,
           estimated_age: int | None) -> int | None:  # fmt: skip
    """Age in whole years on `day` (a local date), or None when nothing is known."""
    if birth_date is not None:
        return (
            day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
        )
    if birth_year is not None:
        return day.year - birth_year
    return estimated_age


def age_sql(local_day: str) -> str:
    """SQL for `age_at` given an expression for the local registration date-time text."""
    return f"""CASE
        WHEN birth_date IS NOT NULL THEN CAST(substr({local_day}, 1, 4) AS INTEGER)
            - CAST(substr(birth_date, 1, 4) AS INTEGER)
            - (substr({local_day}, 6, 5) < substr(birth_date, 6, 5))
        WHEN birth_year IS NOT NULL THEN CAST(substr({local_day}, 1, 4) AS INTEGER) - birth_year
        ELSE estimated_age END"""
