"""The one place where a problem becomes a sentence on screen.

`error_text(exc)` renders a coded error (`sosdesk.domain.messages`) in the UI's language. The
regular expressions below are a fallback for the English prose some services still return; they
go away once every service raises coded problems.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from sosdesk.domain.messages import CodedError, Problem, render
from sosdesk.ui.i18n import current_lang


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
        for pattern, make in self._patterns():
            m = pattern.match(message)
            if m:
                return make(m)
        return message


def error_text(exc: BaseException | Problem) -> str:
    """A problem in the current language: coded ones from the message table, prose translated."""
    if isinstance(exc, Problem):
        return render(exc.code, exc.params, current_lang())
    if isinstance(exc, CodedError):
        return render(exc.code, exc.params, current_lang())
    return message_text(str(exc))


def failure_text(exc: BaseException) -> str:
    """What to tell the user about a failed job: its coded reason, or the unexpected kind of it."""
    if isinstance(exc, CodedError):
        return error_text(exc)
    return render("internal.unexpected", {"kind": type(exc).__name__}, current_lang())


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClientFile", text)


_PATTERNS = (
    (re.compile(r"^at most (\d+) characters \(now (\d+)\)$"), "at most %1 characters (now %2)"),
    (re.compile(r"^a year between 1900 and (\d+)$"), "a year between 1900 and %1"),
)
_QUOTED = re.compile(r"^«(.*)»: (.+)$")


def message_text(message: str) -> str:
    """A service's English message in the user's language (numbers carried over)."""
    quoted = _QUOTED.match(message)
    if quoted:  # «what was typed»: why it is wrong
        return f"«{quoted[1]}»: {message_text(quoted[2])}"
    for pattern, source in _PATTERNS:
        m = pattern.match(message)
        if m:
            out = _tr(source)
            for i, g in enumerate(m.groups(), 1):
                out = out.replace(f"%{i}", g)
            return out
    if message.startswith("unknown "):
        return _tr("not one of the values offered")
    return _tr(message)
