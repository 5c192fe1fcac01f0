"""Dates and times typed the Serbian way, with ONE parser for every form of the desk.

Accepted (the desk's time zone, `domain.clock.desk_zone`): `21.11.2026 23:10`, `21.11. 23:10` (this year), `23:10` (today),
`21.11.2026` (midnight), `21.11.2026.`, `2026-11-21`, `2026-11-21 23:10`; `.` may separate hours
and minutes. Impossible dates (31.02.) are refused with their own message.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from sosdesk.domain.clock import desk_zone, to_desk, utcnow
from sosdesk.ui.theme import repolish

_CLOCK = r"(\d{1,2})[:.](\d{2})"
_DAY = re.compile(rf"^(\d{{1,2}})\.\s*(\d{{1,2}})\.\s*(\d{{4}})?\.?(?:\s+{_CLOCK})?$")
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})(?:[ T]{_CLOCK})?$")
_TIME = re.compile(rf"^{_CLOCK}$")
FORMAT = "%d.%m.%Y %H:%M"


class BadDateTime(ValueError):
    """Text that is not a date (and time); `.kind` says why ('format', 'impossible')."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _parts(text: str, today: date) -> tuple[int, int, int, int, int]:
    """(year, month, day, hour, minute) of the typed text; BadDateTime('format') otherwise."""
    if m := _DAY.match(text):
        d, mo, y, h, mi = m.groups()
        if y is None and h is None:  # `21.11.` alone names no year and no time
            raise BadDateTime("format")
        year = int(y) if y else today.year
        return year, int(mo), int(d), int(h or 0), int(mi or 0)
    if m := _ISO.match(text):
        y, mo, d, h, mi = m.groups()
        return int(y), int(mo), int(d), int(h or 0), int(mi or 0)
    if m := _TIME.match(text):
        return today.year, today.month, today.day, int(m[1]), int(m[2])
    raise BadDateTime("format")


def parse_local(text: str, today: date | None = None) -> datetime | None:
    """Aware local datetime for the typed text; None for an empty field; BadDateTime otherwise."""
    t = " ".join(text.split())
    if not t:
        return None
    parts = _parts(t, today or to_desk(utcnow()).date())
    try:
        naive = datetime(*parts)
    except ValueError:
        raise BadDateTime("impossible") from None
    zone = desk_zone()
    # The organisation's zone, not this computer's (a UTC machine printed 09:30 as 10:30).
    return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()


def parse_date(text: str) -> date | None:
    """A day typed as `21.11.2026`, `21.11.2026.` or `2026-11-21`; None for empty."""
    t = " ".join(text.split())
    if not t:
        return None
    m = _DAY.match(t) or _ISO.match(t)
    if m is None or m[4] is not None:
        raise BadDateTime("format")
    parsed = parse_local(t)
    assert parsed is not None
    return parsed.date()


def format_date(value: date | None) -> str:
    """`21.11.2026` (empty for none)."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if value else ""


def format_local(value: datetime | None) -> str:
    """An aware datetime in local time: `21.11.2026 23:10` (empty for none)."""
    return to_desk(value).strftime(FORMAT) if value else ""


class _Field(QLineEdit):
    _placeholder = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(40)
        self.setPlaceholderText(self.tr(self._placeholder))

    def _mark(self, invalid: bool) -> None:
        if bool(self.property("invalid")) != invalid:
            self.setProperty("invalid", invalid)
            repolish(self)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.setPlaceholderText(self.tr(self._placeholder))
        super().changeEvent(e)


class DateField(_Field):
    """A date typed as `21.11.2026` (empty allowed); `value()` raises BadDateTime."""

    _placeholder = "dd.mm.yyyy"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(160)

    def value(self) -> date | None:
        """The date; BadDateTime (a ValueError) when the text is not one."""
        return parse_date(self.text())

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))
        self._mark(False)


class DateTimeField(_Field):
    """Local date and time; `value()` raises BadDateTime, `problem()` explains it."""

    _placeholder = "dd.mm.yyyy hh:mm"

    def value(self) -> datetime | None:
        """The aware datetime; BadDateTime (a ValueError) when the text is not one."""
        return parse_local(self.text())

    def set_value(self, value: datetime | None) -> None:
        self.setText(format_local(value))
        self._mark(False)

    def problem(self) -> str | None:
        """A message for a text that is not a possible date and time."""
        try:
            self.value()
        except BadDateTime as exc:
            self._mark(True)
            if exc.kind == "impossible":
                return self.tr("No such date or time: check the day, month and hour")
            return self.tr("Type a date and time like 21.11.2026 23:05")
        self._mark(False)
        return None

    def focusOutEvent(self, e: QFocusEvent) -> None:
        super().focusOutEvent(e)
        try:
            value = self.value()
        except BadDateTime:
            self._mark(True)
            return
        if value is not None:
            self.set_value(value)  # show the normal form of what was typed
