"""Small display helpers every area shares: labels with their key, phone numbers, theme colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from sosdesk.ui.theme import current_theme, palette_colours
from sosdesk.ui.widgets.datetime_field import format_date, format_local

__all__ = [
    "display_phone",
    "format_date",
    "format_local",
    "keys_hint",
    "theme_colours",
    "tr",
    "with_key",
]


def tr(text: str) -> str:
    """Translate a source string outside a widget class."""
    return QCoreApplication.translate("ClientFile", text)


def with_key(text: str, key: str) -> str:
    """A label with its key: key names stay out of translations (they are never transliterated)."""
    return f"{text} ({key})"


def keys_hint(pairs: list[tuple[str, str]]) -> str:
    """`Alt+7: schedule a follow-up · Space: done` from (key, translated action) pairs."""
    return " · ".join(f"{key}: {action}" for key, action in pairs)


def display_phone(number: str) -> str:
    """`+381113635400` -> `011 363 5400`, `+381631234567` -> `063 123 4567`; others as stored."""
    if not number.startswith("+381") or len(number) < 10:
        return number
    national = "0" + number[4:]
    area, rest = national[:3], national[3:]
    return f"{area} {rest[:3]} {rest[3:]}".strip()


def theme_colours() -> dict[str, str]:
    """The colour tokens of the theme in use (light before any theme is applied)."""
    app = QApplication.instance()
    name = current_theme(app) if isinstance(app, QApplication) else "light"
    return palette_colours(name)
