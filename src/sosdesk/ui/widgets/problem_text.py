"""Translates the field messages of the services (English, from sosdesk.domain.validation
and the services) into the operator's language, keeping numbers and values."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QObject


class ProblemText(QObject):
    """`ProblemText().translate("at most 120 characters (now 5000)")` -> Serbian, etc."""

    def _patterns(self) -> list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
        return [
            (
                re.compile(r"^at most (\d+) characters \(now (\d+)\)$"),
                lambda m: self.tr("Too long: at most {0} characters (now {1})").format(*m.groups()),
            ),
            (
                re.compile(r"^a year between 1900 and (\d+)$"),
                lambda m: self.tr("A year between 1900 and {0}").format(m.group(1)),
            ),
            (
                re.compile(r"^unknown [^:]+: (.*)$"),
                lambda m: self.tr("Not a value of the list: {0}").format(m.group(1)),
            ),
            (
                re.compile(r"^no client with (?:id|code) (.*)$"),
                lambda m: self.tr("No client with code or id {0}").format(m.group(1)),
            ),
        ]

    def _fixed(self) -> dict[str, str]:
        return {
            "required": self.tr("Required"),
            "time zone missing": self.tr("Give a date and time"),
            "a call cannot start in the future": self.tr("A call cannot start in the future"),
            "the end is before the start": self.tr("The end is before the start"),
            "choose at least one category": self.tr("Choose at least one category"),
            "use digits, spaces and + ( ) / . - only": self.tr(
                "Use digits, spaces and + ( ) / . - only"
            ),
            "a phone number has 7 to 15 digits with its country code": self.tr(
                "A phone number has 7 to 15 digits with its country code"
            ),
            "say what is to be done": self.tr("Say what is to be done"),
            "link an existing client or create a new one, not both": self.tr(
                "Link an existing client or create a new one, not both"
            ),
            "cannot be in the future": self.tr("Cannot be in the future"),
            "before 1900 is not plausible": self.tr("Before 1900 is not plausible"),
            "an age between 0 and 110": self.tr("An age between 0 and 110"),
            "give at least a name, a nickname or a phone number": self.tr(
                "Give at least a name, a nickname or a phone number"
            ),
        }

    def translate(self, message: str) -> str:
        """The message in the current language (unknown messages pass through unchanged)."""
        fixed = self._fixed().get(message)
        if fixed is not None:
            return fixed
        for pattern, render in self._patterns():
            m = pattern.match(message)
            if m:
                return render(m)
        return message
