"""The headline figures of a period as small cards: what, how many, change."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from sosdesk.ui.widgets.flow_layout import FlowLayout

Figure = tuple[str, str, str]  # title, value, change ("" when none)


class SummaryCards(QWidget):
    """A wrapping row of cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=8)
        self._figures: list[Figure] = []

    def set_figures(self, figures: list[Figure]) -> None:
        """Replace the cards."""
        while self.flow.count():
            item = self.flow.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._figures = list(figures)
        for title, value, change in figures:
            card = QFrame(self)
            card.setProperty("role", "card")
            box = QVBoxLayout(card)
            box.setContentsMargins(10, 6, 10, 6)
            box.setSpacing(0)
            head = QLabel(title, card)
            head.setProperty("role", "muted")
            number = QLabel(value, card)
            font = number.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() + 2)
            number.setFont(font)
            box.addWidget(head)
            box.addWidget(number)
            if change:
                note = QLabel(change, card)
                note.setProperty("role", "muted")
                box.addWidget(note)
            self.flow.addWidget(card)
        self.updateGeometry()

    def text(self) -> str:
        """Everything the cards say, on one line (for tests and screen readers)."""
        return "   ·   ".join(f"{t}: {v}" + (f" ({c})" if c else "") for t, v, c in self._figures)
