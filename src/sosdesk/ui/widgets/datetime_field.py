"""A date-and-time field typed the Serbian way (`21.11.2026 23:05`, `21.11. 23:05`, `23:05`),
local time, checked as you leave it. Impossible dates (31.02.) are refused with a message.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from sosdesk.ui.theme import repolish

_FULL = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})?\.?\s+(\d{1,2})[:.](\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
FORMAT = "%d.%m.%Y %H:%M"


class BadDateTime(ValueError):
    """Text that is not a date and time; `.kind` says why ('format', 'impossible')."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def parse_local(text: str, today: date | None = None) -> datetime | None:
    """Aware local datetime for the typed text; None for an empty field."""
    t = " ".join(text.split())
    if not t:
        return None
    today = today or date.today()
    if m := _FULL.match(t):
        d, mo, y, h, mi = m.groups()
        parts = (int(y) if y else today.year, int(mo), int(d), int(h), int(mi))
    elif m := _ISO.match(t):
        parts = tuple(int(x) for x in m.groups())  # type: ignore[assignment]
    elif m := _TIME.match(t):
        parts = (today.year, today.month, today.day, int(m.group(1)), int(m.group(2)))
    else:
        raise BadDateTime("format")
    try:
        naive = datetime(*parts)
    except ValueError:
        raise BadDateTime("impossible") from None
    return naive.astimezone()  # the local zone of this computer


def format_local(value: datetime | None) -> str:
    """How a stored time is shown in the field."""
    return value.astimezone().strftime(FORMAT) if value else ""


class DateTimeField(QLineEdit):
    """Local date and time; `value()` raises BadDateTime, `problem()` explains it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(40)
        self.setPlaceholderText(self.tr("dd.mm.yyyy hh:mm"))

    def value(self) -> datetime | None:
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

    def _mark(self, invalid: bool) -> None:
        if bool(self.property("invalid")) != invalid:
            self.setProperty("invalid", invalid)
            repolish(self)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.setPlaceholderText(self.tr("dd.mm.yyyy hh:mm"))
        super().changeEvent(e)

    def focusOutEvent(self, e: QFocusEvent) -> None:
        super().focusOutEvent(e)
        try:
            value = self.value()
        except BadDateTime:
            self._mark(True)
            return
        if value is not None:
            self.set_value(value)  # show the normal form of what was typed
