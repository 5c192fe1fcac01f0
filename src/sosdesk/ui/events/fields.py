"""Small input widgets the client file's forms share: vocabulary pick lists, multi-select
lists, date and date-time fields typed the Serbian way (21.11.2026 23:10), inline error labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from sosdesk.domain.validation import FieldError
from sosdesk.domain.vocab import Term, Vocabulary
from sosdesk.ui.theme import current_theme, palette_colours, repolish

_DATE = re.compile(r"^\s*(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\.?\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def tr(text: str) -> str:
    """Translate a source string outside a widget class."""
    return QCoreApplication.translate("ClientFile", text)


def shortcut(
    key: str, parent: QWidget, slot: Callable[[], object], *, window: bool = False
) -> QShortcut:
    """A key for `slot`, active while the focus is inside `parent` (or its whole window)."""
    context = (
        Qt.ShortcutContext.WindowShortcut
        if window
        else Qt.ShortcutContext.WidgetWithChildrenShortcut
    )
    return QShortcut(QKeySequence(key), parent, slot, context)


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


def format_date(value: date | None) -> str:
    """`21.11.2026` (empty for none)."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}" if value else ""


def format_local(value: datetime | None) -> str:
    """An aware datetime in local time: `21.11.2026 23:10`."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{format_date(local.date())} {local.hour:02d}:{local.minute:02d}"


def parse_date(text: str) -> date | None:
    """`21.11.2026`, `21.11.2026.` or `2026-11-21`; None for empty; ValueError otherwise."""
    if not text.strip():
        return None
    m = _DATE.match(text)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = _ISO.match(text)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    raise ValueError(text)


def parse_local(text: str) -> datetime | None:
    """`21.11.2026 23:10` (local time; the time may be left out) -> aware UTC-comparable value."""
    if not text.strip():
        return None
    parts = text.strip().split()
    day = parse_date(parts[0])
    assert day is not None
    hour = minute = 0
    if len(parts) == 2:
        m = _TIME.match(parts[1])
        if not m or int(m[1]) > 23 or int(m[2]) > 59:
            raise ValueError(text)
        hour, minute = int(m[1]), int(m[2])
    elif len(parts) > 2:
        raise ValueError(text)
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


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
            out = tr(source)
            for i, g in enumerate(m.groups(), 1):
                out = out.replace(f"%{i}", g)
            return out
    if message.startswith("unknown "):
        return tr("not one of the values offered")
    return tr(message)


class VocabCombo(QComboBox):
    """A pick list of vocabulary terms; the code travels as item data."""

    def __init__(
        self,
        vocab: Vocabulary,
        lang: str,
        *,
        empty: str | None = None,
        terms: Iterable[Term] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.vocab = vocab
        self._lang = lang
        self.set_terms(terms if terms is not None else list(vocab), empty)

    def set_lang(self, lang: str) -> None:
        """Relabel the terms in another language (live language switch)."""
        self._lang = lang

    def set_terms(self, terms: Iterable[Term], empty: str | None = None) -> None:
        """Replace the offered terms (an `empty` label adds a "nothing chosen" first item)."""
        current = self.code()
        self.blockSignals(True)
        self.clear()
        if empty is not None:
            self.addItem(empty, None)
        for t in terms:
            self.addItem(t.label(self._lang), t.code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str | None:
        """The chosen code (None: nothing chosen)."""
        value = self.currentData()
        return str(value) if value is not None else None

    def set_code(self, code: str | None) -> None:
        """Choose a code (unknown codes choose the first item)."""
        index = self.findData(code) if code is not None else -1
        self.setCurrentIndex(max(index, 0))


class MultiSelect(QListWidget):
    """Several terms of a vocabulary, ticked with Space; typing a letter jumps to it."""

    changed = Signal()

    def __init__(
        self, vocab: Vocabulary, lang: str, *, rows: int = 5, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        for t in vocab:
            item = QListWidgetItem(t.label(lang), self)
            item.setData(Qt.ItemDataRole.UserRole, t.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setFixedHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Tick boxes drawn from the palette, so they stay visible in the dark theme too.
        self.setStyleSheet(
            "QListWidget::indicator { width: 13px; height: 13px; border-radius: 2px;"
            " border: 1px solid palette(placeholder-text); background: palette(base); }"
            "QListWidget::indicator:checked { background: palette(link);"
            " border: 1px solid palette(link); }"
        )
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        for i in range(self.count()):
            self.item(i).setToolTip(self.item(i).text())
        self.itemChanged.connect(lambda _i: self.changed.emit())

    def summary(self) -> str:
        """The ticked labels, for a line under the list (ticked items may be scrolled away)."""
        return ", ".join(
            self.item(i).text()
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def codes(self) -> list[str]:
        """Ticked codes, in vocabulary order."""
        return [
            str(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_codes(self, codes: Iterable[str]) -> None:
        """Tick exactly these codes."""
        wanted = set(codes)
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)


class DateField(QLineEdit):
    """A date typed as `21.11.2026` (empty allowed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("dd.mm.yyyy"))
        self.setMaximumWidth(160)

    def value(self) -> date | None:
        """The date; ValueError when the text is not one."""
        return parse_date(self.text())

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))


class DateTimeField(QLineEdit):
    """A local date and time typed as `21.11.2026 23:10` (the time may be left out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("dd.mm.yyyy hh:mm"))
        self.setMaximumWidth(200)

    def value(self) -> datetime | None:
        """The aware datetime; ValueError when the text is not one."""
        return parse_local(self.text())

    def set_value(self, value: datetime | None) -> None:
        self.setText(format_local(value))


class ErrorLabel(QLabel):
    """An inline message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class FieldErrors:
    """Maps field names to their inline labels; shows a service's errors where they belong."""

    def __init__(self, general: ErrorLabel) -> None:
        self.general = general
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}

    def add(self, name: str, widget: QWidget, label: ErrorLabel) -> None:
        self._fields[name] = (widget, label)

    def clear(self) -> None:
        self.general.say("")
        for widget, label in self._fields.values():
            label.say("")
            widget.setProperty("invalid", False)
            repolish(widget)

    def show(self, errors: list[FieldError]) -> None:
        """Show each message beside its field (others above the form); focus the first field."""
        self.clear()
        general: list[str] = []
        first: QWidget | None = None
        shown: dict[str, list[str]] = {}
        for e in errors:
            text = message_text(e.message)
            if e.field in self._fields:
                shown.setdefault(e.field, []).append(text)
            else:
                general.append(text)
        for name, texts in shown.items():
            widget, label = self._fields[name]
            label.say("; ".join(texts))
            widget.setProperty("invalid", True)
            repolish(widget)
            first = first or widget
        self.general.say("\n".join(general))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)


def theme_colours() -> dict[str, str]:
    """The colour tokens of the theme in use (light before any theme is applied)."""
    app = QApplication.instance()
    name = current_theme(app) if isinstance(app, QApplication) else "light"
    return palette_colours(name)
