"""Statistical periods on the line's local calendar: month, quarter, year or custom days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sosdesk.stats.localtime import local_midnight_utc, utc_text

KINDS = ("month", "quarter", "year", "custom")
MAX_CUSTOM_DAYS = 3 * 366 + 1


class PeriodError(ValueError):
    """A period that cannot be counted over (end before start, absurd length, bad month)."""


@dataclass(frozen=True)
class Period:
    """Local days [start, end): `end` is the first day no longer counted."""

    kind: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PeriodError(f"unknown period kind {self.kind!r}: use {', '.join(KINDS)}")
        if self.end <= self.start:
            raise PeriodError("the period ends before it starts: choose a later end date")
        if (self.end - self.start).days > MAX_CUSTOM_DAYS:
            raise PeriodError("a period can be at most three years long")

    # -- constructors ------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """One calendar month."""
        if not 1 <= month <= 12:
            raise PeriodError("a month is 1 to 12")
        return cls("month", date(year, month, 1), _add_months(date(year, month, 1), 1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Q1 (January-March) to Q4."""
        if not 1 <= quarter <= 4:
            raise PeriodError("a quarter is 1 to 4")
        first = date(year, 3 * quarter - 2, 1)
        return cls("quarter", first, _add_months(first, 3))

    @classmethod
    def year(cls, year: int) -> Period:
        """A calendar year."""
        if not 1900 <= year <= 9998:
            raise PeriodError("a year between 1900 and 9998")
        return cls("year", date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def custom(cls, first: date, last: date) -> Period:
        """The days `first` to `last`, both included."""
        if last < first:
            raise PeriodError("the last day is before the first: swap them")
        return cls("custom", first, last + timedelta(days=1))

    # -- derived -----------------------------------------------------------------------------

    @property
    def last_day(self) -> date:
        """The last local day counted."""
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        """The period just before, of the same kind (custom: the same number of days)."""
        if self.kind == "month":
            return Period("month", _add_months(self.start, -1), self.start)
        if self.kind == "quarter":
            return Period("quarter", _add_months(self.start, -3), self.start)
        if self.kind == "year":
            return Period("year", date(self.start.year - 1, 1, 1), self.start)
        return Period("custom", self.start - timedelta(days=self.days), self.start)

    def same_days_before(self, today: date) -> Period:
        """The period before, cut to as many days as this one has run by `today`: a month still
        running is compared with the same days of the month before, not the whole of it."""
        before = self.previous()
        if not self.contains_day(today):
            return before
        run = (today - self.start).days + 1
        return Period(before.kind, before.start, min(before.end, before.start + timedelta(run)))

    def utc_bounds(self) -> tuple[str, str]:
        """[start, end) as stored UTC text: local midnights, so DST changes are respected."""
        return utc_text(local_midnight_utc(self.start)), utc_text(local_midnight_utc(self.end))

    def contains_day(self, day: date) -> bool:
        return self.start <= day < self.end

    def slug(self) -> str:
        """A short name for files and logs: `2025`, `2025-Q3`, `2025-07`, `2025-07-01_2025-07-14`."""
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month + 2) // 3}"
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        return f"{self.start.isoformat()}_{self.last_day.isoformat()}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
