"""A search field that owns the keys of a result list: arrows move, Enter takes, Escape leaves."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

_OWNED = (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Up, Qt.Key.Key_Down)


class QueryEdit(QLineEdit):
    """Emits `navigate(step)` on Up/Down (and PageUp/PageDown when `page` is set), `accepted`
    on Enter and `escaped` on Escape; with `clear_on_escape`, Escape first empties the text."""

    navigate = Signal(int)
    accepted = Signal()
    escaped = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, page: int = 0, clear_on_escape: bool = False
    ) -> None:
        super().__init__(parent)
        self._steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}
        if page:
            self._steps.update({Qt.Key.Key_PageDown: page, Qt.Key.Key_PageUp: -page})
        self._clear_on_escape = clear_on_escape

    def event(self, e: QEvent) -> bool:
        # The keys this field answers to win over shortcuts elsewhere in the window.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and not e.modifiers()
            and e.key() in _OWNED
        ):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = Qt.Key(e.key())
        if key in self._steps:
            self.navigate.emit(self._steps[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not e.modifiers():
            self.accepted.emit()
        elif key == Qt.Key.Key_Escape:
            if not self._clear_on_escape:
                self.escaped.emit()
            elif self.text():
                self.clear()
                self.escaped.emit()
            else:
                super().keyPressEvent(e)
        else:
            super().keyPressEvent(e)
