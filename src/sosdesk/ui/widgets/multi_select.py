"""Several terms of a vocabulary ticked in a short list (the client profile and the directory).

Kept apart from `MultiPick` on purpose, they are different controls: here every term of a short,
fixed vocabulary is in sight and ticked with Space (a profile's languages, means of control);
`MultiPick` adds chips by typing into a long list (countries, referrals) and shows only what
was chosen. One widget doing both would need a mode switch at every caller.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from sosdesk.domain.vocab import Vocabulary


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
