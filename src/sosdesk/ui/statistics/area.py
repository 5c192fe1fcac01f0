"""The statistics area: a period's numbers as tables and charts, compared with the period
before; consultants and coordinators can open the records behind a number.

Keys: Alt+P period, Alt+C compare, Alt+N hide small counts (as published), Alt+S the list of
statistics, Alt+T the table, Enter the records behind the selected number, F5 refresh.
The numbers are computed in the thread pool; the area stays responsive meanwhile.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.services.access import may
from sosdesk.stats import formatting as fmt
from sosdesk.stats.dashboard import Dashboard, compute_dashboard
from sosdesk.stats.drilldown import local_now as _local_now
from sosdesk.stats.drilldown import records_behind
from sosdesk.stats.periods import Period, PeriodError
from sosdesk.stats.publication import Publication, publish_all
from sosdesk.stats.suppression import Published, SuppressionRule
from sosdesk.ui.context import AppContext
from sosdesk.ui.statistics.chart import StatChart
from sosdesk.ui.statistics.period_picker import PeriodPicker
from sosdesk.ui.statistics.records_dialog import RecordsDialog
from sosdesk.ui.statistics.summary_cards import SummaryCards
from sosdesk.ui.statistics.table_model import CELL_ROLE, StatTableModel
from sosdesk.ui.statistics.texts import SECTIONS, section_title, table_title
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.mnemonics import mnemonic_key
from sosdesk.ui.widgets.permission import guard
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.workers import LatestOnly

KEY_ROLE = Qt.ItemDataRole.UserRole
RULE = SuppressionRule()


def local_today() -> date:
    return _local_now().date()


class StatisticsArea(QWidget):
    """Dashboard of one period (month, quarter, year or chosen days)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dashboard: Dashboard | None = None
        self._now: Publication | None = None
        self._before: Publication | None = None
        self.dialog: RecordsDialog | None = None
        self._stale = True
        self.runner = LatestOnly(ctx.pool, self)
        self.runner.answered.connect(self._show)
        self.runner.failed.connect(self._failed)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        head.addWidget(self.heading)
        self.scope = QLabel(self)
        self.scope.setProperty("role", "muted")
        head.addWidget(self.scope)
        head.addStretch(1)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        head.addWidget(self.refresh_button)
        self.publish_button = QPushButton(self)
        self.publish_button.clicked.connect(self.open_publish)
        head.addWidget(self.publish_button)
        layout.addLayout(head)
        bar = QHBoxLayout()
        self.picker = PeriodPicker(local_today(), self)
        self.picker.changed.connect(self._period_changed)
        bar.addWidget(self.picker)
        self.compare = QCheckBox(self)
        self.compare.setChecked(True)
        self.compare.toggled.connect(lambda _on: self.refresh())
        bar.addWidget(self.compare)
        self.hide_small = QCheckBox(self)
        self.hide_small.toggled.connect(lambda _on: self._republish())
        bar.addWidget(self.hide_small)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.summary = SummaryCards(self)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.list_label = QLabel(left)
        left_layout.addWidget(self.list_label)
        self.list = QListWidget(left)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.list_label.setBuddy(self.list)
        left_layout.addWidget(self.list, 1)
        right = QSplitter(Qt.Orientation.Vertical, split)
        top = QWidget(right)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.table_title = QLabel(top)
        self.table_title.setProperty("role", "section")
        top_layout.addWidget(self.table_title)
        self.model = StatTableModel(self)
        self.view = QTableView(top)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setAlternatingRowColors(True)
        self.view.activated.connect(self.open_records)
        self.table_title.setBuddy(self.view)
        top_layout.addWidget(self.view, 1)
        self.chart = StatChart(right)
        right.addWidget(top)
        right.addWidget(self.chart)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([370, 910])
        layout.addWidget(split, 1)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self._refresh_later = QTimer(self)
        self._refresh_later.setSingleShot(True)
        self._refresh_later.setInterval(800)
        self._refresh_later.timeout.connect(self.refresh)
        shortcut("F5", self, self.refresh)
        self.retranslate()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.refresh)
        ctx.unlocked.connect(lambda: guard(self.ctx, roles.PUBLISH, self.publish_button))
        ctx.data_changed.connect(self._data_changed)
        if not ctx.is_locked:
            self.refresh()

    # -- texts -----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Statistics")

    def retranslate(self) -> None:
        """Texts in the current language (also after a live language switch)."""
        self.heading.setText(self.tr("Statistics"))
        self.picker.retranslate()
        self.compare.setText(self.tr("&Compare with the previous period"))
        self.hide_small.setText(self.tr("Hide cou&nts under {k} (as published)").format(k=RULE.k))
        self.refresh_button.setText(with_key(self.tr("Refresh"), "F5"))
        self.publish_button.setText(self.tr("P&ublish the report…"))
        guard(self.ctx, roles.PUBLISH, self.publish_button)  # disabled, with the reason, if not
        self.list_label.setText(self.tr("&Statistics:"))
        pairs = [
            # The letters of the current language (sr-Latn avoids the menu's Alt+P).
            (mnemonic_key(self.picker.kind_label.text(), "Alt+P"), self.tr("period")),
            (mnemonic_key(self.list_label.text(), "Alt+S"), self.tr("list")),
            ("Alt+T", self.tr("table")),
            ("F5", self.tr("refresh")),
        ]
        if self._may_open_records():
            pairs.insert(3, ("Enter", self.tr("the records behind the number")))
        text = keys_hint(pairs)
        if not self._may_open_records():
            text += " · " + self.tr(
                "Lists behind the numbers are for consultants and coordinators."
            )
        self.hint.setText(text)
        self._set_tab_order()
        if self.dashboard is not None:
            self._show(self.dashboard)

    def _set_tab_order(self) -> None:
        # Period first (kind, year, month or quarter, days), then the options, list and table.
        p = self.picker
        chain = [
            p.kind,
            p.year,
            p.month,
            p.quarter,
            p.first,
            p.last,
            self.compare,
            self.hide_small,
            self.list,
            self.view,
        ]
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._show_selected()
        super().changeEvent(event)

    def open_publish(self) -> None:
        """The publishing dialog for the chosen period's year (suppressed or DP)."""
        if self.ctx.is_locked or not guard(self.ctx, roles.PUBLISH, self.publish_button):
            return
        period = self.period()
        year = period.start.year if period is not None else local_today().year - 1
        # Imported here: its report, PDF and privacy code (0.3 s) waits for the coordinator.
        from sosdesk.ui.statistics.publish_dialog import PublishDialog

        PublishDialog(self.ctx, year, self).exec()

    def _may_open_records(self) -> bool:
        return not self.ctx.is_locked and self.ctx.call(may, roles.SEE_RECORDS_BEHIND)

    # -- computing -------------------------------------------------------------------------

    def _period_changed(self, value: object) -> None:
        if isinstance(value, PeriodError):
            self.message.setText(
                self.tr(
                    "The last day is before the first, or the period is "
                    "longer than three years: choose other days."
                )
            )
            return
        self.refresh()

    def _data_changed(self, entity: str) -> None:
        if entity in ("calls", "clients", "events", "followups", "sync"):
            self._refresh_later.start()

    def period(self) -> Period | None:
        try:
            return self.picker.period()
        except PeriodError:
            return None

    def reload(self) -> None:
        """Compute the dashboard again (the area protocol's name for `refresh`)."""
        self.refresh()

    def refresh(self) -> None:
        """Compute the chosen period (in the thread pool); only while the area is on screen,
        so unlocking the desk at night costs nothing until someone opens the statistics."""
        period = self.period()
        if self.ctx.is_locked or period is None:
            return
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.message.setText("")
        call, compare = self.ctx.caller(), self.compare.isChecked()
        self.busy.show()
        self.runner.submit(lambda: call(compute_dashboard, period, compare=compare))

    def _failed(self, _exc: object) -> None:
        self.busy.hide()
        # The exception text may hold data: it is not shown.
        self.message.setText(
            self.tr(
                "The statistics could not be computed. Try again (F5); if "
                "it keeps failing, run `sosdesk verify`."
            )
        )

    def _show(self, dash: Dashboard) -> None:
        self.busy.hide()
        self.dashboard = dash
        lang = self.ctx.lang
        where = (
            self.tr("Office: records of all desks")
            if dash.is_office
            else self.tr("Desk {desk}").format(desk=dash.desk_code)
        )
        compared = ""
        if dash.previous is not None and dash.previous.days < dash.period.previous().days:
            compared = " · " + self.tr("{0} compared with the same days before: {1}").format(
                self._period_name(dash.period, dash.previous), self._period_name(dash.previous)
            )
        self.scope.setText("· " + where + compared)
        self._republish(show=False)
        self.summary.set_figures(self._figures(dash, lang))
        chosen = self.list.currentItem().data(KEY_ROLE) if self.list.currentItem() else None
        available = {t.key for t in dash.tables}
        self.list.blockSignals(True)
        self.list.clear()
        for section, keys in SECTIONS:
            head = QListWidgetItem(section_title(section))
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            self.list.addItem(head)
            for key in keys:
                if key in available:
                    item = QListWidgetItem("   " + table_title(key))
                    item.setToolTip(table_title(key))
                    item.setData(KEY_ROLE, key)
                    self.list.addItem(item)
                    if key == (chosen or "calls_by_line"):
                        self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._show_selected()

    def _figures(self, dash: Dashboard, lang: str) -> list[tuple[str, str, str]]:
        s, b = dash.summary, dash.summary_before
        hide = self.hide_small.isChecked()

        def figure(label: str, a: int, p: int | None, person: bool = False) -> tuple[str, str, str]:
            small = hide and person
            shown = RULE.small_text if small and 0 < a < RULE.k else fmt.number(a, lang)
            if p is None or (small and (0 < a < RULE.k or 0 < p < RULE.k)):
                return (label, shown, "")
            return (label, shown, fmt.change(a, p, lang))

        out = [
            figure(self.tr("Calls"), s.calls, b.calls if b else None),
            figure(self.tr("New clients"), s.new_clients, b.new_clients if b else None, True),
            figure(
                self.tr("Identified victims"),
                s.identified_victims,
                b.identified_victims if b else None,
                True,
            ),
            figure(self.tr("Assistance"), s.assistance, b.assistance if b else None),
            figure(self.tr("Field actions"), s.field_actions, b.field_actions if b else None),
            figure(self.tr("Court hearings"), s.hearings, b.hearings if b else None),
        ]
        for currency, minor in sorted(s.costs.items()):
            out.append((f"{self.tr('Costs')} {currency}", fmt.money(minor, lang), ""))
        out.append(
            (
                self.tr("Follow-ups on time"),
                f"{fmt.number(s.followups_on_time, lang)} / {fmt.number(s.followups_due, lang)}",
                "",
            )
        )
        if s.is_empty:
            out.insert(0, (self.tr("Nothing was recorded in this period."), "0", ""))
        return out

    def _republish(self, *, show: bool = True) -> None:
        dash = self.dashboard
        if dash is None:
            return
        rule = RULE if self.hide_small.isChecked() else None
        if rule is None:  # the exact numbers, for internal use
            self._now = Publication({t.key: Published(t, RULE, {}) for t in dash.tables})
            self._before = Publication({k: Published(t, RULE, {}) for k, t in dash.before.items()})
        else:
            self._now = publish_all(dash.tables, rule)
            self._before = publish_all(dash.before.values(), rule)
        if show:
            self.summary.set_figures(self._figures(dash, self.ctx.lang))
            self._show_selected()

    def _show_selected(self) -> None:
        item = self.list.currentItem()
        if item is None or self._now is None or self.dashboard is None:
            return
        key = item.data(KEY_ROLE)
        if key is None or key not in self._now.tables:
            return
        now = self._now[key]
        before = self._before.tables.get(key) if self._before is not None else None
        self.table_title.setText(self.tr("&Table:") + " " + table_title(key))
        self.model.set_table(now, before, self.ctx.lang)
        if now.hidden and now.table.person_level:
            self.chart.show_message(
                self.tr("No chart while small counts are hidden: the bars would show them.")
            )
        elif now.table.total == 0 and not any(any(c) for c in now.table.cells):
            self.chart.show_message(self.tr("Nothing to show in this period."))
        else:
            d = self.dashboard
            labels = (
                self._period_name(d.period, d.previous),
                self._period_name(d.previous) if d.previous else "",
            )
            self.chart.show_table(now.table, d.before.get(key), self.ctx.lang, labels)

    def _period_name(self, period: Period, compared: Period | None = None) -> str:
        last = period.last_day
        if compared is not None and compared.days < period.previous().days:
            # A running period against the same days before it: say which days are compared.
            last = min(last, period.start + timedelta(days=compared.days - 1))
        return f"{period.start:%d.%m.%Y}–{last:%d.%m.%Y}"

    # -- records behind a number -----------------------------------------------------------

    def open_records(self, index: QModelIndex | None = None) -> None:
        """The records behind the selected number (Enter); consultants and coordinators only."""
        if index is None:
            index = self.view.currentIndex()
        cell = self.model.data(index, CELL_ROLE) if index.isValid() else None
        period, table = self.period(), self.model.table
        if cell is None or period is None or table is None:
            return
        if not self._may_open_records():
            self.message.setText(
                self.tr("Lists behind the numbers are for consultants and coordinators.")
            )
            return
        if self.hide_small.isChecked() and self._now is not None and self._now[table.key].hidden:
            self.message.setText(self.tr("Show the exact numbers (Alt+N) to open the records."))
            return
        row, column = cell
        found = self.ctx.call(records_behind, period, table.key, row, column)
        heading = f"{table_title(table.key)} · {self.model.data(index.siblingAtColumn(0))}"
        self.dialog = RecordsDialog(found, heading, self.ctx.lang, self)
        self.dialog.open_client.connect(self.ctx.open_client_requested.emit)
        self.dialog.open()

    # -- lock ------------------------------------------------------------------------------

    def clear(self) -> None:
        """Drop every number from the screen (lock)."""
        self.runner.cancel()
        self._stale = True
        self._refresh_later.stop()
        self.busy.hide()
        self.dashboard = None
        self._now = self._before = None
        self.model.set_table(None, None, self.ctx.lang)
        self.list.clear()
        self.summary.set_figures([])
        self.scope.setText("")
        self.message.setText("")
        self.chart.show_message("")
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
