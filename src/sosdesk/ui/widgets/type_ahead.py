"""A text field that offers matching choices as you type, in any script and without diacritics:
typing `psih`, `псих` or `Psih` finds `Psihološka podrška`. Arrow keys move, Enter or Tab
take the highlighted choice, F4 (or Alt+Down) lists everything, Escape closes the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from sosdesk.domain.folding import fold, fold_words
from sosdesk.ui.widgets.drop_list import DropItem, DropList

Option = tuple[str, str]  # (code, label)


def rank_matches(options: list[Option], typed: str) -> list[Option]:
    """Options matching what was typed, best first: label starts with it, then a word does,
    then the code or any part of the label contains it."""
    query = fold(typed)
    if not query:
        return list(options)
    words = query.split()
    first: list[Option] = []
    second: list[Option] = []
    third: list[Option] = []
    for code, label in options:
        folded = fold(label)
        label_words = fold_words(label)
        if folded.startswith(query):
            first.append((code, label))
        elif all(any(w.startswith(q) for w in label_words) for q in words):
            second.append((code, label))
        elif query in folded or fold(code).startswith(query):
            third.append((code, label))
    return first + second + third


class TypeAheadEdit(QLineEdit):
    """The typing part of a pick list; emits `chosen(code)`."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options: list[Option] = []
        self._drop: DropList | None = None
        self.enter_moves_focus = True
        self.textEdited.connect(self._refilter)

    # -- options ---------------------------------------------------------------------------

    def set_options(self, options: list[Option]) -> None:
        """The choices, in display order."""
        self._options = list(options)

    def options(self) -> list[Option]:
        return list(self._options)

    def label_of(self, code: str | None) -> str:
        """The label of a code ('' when unknown)."""
        return next((label for c, label in self._options if c == code), "")

    def matches(self, typed: str | None = None) -> list[Option]:
        """Choices matching the typed text (all of them for an empty text)."""
        return rank_matches(self._options, self.text() if typed is None else typed)

    def drop(self) -> DropList:
        """The drop-down list (made on first use, once the field is in its window)."""
        if self._drop is None:
            self._drop = DropList(self, min_width=260)
            self._drop.chosen.connect(self._take)
        return self._drop

    def drop_visible(self) -> bool:
        return self._drop is not None and self._drop.isVisible()

    def show_all(self) -> None:
        """List every choice (F4)."""
        self.drop().show_items([DropItem(c, label) for c, label in self._options])

    def hide_drop(self) -> None:
        if self._drop is not None:
            self._drop.hide()

    def _refilter(self, typed: str) -> None:
        if not typed.strip():
            self.hide_drop()
            return
        self.drop().show_items([DropItem(c, label) for c, label in self.matches(typed)])

    def _take(self, code: str) -> None:
        self.hide_drop()
        self.chosen.emit(code)

    def accept_highlighted(self) -> bool:
        """Take the highlighted choice, if the list is open."""
        return self.drop_visible() and self.drop().accept_current()

    # -- keys ------------------------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        # Tab is handled before keyPressEvent: take the highlighted choice, then move on.
        if not isinstance(e, QKeyEvent) or not self.drop_visible():
            return super().event(e)
        if e.type() == QEvent.Type.KeyPress and e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.accept_highlighted()
        # An open list owns Escape and Enter: window shortcuts must not fire underneath it.
        owned = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if e.type() == QEvent.Type.ShortcutOverride and not e.modifiers() and e.key() in owned:
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = Qt.Key(e.key())
        alt = bool(e.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_all()
            return
        if self.drop_visible():
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 8,
                Qt.Key.Key_PageUp: -8,
            }
            if key in steps:
                self.drop().step(steps[key])
                return
            if key == Qt.Key.Key_Escape:
                self.hide_drop()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not e.modifiers():
                if self.accept_highlighted() and self.enter_moves_focus:
                    self.focusNextChild()
                return
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._enter_moves(e):
            self.commit_text()
            self.focusNextChild()
            return
        super().keyPressEvent(e)

    def _enter_moves(self, e: QKeyEvent) -> bool:
        return self.enter_moves_focus and not e.modifiers()

    def commit_text(self) -> None:
        """Called when the field is left or Enter is pressed without an open list."""

    def focusOutEvent(self, e: QFocusEvent) -> None:
        self.hide_drop()
        self.commit_text()
        super().focusOutEvent(e)
