"""The inline message shown next to (under) a field that needs the operator's attention."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from sosdesk.ui.theme import repolish


class FieldMessage(QLabel):
    """Hidden while empty; `show_problem(text)` shows it in the error colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_problem(self, text: str | None, *, notice: bool = False) -> None:
        """Show `text` (an error, or a notice in the calm colour); None or '' hides it."""
        self.setProperty("role", "notice" if notice else "error")
        repolish(self)
        self.setText(text or "")
        self.setVisible(bool(text))

    def problem(self) -> str:
        return self.text() if self.isVisible() else ""

    def say(self, text: str) -> None:
        """Show `text` as an error ('' hides it)."""
        self.show_problem(text)
