"""The records behind a number: local time, client code and the codes that classify them.
Enter (or a double click) on a row with a client opens that client's file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.vocab import VOCABULARIES
from sosdesk.stats.drilldown import DrillDown
from sosdesk.ui.statistics.texts import tr


def _label(code: str, lang: str) -> str:
    for vocab in VOCABULARIES.values():
        if code in vocab:
            return vocab.get(code).label(lang)
    return code


class RecordsDialog(QDialog):
    """A read-only list; `open_client` carries a client id."""

    open_client = Signal(str)

    def __init__(
        self, found: DrillDown, heading: str, lang: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Records behind the number"))
        self.found = found
        layout = QVBoxLayout(self)
        title = QLabel(heading, self)
        title.setProperty("role", "heading")
        title.setWordWrap(True)
        layout.addWidget(title)
        shown = len(found.records)
        note = tr("{n} records").format(n=found.total)
        if shown < found.total:
            note += " · " + tr("the first {n} are listed").format(n=shown)
        self.note = QLabel(note + " · " + tr("Enter opens the client's file"), self)
        self.note.setProperty("role", "muted")
        layout.addWidget(self.note)
        self.table = QTableWidget(shown, 3, self)
        self.table.setHorizontalHeaderLabels([tr("When"), tr("Client"), tr("Recorded as")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for i, r in enumerate(found.records):
            values = (r.when, r.code or "—", ", ".join(_label(c, lang) for c in r.detail if c))
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, r.client_id)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self._open())  # Enter or double click
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        close = QPushButton(tr("Close") + " (Esc)", self)
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(860, 460)
        if shown:
            self.table.selectRow(0)
        self.table.setFocus()

    def _open(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        item = self.table.item(row, 0)
        client_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if client_id:
            self.open_client.emit(str(client_id))
            self.accept()
