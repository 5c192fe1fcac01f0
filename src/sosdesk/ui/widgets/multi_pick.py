"""Several values of a vocabulary as removable chips, added with a type-ahead field.
Backspace in the empty field removes the last chip; clicking a chip removes it.

For long lists one types into (countries, referrals, categories); a short vocabulary whose
terms should all stay in sight is `MultiSelect` (ticked rows) instead: two controls, not a drift.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton, QVBoxLayout, QWidget

from sosdesk.ui.widgets.flow_layout import FlowLayout
from sosdesk.ui.widgets.type_ahead import Option, TypeAheadEdit


class _ChipInput(TypeAheadEdit):
    backspace_on_empty = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_on_empty.emit()
            return
        super().keyPressEvent(e)


class MultiPick(QWidget):
    """Holds an ordered list of codes."""

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None, *, free_text: bool = False) -> None:
        super().__init__(parent)
        self.free_text = free_text  # Enter on text that matches nothing adds it as typed
        self._all: list[Option] = []
        self._codes: list[str] = []
        self._chips: list[QToolButton] = []
        self.input = _ChipInput(self)
        self.input.chosen.connect(self.add)
        self.input.backspace_on_empty.connect(self._remove_last)
        self.input.enter_moves_focus = False  # Enter adds; Tab moves on
        self.input.returnPressed.connect(self._add_typed)
        self._chip_box = QWidget(self)
        self._flow = FlowLayout(self._chip_box)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        outer.addWidget(self._chip_box)
        outer.addWidget(self.input)
        self._chip_box.hide()
        self.setFocusProxy(self.input)

    def set_options(self, options: list[Option]) -> None:
        """All choices (a language change relabels the chips)."""
        self._all = list(options)
        self._refresh()

    def codes(self) -> list[str]:
        return list(self._codes)

    def set_codes(self, codes: list[str]) -> None:
        known = {c for c, _ in self._all}
        self._codes = [c for c in dict.fromkeys(codes) if c in known or self.free_text]
        self._refresh()

    def _add_typed(self) -> None:
        typed = " ".join(self.input.text().split())
        if not typed:
            return
        exact = [c for c, label in self._all if label.casefold() == typed.casefold()]
        if exact:
            self.add(exact[0])
        elif self.free_text:
            self.add(typed[:200])

    def add(self, code: str) -> None:
        """Add a chip (ignored when already there)."""
        if code not in self._codes:
            self._codes.append(code)
            self._refresh()
            self.changed.emit(self.codes())
        self.input.clear()

    def remove(self, code: str) -> None:
        if code in self._codes:
            self._codes.remove(code)
            self._refresh()
            self.changed.emit(self.codes())

    def clear_all(self) -> None:
        self._codes = []
        self.input.clear()
        self._refresh()

    def labels(self) -> list[str]:
        """Labels of the chosen codes, in order."""
        names = dict(self._all)
        return [names.get(c, c) for c in self._codes]

    def _remove_last(self) -> None:
        if self._codes:
            self.remove(self._codes[-1])

    def _refresh(self) -> None:
        for chip in self._chips:
            self._flow.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        names = dict(self._all)
        for code in self._codes:
            chip = QToolButton(self._chip_box)
            chip.setProperty("role", "chip")
            chip.setText(f"{names.get(code, code)}  ✕")
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.clicked.connect(lambda _=False, c=code: self.remove(c))
            self._flow.addWidget(chip)
            self._chips.append(chip)
        self._chip_box.setVisible(bool(self._codes))
        self.input.set_options([(c, label) for c, label in self._all if c not in self._codes])
        self._chip_box.updateGeometry()
