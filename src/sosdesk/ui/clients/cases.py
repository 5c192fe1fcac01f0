"""Cases and the individual plan of a client: open a case, move it through its phases, close it
with a reason (or reopen it), and keep plan goals with target dates and dated reviews.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import CASE_PHASE, CLOSE_REASON
from sosdesk.services import cases as svc
from sosdesk.services.cases import OPEN_PHASES, CaseView, GoalView
from sosdesk.services.client_history import display_names
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog, keep_while_open, return_focus
from sosdesk.ui.widgets.datetime_field import DateField, format_date, format_local
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo


def _parse(field: DateField, name: str) -> date | None:
    try:
        return field.value()
    except ValueError:
        raise ValidationFailed([FieldError(name, "ui.not_date")]) from None


class CasesView(QWidget):
    """The client's cases (top) and the selected case's plan goals (bottom)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id: str | None = None
        self.cases: list[CaseView] = []
        self._names: dict[str, str] = {}
        self.dialog: ActionDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, key_name, slot in (
            ("open", self.tr("Open case"), "Ctrl+Shift+O", self.open_case),
            ("move", self.tr("Move to phase…"), "Ctrl+Shift+M", self.move_phase),
            ("close", self.tr("Close case…"), "Ctrl+Shift+W", self.close_case),
            ("reopen", self.tr("Reopen…"), "Ctrl+Shift+U", self.reopen_case),
            ("goal", self.tr("Add goal…"), "Ctrl+Shift+G", self.add_goal),
            ("review", self.tr("Review goal…"), "Ctrl+Shift+V", self.review_goal),
        ):
            button = QPushButton(text, self)
            button.setToolTip(with_key(text, key_name))
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
            shortcut(key_name, self, slot)
        bar.addStretch(1)
        layout.addLayout(bar)
        keys = QLabel(
            keys_hint(
                [
                    ("Ctrl+Shift+O", self.tr("open")),
                    ("Ctrl+Shift+M", self.tr("move to phase")),
                    ("Ctrl+Shift+W", self.tr("close")),
                    ("Ctrl+Shift+U", self.tr("reopen")),
                    ("Ctrl+Shift+G", self.tr("add goal")),
                    ("Ctrl+Shift+V", self.tr("review goal")),
                ]
            ),
            self,
        )
        keys.setProperty("role", "muted")
        layout.addWidget(keys)
        self.case_table = self._table(
            [
                self.tr("Opened"),
                self.tr("Phase"),
                self.tr("Closed"),
                self.tr("Reason"),
                self.tr("Case manager"),
            ]
        )
        self.case_table.setMaximumHeight(150)
        self.case_table.currentCellChanged.connect(lambda *_: self._show_goals())
        layout.addWidget(self.case_table)
        heading = QLabel(self.tr("Individual plan"), self)
        heading.setProperty("role", "section")
        layout.addWidget(heading)
        self.goal_table = self._table(
            [self.tr("Goal"), self.tr("Target date"), self.tr("Achieved"), self.tr("Last review")]
        )
        goal_header = self.goal_table.horizontalHeader()
        goal_header.setStretchLastSection(False)
        goal_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.goal_table.currentCellChanged.connect(lambda *_: self._show_reviews())
        layout.addWidget(self.goal_table, 2)
        self.reviews = QTextBrowser(self)
        self.reviews.setMaximumHeight(130)
        layout.addWidget(self.reviews, 1)

    def _table(self, headers: list[str]) -> QTableWidget:
        t = QTableWidget(0, len(headers), self)
        t.setHorizontalHeaderLabels(headers)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.verticalHeader().hide()
        t.setTabKeyNavigation(False)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.horizontalHeader().setStretchLastSection(True)
        return t

    # -- showing ---------------------------------------------------------------------------

    def show_cases(self, client_id: str, cases: list[CaseView]) -> None:
        """Show a client's cases (open first) and the first case's plan."""
        self.client_id = client_id
        self._names = self.ctx.call(display_names)
        current = self.current_case()
        keep = current.id if current is not None else None
        self.cases = cases
        lang = self.ctx.lang
        self.case_table.setRowCount(len(cases))
        for r, c in enumerate(cases):
            cells = [
                format_local(c.opened_at),
                CASE_PHASE.label(c.phase, lang),
                format_local(c.closed_at),
                CLOSE_REASON.label(c.close_reason, lang) if c.close_reason else "",
                c.manager_name or "",
            ]
            for col, text in enumerate(cells):
                self.case_table.setItem(r, col, QTableWidgetItem(text))
        row = next((i for i, c in enumerate(cases) if c.id == keep), 0)
        if cases:
            self.case_table.setCurrentCell(row, 0)
        self._show_goals()
        self._update_buttons()

    def _update_buttons(self) -> None:
        case = self.current_case()
        has_open = any(c.is_open for c in self.cases)
        self.buttons["open"].setEnabled(self.client_id is not None and not has_open)
        for key in ("move", "close", "goal"):
            self.buttons[key].setEnabled(case is not None and case.is_open)
        self.buttons["reopen"].setEnabled(case is not None and not case.is_open and not has_open)
        self.buttons["review"].setEnabled(self.current_goal() is not None)

    def current_case(self) -> CaseView | None:
        row = self.case_table.currentRow()
        return self.cases[row] if 0 <= row < len(self.cases) else None

    def current_goal(self) -> GoalView | None:
        case = self.current_case()
        row = self.goal_table.currentRow()
        return case.goals[row] if case and 0 <= row < len(case.goals) else None

    def _show_goals(self) -> None:
        case = self.current_case()
        goals = case.goals if case else ()
        today = date.today()
        self.goal_table.setRowCount(len(goals))
        for r, g in enumerate(goals):
            last = g.reviews[-1] if g.reviews else None
            target = format_date(g.target_date)
            if g.overdue(today):
                target = self.tr("%1 (late)").replace("%1", target)
            cells = [
                g.text,
                target,
                format_date(g.achieved_at),
                f"{format_date(last.on)}: {last.note}" if last else "",
            ]
            for col, text in enumerate(cells):
                self.goal_table.setItem(r, col, QTableWidgetItem(text))
        if goals:
            self.goal_table.setCurrentCell(0, 0)
        self._show_reviews()
        self._update_buttons()

    def _show_reviews(self) -> None:
        goal = self.current_goal()
        self.reviews.clear()
        if goal is not None:
            lines = [
                f"{format_date(r.on)} · {self._names.get(r.by, r.by)}: {r.note}"
                + (f" ({self.tr('achieved')})" if r.achieved else "")
                for r in goal.reviews
            ]
            self.reviews.setPlainText("\n".join(lines) or self.tr("No reviews yet."))
        self._update_buttons()

    def clear(self) -> None:
        if self.dialog is not None:  # an open dialog may show the client's plan
            self.dialog.reject()
        self.client_id = None
        self.cases = []
        self.case_table.setRowCount(0)
        self.goal_table.setRowCount(0)
        self.reviews.clear()

    # -- actions ---------------------------------------------------------------------------

    def _changed(self) -> None:
        self.ctx.data_changed.emit("cases")

    def _run(self, dialog: ActionDialog) -> None:
        """Show a dialog without blocking; a saved change refreshes the file."""
        keep_while_open(dialog, self)
        dialog.accepted.connect(self._changed)
        return_focus(dialog, self.focusWidget() or self.case_table)
        dialog.open()
        dialog.activateWindow()

    def open_case(self) -> None:
        if self.client_id is None:
            return
        phase = VocabCombo(
            CASE_PHASE, self.ctx.lang, terms=[CASE_PHASE.get(p) for p in OPEN_PHASES]
        )
        notes = QLineEdit()
        client_id = self.client_id

        def submit() -> None:
            self.ctx.call(svc.open_case, client_id, phase=phase.code() or "", notes=notes.text())

        self._run(
            ActionDialog(
                self.tr("Open case"),
                [("phase", self.tr("&Phase"), phase), ("notes", self.tr("&Notes"), notes)],
                submit,
                self,
            )
        )

    def move_phase(self) -> None:
        case = self.current_case()
        if case is None or not case.is_open:
            return
        later = [CASE_PHASE.get(p) for p in OPEN_PHASES if p != case.phase]
        phase = VocabCombo(CASE_PHASE, self.ctx.lang, terms=later)
        nxt = OPEN_PHASES.index(case.phase) + 1 if case.phase in OPEN_PHASES else 0
        if nxt < len(OPEN_PHASES):
            phase.set_code(OPEN_PHASES[nxt])
        self._run(
            ActionDialog(
                self.tr("Move case to phase"),
                [("phase", self.tr("&Phase"), phase)],
                lambda: self.ctx.call(svc.move_phase, case.id, phase.code() or ""),
                self,
            )
        )

    def close_case(self) -> None:
        case = self.current_case()
        if case is None or not case.is_open:
            return
        reason = VocabCombo(CLOSE_REASON, self.ctx.lang, empty=self.tr("— choose —"))
        note = QLineEdit()
        self._run(
            ActionDialog(
                self.tr("Close case"),
                [("reason", self.tr("&Reason"), reason), ("note", self.tr("&Note"), note)],
                lambda: self.ctx.call(svc.close_case, case.id, reason.code() or "", note.text()),
                self,
            )
        )

    def reopen_case(self) -> None:
        case = self.current_case()
        if case is None or case.is_open:
            return
        phase = VocabCombo(
            CASE_PHASE, self.ctx.lang, terms=[CASE_PHASE.get(p) for p in OPEN_PHASES]
        )
        self._run(
            ActionDialog(
                self.tr("Reopen case"),
                [("phase", self.tr("&Phase"), phase)],
                lambda: self.ctx.call(svc.reopen_case, case.id, phase.code() or ""),
                self,
            )
        )

    def add_goal(self) -> None:
        case = self.current_case()
        if case is None or not case.is_open:
            return
        text = QLineEdit()
        target = DateField()

        def submit() -> None:
            self.ctx.call(svc.add_goal, case.id, text.text(), _parse(target, "target_date"))

        self._run(
            ActionDialog(
                self.tr("Add plan goal"),
                [
                    ("text", self.tr("&Goal"), text),
                    ("target_date", self.tr("&Target date"), target),
                ],
                submit,
                self,
            )
        )

    def review_goal(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return
        note = QPlainTextEdit()
        note.setTabChangesFocus(True)
        note.setFixedHeight(80)
        achieved = QCheckBox(self.tr("The goal is &achieved"))
        on = DateField()
        on.set_value(date.today())

        def submit() -> None:
            self.ctx.call(
                svc.review_goal,
                goal.id,
                note.toPlainText(),
                achieved=achieved.isChecked(),
                on=_parse(on, "on"),
            )

        self._run(
            ActionDialog(
                self.tr("Review goal"),
                [
                    ("note", self.tr("&Review"), note),
                    ("on", self.tr("&Date"), on),
                    ("achieved", self.tr("Result"), achieved),
                ],
                submit,
                self,
                intro=goal.text,
            )
        )
