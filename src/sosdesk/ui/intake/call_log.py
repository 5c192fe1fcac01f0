"""The call log (Ctrl+Shift+L): every call, browsed by date range, shift, line, operator,
urgency, category and whether a client is linked. Enter opens the selected call."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import desk_zone
from sosdesk.domain.vocab import CALL_CATEGORY, LINE, URGENCY, Vocabulary
from sosdesk.services.call_log import CallFilter, find_calls
from sosdesk.services.followups import assignable_users
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.timeline.text import DANGER_MARK
from sosdesk.ui.widgets.datetime_field import BadDateTime, DateField, format_local
from sosdesk.ui.widgets.display import tr
from sosdesk.ui.widgets.field_message import FieldMessage

_ID = Qt.ItemDataRole.UserRole


class _Table(QTableWidget):
    """Enter opens the selected call."""

    open_requested = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.item(self.currentRow(), 0)
            if item is not None:
                self.open_requested.emit(str(item.data(_ID)))
            event.accept()
            return
        super().keyPressEvent(event)


class CallLog(QDialog):
    """Filters on top, the matching calls below; any change of a filter reloads."""

    call_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Call log"))
        self.resize(1000, 600)
        lang = ctx.lang
        self.since = DateField(self)
        self.until = DateField(self)
        self.shift = self._combo(
            [("day", tr("Day shift (07-19)")), ("night", tr("Night shift (19-07)"))]
        )
        self.line = self._vocab(LINE, lang)
        self.operator = self._combo([(u.id, u.display_name) for u in ctx.call(assignable_users)])
        self.urgency = self._vocab(URGENCY, lang)
        self.category = self._vocab(CALL_CATEGORY, lang)
        self.linked = self._combo([("yes", tr("Client linked")), ("no", tr("No client linked"))])
        grid = QGridLayout()
        fields = [
            (tr("&From"), self.since),
            (tr("&Until"), self.until),
            (tr("S&hift"), self.shift),
            (tr("&Line"), self.line),
            (tr("&Operator"), self.operator),
            (tr("U&rgency"), self.urgency),
            (tr("&Category"), self.category),
            (tr("Clie&nt"), self.linked),
        ]
        for n, (caption, widget) in enumerate(fields):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            grid.addWidget(label, n // 4 * 2, n % 4)
            grid.addWidget(widget, n // 4 * 2 + 1, n % 4)
        self.message = FieldMessage(self)
        self.table = _Table(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [tr("When"), tr("Line"), tr("Urgency"), tr("Categories"), tr("Client"), tr("Summary")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(tr("Calls found"))
        self.table.open_requested.connect(self._open)
        self.count = QLabel(self)
        self.count.setProperty("role", "muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        for combo in (
            self.shift,
            self.line,
            self.operator,
            self.urgency,
            self.category,
            self.linked,
        ):
            combo.currentIndexChanged.connect(self.reload)
        for edit in (self.since, self.until):
            edit.editingFinished.connect(self.reload)
        self.reload()

    def _combo(self, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(tr("any"), None)
        for code, text in items:
            combo.addItem(text, code)
        return combo

    def _vocab(self, vocab: Vocabulary, lang: str) -> QComboBox:
        return self._combo([(code, vocab.label(code, lang)) for code in vocab.codes()])

    def current_filter(self) -> CallFilter:
        """The filter the controls describe (BadDateTime for a date that is not one)."""
        zone = desk_zone()
        since, until = self.since.value(), self.until.value()
        linked = self.linked.currentData()
        return CallFilter(
            since=datetime.combine(since, time(), zone) if since else None,
            until=datetime.combine(until + timedelta(days=1), time(), zone) if until else None,
            shift=self.shift.currentData(),
            line=self.line.currentData(),
            operator_id=self.operator.currentData(),
            urgency=self.urgency.currentData(),
            category=self.category.currentData(),
            linked=None if linked is None else linked == "yes",
        )

    def reload(self) -> None:
        """Look again with the filters as they are."""
        if self.ctx.is_locked:
            return
        try:
            wanted = self.current_filter()
        except BadDateTime:
            self.message.say(tr("Type dates as 21.11.2026."))
            return
        self.message.say("")
        self.show_calls(self.ctx.call(find_calls, wanted))

    def show_calls(self, calls: list[CallView]) -> None:
        """Fill the table; the first call is selected."""
        lang = self.ctx.lang
        self.table.setRowCount(len(calls))
        for row, c in enumerate(calls):
            danger = c.urgency != "routine"
            cells = [
                format_local(c.started_at),
                LINE.label(c.line, lang),
                (f"{DANGER_MARK} " if danger else "") + URGENCY.label(c.urgency, lang),
                ", ".join(CALL_CATEGORY.label(x, lang) for x in c.categories),
                tr("yes") if c.client_id else "",
                " ".join((c.summary or "").split())[:160],
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID, c.id)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.count.setText(tr("{0} calls").format(len(calls)))
        if calls:
            self.table.setCurrentCell(0, 0)

    def _open(self, call_id: str) -> None:
        self.call_requested.emit(call_id)
        self.accept()
