"""A list that drops down under a text field while typing; the field keeps the keyboard focus.

It floats over the window (a child of it, not a popup), so screenshots show it and it never
steals focus from the operator's typing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

MAX_ROWS = 10


@dataclass(frozen=True)
class DropItem:
    """One row: `key` None makes it a group header that cannot be chosen."""

    key: str | None
    text: str
    detail: str = ""


class DropList(QListWidget):
    """The drop-down of a type-ahead field or of the search bar."""

    chosen = Signal(str)  # key of the row clicked or accepted

    def __init__(self, owner: QWidget, min_width: int = 320) -> None:
        super().__init__(owner.window())
        self._owner = owner
        self._min_width = min_width
        self.setProperty("role", "drop")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setWordWrap(False)
        self.itemClicked.connect(self._clicked)
        self.hide()

    # -- content ---------------------------------------------------------------------------

    def show_items(self, items: list[DropItem]) -> None:
        """Fill and show (hidden when empty); the first choosable row is highlighted."""
        self.clear()
        for it in items:
            row = QListWidgetItem(it.text + (f"\n    {it.detail}" if it.detail else ""))
            if it.key is None:
                font = QFont(self.font())
                font.setBold(True)
                row.setFont(font)
                row.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                row.setData(Qt.ItemDataRole.UserRole, it.key)
            self.addItem(row)
        if not items:
            self.hide()
            return
        self.setCurrentRow(-1)
        self.step(1)
        self._place()
        self.show()
        self.raise_()

    def keys(self) -> list[str]:
        """Keys of the choosable rows, in order."""
        out = []
        for i in range(self.count()):
            key = self.item(i).data(Qt.ItemDataRole.UserRole)
            if key is not None:
                out.append(str(key))
        return out

    def current_key(self) -> str | None:
        """Key of the highlighted row."""
        item = self.currentItem()
        if item is None or not self.isVisible():
            return None
        key = item.data(Qt.ItemDataRole.UserRole)
        return None if key is None else str(key)

    def step(self, delta: int) -> None:
        """Move the highlight by `delta` choosable rows (group headers are skipped)."""
        for _ in range(abs(delta)):
            if not self._step_one(1 if delta > 0 else -1):
                return

    def _step_one(self, direction: int) -> bool:
        row = self.currentRow() + direction
        while 0 <= row < self.count():
            if self.item(row).flags() & Qt.ItemFlag.ItemIsSelectable:
                self.setCurrentRow(row)
                return True
            row += direction
        return False

    def accept_current(self) -> bool:
        """Emit `chosen` for the highlighted row; False when there is none."""
        key = self.current_key()
        if key is None:
            return False
        self.hide()
        self.chosen.emit(key)
        return True

    # -- geometry --------------------------------------------------------------------------

    def _place(self) -> None:
        window = self._owner.window()
        if self.parentWidget() is not window:
            self.setParent(window)
        top_left = self._owner.mapTo(window, QPoint(0, self._owner.height()))
        rows = min(self.count(), MAX_ROWS)
        height = sum(self.sizeHintForRow(i) for i in range(rows)) + 2 * self.frameWidth() + 2
        width = max(self._owner.width(), self._min_width)
        x = min(top_left.x(), max(0, window.width() - width))
        y = top_left.y()
        if y + height > window.height() and top_left.y() - self._owner.height() - height > 0:
            y = top_left.y() - self._owner.height() - height  # no room below: open upwards
        self.setGeometry(x, y, width, height)

    def _clicked(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key is not None:
            self.hide()
            self.chosen.emit(str(key))
