"""The casework area: open cases with filters (phase, risk, mine, overdue goals, no contact,
children, court proceedings) and, for coordinators, each professional's workload.
Enter opens the client's file; Alt+letters reach every filter; F5 reloads."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.domain.vocab import CASE_PHASE, RISK_LEVEL
from sosdesk.services import caseload as svc
from sosdesk.services.protection_plan import approve_plan
from sosdesk.ui.casework.decision_dialog import DecisionDialog
from sosdesk.ui.casework.interview_dialogs import CapacityDialog, ChildInterviewDialog
from sosdesk.ui.casework.needs_dialog import NeedsDialog
from sosdesk.ui.casework.plan_dialog import PlanDialog
from sosdesk.ui.casework.reassign_dialog import ReassignDialog
from sosdesk.ui.casework.report_dialog import ReportDialog
from sosdesk.ui.casework.screening_dialog import ScreeningDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import keys_hint
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.permission import may
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo

LIGHT_COLOURS = {"green": "#2e7d32", "amber": "#b26a00", "red": "#c62828"}


class CaseTable(QTableWidget):
    """The case list; Enter opens the client's file."""

    def __init__(self, area: CaseworkArea) -> None:
        super().__init__(0, 9, area)
        self.area = area
        self.setObjectName("casework_cases")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.area.open_current()
            return
        super().keyPressEvent(event)


class CaseworkArea(QWidget):
    """Case list and workload."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[svc.CaseRow] = []
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        cases = QWidget(self)
        box = QVBoxLayout(cases)
        bar = QHBoxLayout()
        self.phase_label = QLabel(cases)
        self.phase = VocabCombo(CASE_PHASE, ctx.lang, empty="", parent=cases)
        self.phase.set_terms([t for t in CASE_PHASE if t.code != "closed"], "—")
        self.phase_label.setBuddy(self.phase)
        self.risk_label = QLabel(cases)
        self.risk = VocabCombo(RISK_LEVEL, ctx.lang, empty="—", parent=cases)
        self.risk_label.setBuddy(self.risk)
        self.mine = QCheckBox(cases)
        self.overdue = QCheckBox(cases)
        self.child = QCheckBox(cases)
        self.court = QCheckBox(cases)
        self.quiet_label = QLabel(cases)
        self.quiet = QSpinBox(cases)
        self.quiet.setRange(0, 365)
        self.quiet.setMinimumWidth(130)
        self.quiet_label.setBuddy(self.quiet)
        for w in (self.phase_label, self.phase, self.risk_label, self.risk):
            bar.addWidget(w)
        bar.addWidget(self.quiet_label)
        bar.addWidget(self.quiet)
        bar.addStretch(1)
        box.addLayout(bar)
        checks = QHBoxLayout()
        for check in (self.mine, self.overdue, self.child, self.court):
            checks.addWidget(check)
        checks.addStretch(1)
        box.addLayout(checks)
        self.message = FieldMessage(cases)
        self.message.setObjectName("casework_message")
        box.addWidget(self.message)
        self.count = QLabel(cases)
        self.count.setObjectName("casework_count")
        box.addWidget(self.count)
        self.table = CaseTable(self)
        box.addWidget(self.table, 1)
        self.tabs.addTab(cases, "")
        self.loads = QTableWidget(0, 5, self)
        self.loads.setObjectName("casework_workload")
        self.loads.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.loads.verticalHeader().setVisible(False)
        self.loads.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.loads.horizontalHeader().setStretchLastSection(False)
        self.tabs.addTab(self.loads, "")
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.phase.currentIndexChanged.connect(lambda _i: self.reload())
        self.risk.currentIndexChanged.connect(lambda _i: self.reload())
        for check in (self.mine, self.overdue, self.child, self.court):
            check.toggled.connect(lambda _on: self.reload())
        self.quiet.valueChanged.connect(lambda _v: self.reload())
        for key, slot in (
            ("F5", self.reload),
            ("Ctrl+Shift+R", self.report_current),
            ("Ctrl+Shift+S", self.screen_current),
            ("Ctrl+Shift+C", self.interview_current),
            ("Ctrl+Shift+K", self.capacity_current),
            ("Ctrl+Shift+I", self.decide_current),
            ("Ctrl+Shift+E", self.needs_current),
            ("Ctrl+Shift+P", self.plan_current),
            ("Ctrl+Shift+A", self.approve_current),
            ("Ctrl+Shift+M", self.reassign_current),
        ):
            shortcut(key, self, slot)
        self.retranslate()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        ctx.data_changed.connect(self._data_changed)
        self.setFocusProxy(self.table)
        if not ctx.is_locked:
            self.reload()

    def title(self) -> str:
        return self.tr("Casework")

    def retranslate(self) -> None:
        """Texts in the current language (also after a live language switch)."""
        self.heading.setText(self.tr("Casework"))
        self.tabs.setTabText(0, self.tr("&Cases"))
        self.tabs.setTabText(1, self.tr("&Workload"))
        self.phase_label.setText(self.tr("&Phase"))
        self.risk_label.setText(self.tr("&Risk"))
        self.mine.setText(self.tr("&Mine"))
        self.overdue.setText(self.tr("&Overdue goals"))
        self.child.setText(self.tr("Ch&ildren"))
        self.court.setText(self.tr("Co&urt proceedings"))
        self.quiet_label.setText(self.tr("No contact for (da&ys)"))
        self.quiet.setSpecialValueText(self.tr("any"))
        for w, name in (
            (self.phase, self.tr("Phase")),
            (self.risk, self.tr("Risk")),
            (self.quiet, self.tr("No contact for (days)")),
            (self.table, self.tr("Open cases")),
            (self.loads, self.tr("Workload by professional")),
        ):
            w.setAccessibleName(name)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Client"),
                self.tr("Phase"),
                self.tr("Risk"),
                self.tr("Manager"),
                self.tr("Child"),
                self.tr("Court"),
                self.tr("Overdue goals"),
                self.tr("Last contact"),
                self.tr("Weight"),
            ]
        )
        self.loads.setHorizontalHeaderLabels(
            [
                self.tr("Professional"),
                self.tr("Cases"),
                self.tr("Weight"),
                self.tr("Capacity"),
                self.tr("Load"),
            ]
        )
        self.hint.setText(
            keys_hint(
                [
                    ("Enter", self.tr("open the client's file")),
                    ("Ctrl+Shift+R", self.tr("report")),
                    ("Ctrl+Shift+S", self.tr("screening")),
                    ("Ctrl+Shift+C", self.tr("child interview")),
                    ("Ctrl+Shift+K", self.tr("statement capacity")),
                    ("Ctrl+Shift+I", self.tr("decision")),
                    ("Ctrl+Shift+E", self.tr("needs and plan goals")),
                    ("Ctrl+Shift+P", self.tr("plan")),
                    ("Ctrl+Shift+A", self.tr("approve the plan")),
                    ("Ctrl+Shift+M", self.tr("case manager")),
                    ("F5", self.tr("refresh")),
                ]
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _data_changed(self, entity: str) -> None:
        if entity in ("cases", "clients", "events", "case_goals"):
            self.reload()

    def current_filter(self) -> svc.CaseFilter:
        """The filter the controls describe."""
        return svc.CaseFilter(
            phase=self.phase.code(),
            risk=self.risk.code(),
            manager_id=self.ctx.user_id if self.mine.isChecked() else None,
            overdue_goals=self.overdue.isChecked(),
            no_contact_days=self.quiet.value() or None,
            child=True if self.child.isChecked() else None,
            court_open=True if self.court.isChecked() else None,
        )

    def reload(self) -> None:
        """Read the case list (first page) and, for a coordinator, the workload."""
        if self.ctx.is_locked:
            return
        try:
            self.rows = self.ctx.call(svc.case_list, self.current_filter(), limit=200)
        except CodedError as exc:  # a role without the case list: say so, show nothing
            self.rows = []
            self.message.say(error_text(exc))
        self._fill_cases()
        caseload = may(self.ctx, roles.CASEWORK_WORKLOAD)
        self.tabs.setTabVisible(1, caseload)
        if caseload:
            self._fill_loads(self.ctx.call(svc.workload))

    def _fill_cases(self) -> None:
        yes, lang = self.tr("yes"), self.ctx.lang
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            last = r.last_contact.astimezone().strftime("%d.%m.%Y.") if r.last_contact else "—"
            cells = [
                r.client_code,
                CASE_PHASE.label(r.phase, lang),
                RISK_LEVEL.label(r.risk, lang),
                r.manager_name or "—",
                yes if r.child else "",
                yes if r.court_open else "",
                str(r.overdue_goals or ""),
                last,
                str(r.weight),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.count.setText(self.tr("%1 open cases").replace("%1", str(len(self.rows))))
        if self.rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)

    def _fill_loads(self, loads: list[svc.Workload]) -> None:
        names = {"green": self.tr("within capacity"), "amber": self.tr("near capacity")}
        names["red"] = self.tr("over capacity")
        months = [m for m, _w in loads[0].by_month] if loads else []
        self.loads.setColumnCount(5 + len(months))
        # History by month: the weight held at the end of each month (newest last).
        for j, month in enumerate(months, start=5):
            year, number = month.split("-")
            self.loads.setHorizontalHeaderItem(j, QTableWidgetItem(f"{number}/{year[2:]}"))
        self.loads.setRowCount(len(loads))
        for i, w in enumerate(loads):
            light = QTableWidgetItem(f"● {names[w.light]}")
            light.setForeground(QColor(LIGHT_COLOURS[w.light]))
            cells = [w.name, str(w.cases), str(w.weight), str(w.capacity)]
            for j, text in enumerate(cells):
                self.loads.setItem(i, j, QTableWidgetItem(text))
            self.loads.setItem(i, 4, light)
            for j, (_month, weight) in enumerate(w.by_month, start=5):
                self.loads.setItem(i, j, QTableWidgetItem(str(weight)))

    def current_row(self) -> svc.CaseRow | None:
        """The selected case."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self.reload())
        dialog.open()
        return dialog

    def report_current(self) -> QDialog | None:
        """Record a report for identification about the selected case's client."""
        row = self.current_row()
        return self._open(ReportDialog(self.ctx, row.client_id, row.case_id, self)) if row else None

    def interview_current(self) -> QDialog | None:
        """The structured interview with the selected case's client (a child)."""
        row = self.current_row()
        if row is None:
            return None
        return self._open(ChildInterviewDialog(self.ctx, row.client_id, row.case_id, self))

    def capacity_current(self) -> QDialog | None:
        """The capacity to give a credible statement, for the selected case's client."""
        row = self.current_row()
        if row is None:
            return None
        return self._open(CapacityDialog(self.ctx, row.client_id, row.case_id, self))

    def decide_current(self) -> QDialog | None:
        """The identification decision for the selected case's client."""
        row = self.current_row()
        if row is None:
            return None
        return self._open(DecisionDialog(self.ctx, row.client_id, row.case_id, self))

    def plan_current(self) -> QDialog | None:
        """The selected case's protection plan: who answers for each goal, reviews, status."""
        row = self.current_row()
        return self._open(PlanDialog(self.ctx, row.case_id, self)) if row else None

    def reassign_current(self) -> QDialog | None:
        """Give the selected case to another professional."""
        row = self.current_row()
        if row is None:
            return None
        dialog = ReassignDialog(self.ctx, row.case_id, self)
        dialog.accepted.connect(lambda: self._moved(dialog.result_value))
        return self._open(dialog)

    def _moved(self, count: object) -> None:
        self.message.show_problem(
            self.tr("Case manager changed; %1 follow-ups moved with the case.").replace(
                "%1", str(count)
            ),
            notice=True,
        )

    def screen_current(self) -> ScreeningDialog | None:
        """Screen the selected case's client (the dialog is returned for tests)."""
        row = self.current_row()
        if row is None:
            return None
        self.dialog = ScreeningDialog(self.ctx, row.client_id, row.case_id, self)
        self.dialog.open()
        return self.dialog

    def needs_current(self) -> NeedsDialog | None:
        """Assess the selected case's needs and open plan goals."""
        row = self.current_row()
        if row is None:
            return None
        self.dialog = NeedsDialog(self.ctx, row.case_id, self)
        self.dialog.finished.connect(lambda _r: self.reload())
        self.dialog.open()
        return self.dialog

    def approve_current(self) -> None:
        """A coordinator approves the selected case's plan as it stands."""
        row = self.current_row()
        if row is None:
            return
        try:
            version = self.ctx.call(approve_plan, row.case_id)
        except CodedError as exc:  # not a coordinator, no goals yet: say so
            self.message.say(error_text(exc))
            return
        self.message.show_problem(
            self.tr("Plan version %1 approved.").replace("%1", str(version.plan_version)),
            notice=True,
        )

    def open_current(self) -> None:
        """Open the selected case's client file."""
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            self.ctx.open_client_requested.emit(self.rows[row].client_id)

    def clear(self) -> None:
        """Drop every case from the screen (the desk locked)."""
        self.rows = []
        self.table.setRowCount(0)
        self.loads.setRowCount(0)
        self.count.clear()
