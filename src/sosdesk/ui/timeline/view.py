"""The timeline panel of a client file: a filter bar (kind, date range), the lazily loaded list
and the details of the selected event, with links between corrections and their originals.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import desk_zone
from sosdesk.domain.vocab import EVENT_KIND
from sosdesk.services.client_history import user_names
from sosdesk.services.views import EventView
from sosdesk.ui.context import AppContext
from sosdesk.ui.timeline.model import TimelineModel
from sosdesk.ui.timeline.text import details_html
from sosdesk.ui.widgets.datetime_field import DateField
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class TimelineView(QWidget):
    """Filter bar, event list and details; `correct_requested(event_id)` asks for a correction."""

    correct_requested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = TimelineModel(ctx, self)
        self._names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._filter_bar())
        self.filter_error = FieldMessage(self)
        layout.addWidget(self.filter_error)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableView(split)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        vh = self.table.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(TimelineModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        fm = self.table.fontMetrics()
        self.table.setColumnWidth(TimelineModel.WHEN, fm.horizontalAdvance("00.00.0000 00:00") + 24)
        self.table.setColumnWidth(TimelineModel.KIND, fm.horizontalAdvance("M" * 12) + 40)
        self.table.setColumnWidth(TimelineModel.COST, fm.horizontalAdvance("000.000,00 RSD") + 20)
        self.details = QTextBrowser(split)
        self.details.setOpenLinks(False)
        self.details.anchorClicked.connect(self._link)
        self.details.setPlaceholderText(self.tr("Select an event to see its details."))
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        sel = self.table.selectionModel()
        sel.currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._show_details)
        shortcut("Escape", self.filter_box, self.clear_filter)
        self.setTabOrder(self.kind, self.since)
        self.setTabOrder(self.since, self.until)
        self.setTabOrder(self.until, self.clear_button)
        self.setTabOrder(self.clear_button, self.table)
        self.setTabOrder(self.table, self.details)

    def _filter_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.filter_box = QWidget(self)
        inner = QHBoxLayout(self.filter_box)
        inner.setContentsMargins(0, 0, 0, 0)
        self.kind = VocabCombo(
            EVENT_KIND, self.ctx.lang, empty=self.tr("All kinds"), parent=self.filter_box
        )
        self.since = DateField(self.filter_box)
        self.until = DateField(self.filter_box)
        self.clear_button = QPushButton(with_key(self.tr("Show all"), "Esc"), self.filter_box)
        for text, widget in (
            (self.tr("&Kind"), self.kind),
            (self.tr("Fro&m"), self.since),
            (self.tr("&To"), self.until),
        ):
            label = QLabel(text, self.filter_box)
            label.setBuddy(widget)
            inner.addWidget(label)
            inner.addWidget(widget)
        inner.addWidget(self.clear_button)
        inner.addStretch(1)
        self.count_label = QLabel(self.filter_box)
        self.count_label.setProperty("role", "muted")
        inner.addWidget(self.count_label)
        row.addWidget(self.filter_box)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.since.editingFinished.connect(self.apply_filter)
        self.until.editingFinished.connect(self.apply_filter)
        self.since.returnPressed.connect(self.apply_filter)
        self.until.returnPressed.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear_filter)
        return row

    # -- loading ---------------------------------------------------------------------------

    def show_client(self, client_id: str) -> None:
        """Show a client's whole timeline (filters reset)."""
        self._names = self.ctx.call(user_names)
        self._reset_filter_widgets()
        self.model.load(client_id)
        self._after_load()

    def refresh(self) -> None:
        """Reload after a change, keeping the filters and the selected event when possible."""
        if self.model.client_id is None:
            return
        current = self.current_event()
        self.model.reload()
        self._after_load()
        if current is not None:
            self.select_event(current.id, clear_filters=False)

    def clear(self) -> None:
        """Drop every event from the screen (lock)."""
        self.model.clear()
        self.details.clear()
        self._names = {}
        self._reset_filter_widgets()
        self.count_label.clear()

    def _reset_filter_widgets(self) -> None:
        for w in (self.kind, self.since, self.until):
            w.blockSignals(True)
        self.kind.set_code(None)
        self.since.clear()
        self.until.clear()
        for w in (self.kind, self.since, self.until):
            w.blockSignals(False)
        self.filter_error.say("")

    def _after_load(self) -> None:
        self.count_label.setText(self.tr("%1 events").replace("%1", f"{self.model.total:,}"))
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    # -- filtering -------------------------------------------------------------------------

    def focus_filter(self) -> None:
        self.kind.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _range(self) -> tuple[datetime | None, datetime | None] | None:
        try:
            start, end = self.since.value(), self.until.value()
        except ValueError:
            self.filter_error.say(self.tr("Type dates as dd.mm.yyyy."))
            return None
        if start and end and end < start:
            self.filter_error.say(self.tr("The end of the range is before its start."))
            return None
        self.filter_error.say("")
        since = datetime.combine(start, time(), desk_zone()) if start else None
        until = datetime.combine(end + timedelta(days=1), time(), desk_zone()) if end else None
        return since, until

    def apply_filter(self) -> None:
        """Show only events of the chosen kind within the date range (inclusive)."""
        if self.model.client_id is None:
            return
        span = self._range()
        if span is None:
            return
        code = self.kind.code()
        kinds = {code} if code else None
        if (kinds, span[0], span[1]) == (self.model.kinds, self.model.since, self.model.until):
            return
        self.model.load(self.model.client_id, kinds=kinds, since=span[0], until=span[1])
        self._after_load()

    def clear_filter(self) -> None:
        self._reset_filter_widgets()
        self.apply_filter()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- selection and details -------------------------------------------------------------

    def current_event(self) -> EventView | None:
        index = self.table.currentIndex()
        return self.model.event_at(index.row()) if index.isValid() else None

    def select_event(self, event_id: str, *, clear_filters: bool = True) -> bool:
        """Select an event, loading pages (and dropping filters) as needed."""
        row = self.model.ensure_loaded(event_id)
        if (
            row is None
            and clear_filters
            and (self.model.kinds or self.model.since or self.model.until)
        ):
            self.clear_filter()
            row = self.model.ensure_loaded(event_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def go_linked(self) -> None:
        """From a correction to its original, or from a corrected event to its latest correction."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        event = self.model.event_at(index.row())
        if event.amends_id:
            self.select_event(event.amends_id)
        elif self.model.amendments_at(index.row()):
            self.select_event(self.model.amendments_at(index.row())[-1].id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details()

    def _show_details(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.details.clear()
            return
        row = index.row()
        self.details.setHtml(
            details_html(
                self.model.event_at(row),
                self.model.amendments_at(row),
                self.model.original_at(row),
                self._names,
                self.ctx.lang,
            )
        )

    def _link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("event:"):
            self.select_event(target[len("event:") :])
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def request_correction(self) -> None:
        """Ask to correct the selected event (its original when a correction is selected)."""
        event = self.current_event()
        if event is not None:
            self.correct_requested.emit(event.amends_id or event.id)
