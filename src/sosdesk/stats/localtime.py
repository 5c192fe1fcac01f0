"""Local time of the line (Europe/Belgrade) and the UTC text the store keeps.

Times are stored as sortable UTC text (`2026-11-21T23:10:00.000000Z`); statistics are cut at
local midnight and bucketed by local hour, so every boundary goes through this module.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONE = "Europe/Belgrade"
_UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class CentralEuropeanTime(tzinfo):
    """CET/CEST by the EU rule (last Sunday of March/October, 01:00 UTC): used only when the
    system has no time-zone database (a Windows machine without `tzdata`)."""

    @staticmethod
    def _last_sunday(year: int, month: int) -> datetime:
        last = date(year, month + 1, 1) - timedelta(days=1)
        day = last - timedelta(days=(last.weekday() + 1) % 7)
        return datetime.combine(day, time(1), tzinfo=UTC)

    def _is_summer_utc(self, moment_utc: datetime) -> bool:
        year = moment_utc.year
        return self._last_sunday(year, 3) <= moment_utc < self._last_sunday(year, 10)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(hours=1)
        naive = dt.replace(tzinfo=None)
        # Interpret a local wall time: try the summer offset first (fold=0 picks the earlier).
        summer = (naive - timedelta(hours=2)).replace(tzinfo=UTC)
        winter = (naive - timedelta(hours=1)).replace(tzinfo=UTC)
        if dt.fold == 0 and self._is_summer_utc(summer):
            return timedelta(hours=2)
        if self._is_summer_utc(winter):
            return timedelta(hours=2)
        return timedelta(hours=1)

    def dst(self, dt: datetime | None) -> timedelta:
        return self.utcoffset(dt) - timedelta(hours=1)

    def tzname(self, dt: datetime | None) -> str:
        return "CEST" if self.dst(dt) else "CET"

    def fromutc(self, dt: datetime) -> datetime:
        moment = dt.replace(tzinfo=UTC)
        offset = timedelta(hours=2) if self._is_summer_utc(moment) else timedelta(hours=1)
        local = (moment + offset).replace(tzinfo=self)
        # The repeated hour in October: the second pass (winter time) has fold=1.
        if offset == timedelta(hours=1) and self._is_summer_utc(moment - timedelta(hours=1)):
            local = local.replace(fold=1)
        return local


@cache
def local_zone() -> tzinfo:
    """Europe/Belgrade from the system's time-zone database, or the built-in EU rule."""
    try:
        return ZoneInfo(ZONE)
    except ZoneInfoNotFoundError:  # pragma: no cover - depends on the installation
        return CentralEuropeanTime()


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which `day` begins on the line's clock."""
    return datetime.combine(day, time(0), tzinfo=local_zone()).astimezone(UTC)


def utc_text(moment: datetime) -> str:
    """An aware datetime as the store writes it (sortable UTC text)."""
    return moment.astimezone(UTC).strftime(_UTC_FORMAT)


def parse_utc_text(text: str) -> datetime:
    """Stored UTC text back to an aware datetime."""
    if len(text) == 27 and text[10] == "T" and text[-1] == "Z":
        # The store's own form: fromisoformat is C and 10x faster than strptime, which was a
        # quarter of a year's statistics (one call per follow-up due).
        return datetime.fromisoformat(text)
    return datetime.strptime(text, _UTC_FORMAT).replace(tzinfo=UTC)


def to_local(moment: datetime) -> datetime:
    """An aware datetime on the line's clock."""
    return moment.astimezone(local_zone())


def local_of_utc_hour(bucket: str) -> datetime:
    """`YYYY-MM-DDTHH` (a UTC hour) as naive local wall time. Belgrade's offsets are whole hours
    and change on the hour, so every instant of one UTC hour has the same local hour and day."""
    moment = datetime.fromisoformat(bucket + ":00:00")
    offset = timedelta(0)
    for since, delta in _year_offsets(moment.year):
        if bucket >= since[:13]:
            offset = delta
    return moment + offset


@cache
def _year_offsets(year: int) -> tuple[tuple[str, timedelta], ...]:
    """(from UTC text, offset) in force during a UTC year, first entry from 1 January."""
    start = datetime(year, 1, 1, tzinfo=UTC)
    segments = offset_segments(start, datetime(year + 1, 1, 1, tzinfo=UTC))
    return tuple((utc_text(at), timedelta(minutes=minutes)) for at, minutes in segments)


def local_date_of(text: str) -> date:
    """The local calendar day of stored UTC text (fast: no parsing of the zone per call)."""
    moment = datetime.fromisoformat(text[:19])
    offset = timedelta(0)
    for since, delta in _year_offsets(moment.year):
        if text >= since:
            offset = delta
    return (moment + offset).date()


def offset_segments(start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """The local UTC offset (in whole minutes) in force from each instant on, over [start, end)."""
    zone = local_zone()

    def offset(moment: datetime) -> int:
        delta = moment.astimezone(zone).utcoffset()
        assert delta is not None
        return int(delta.total_seconds() // 60)

    segments = [(start, offset(start))]
    day = start
    while day < end:
        nxt = min(day + timedelta(days=1), end)
        if offset(nxt) != segments[-1][1]:
            low, high = day, nxt  # a change happened in (low, high]: find it to the second
            while (high - low) > timedelta(seconds=1):
                mid = low + (high - low) / 2
                if offset(mid) == segments[-1][1]:
                    low = mid
                else:
                    high = mid
            segments.append((high.replace(microsecond=0), offset(high)))
        day = nxt
    return segments
