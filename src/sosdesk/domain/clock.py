"""The one clock of the application: aware UTC time (the store re-exports it for old callers),
and the one time zone every screen shows it in: the organisation's (Europe/Belgrade unless a
coordinator sets another), not the computer's, so a hearing typed 09:30 prints 09:30."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Europe/Belgrade"
_zone: tzinfo | None = None


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def desk_zone() -> tzinfo | None:
    """The zone times are shown and typed in (None: the computer's, when no zone data exists)."""
    global _zone
    if _zone is None:
        try:
            _zone = ZoneInfo(DEFAULT_ZONE)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return _zone


def set_desk_zone(zone: tzinfo | None) -> None:
    """Use `zone` from now on (the organisation's, read at unlock); None: the default."""
    global _zone
    _zone = zone


def to_desk(moment: datetime) -> datetime:
    """An aware instant in the desk's zone."""
    return moment.astimezone(desk_zone())
