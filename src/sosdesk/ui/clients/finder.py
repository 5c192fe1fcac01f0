"""Find a client inside the Clients area (the main window's search bar is the quick way):
type any part of a name, nickname, code or phone in any script, Enter opens the file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.services.errors import NotAllowed
from sosdesk.services.search import search
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import keys_hint, with_key

_ID = Qt.ItemDataRole.UserRole


class ClientFinder(QWidget):
    """Emits `open_requested(client_id)` and `new_requested()`."""

    open_requested = Signal(str)
    new_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Clients"), self)
        heading.setProperty("role", "heading")
        layout.addWidget(heading)
        row = QHBoxLayout()
        self.query = QLineEdit(self)
        self.query.setProperty("role", "search")
        self.query.setPlaceholderText(self.tr("Name, nickname, code or phone — any script"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self.run)
        self.query.installEventFilter(self)
        self.query.returnPressed.connect(self._open_first)
        row.addWidget(self.query, 1)
        self.new_button = QPushButton(with_key(self.tr("New client…"), "Ctrl+Shift+N"), self)
        self.new_button.clicked.connect(self.new_requested.emit)
        row.addWidget(self.new_button)
        layout.addLayout(row)
        self.results = QListWidget(self)
        self.results.itemActivated.connect(
            lambda item: self.open_requested.emit(str(item.data(_ID)))
        )
        layout.addWidget(self.results, 1)
        hint = QLabel(
            keys_hint([("↓", self.tr("to the list")), ("Enter", self.tr("open the file"))]), self
        )
        hint.setProperty("role", "muted")
        layout.addWidget(hint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and (
                event.type() == QKeyEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down
                and self.results.count()
            )
        ):
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            self.results.setCurrentRow(0)
            return True
        return False

    def focus(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def run(self) -> None:
        """Search as the operator types (clients only)."""
        self.results.clear()
        if self.ctx.is_locked:
            return
        try:
            hits = self.ctx.call(search, self.query.text(), limit=30)
        except NotAllowed:  # an auditor: no client names
            return
        for hit in hits:
            if hit.kind != "client":
                continue
            item = QListWidgetItem(f"{hit.title}    {hit.detail}".rstrip(), self.results)
            item.setData(_ID, hit.ref)

    def _open_first(self) -> None:
        if self.results.count():
            self.open_requested.emit(str(self.results.item(0).data(_ID)))

    def clear(self) -> None:
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self.results.clear()
