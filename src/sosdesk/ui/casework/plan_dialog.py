"""The protection plan of a case: its goals (opened from needs assessments) with who answers for
each (a colleague or a directory entry), the next review (a follow-up), and the status; the
approved versions below. Up/Down choose a goal, Ctrl+Enter saves it, Esc closes."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from sosdesk.domain.casework_vocab import GOAL_STATUS, NEED_DOMAIN
from sosdesk.domain.validation import FieldError
from sosdesk.services.followups import assignable_users
from sosdesk.services.protection_plan import PlanGoal, plan_goal, plan_goals, plan_versions
from sosdesk.ui.casework.form_dialog import FormDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import BadDateTime, DateField, format_date
from sosdesk.ui.widgets.directory_picker import DirectoryPicker
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class PlanDialog(FormDialog):
    """Goals of one case's plan, edited one at a time."""

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Protection plan"))
        self.case_id = case_id
        self.goals: list[PlanGoal] = []
        self.saved_count = 0
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("plan_goals")
        self.table.setAccessibleName(self.tr("Goals of the plan"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the goal's fields
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Goal"),
                self.tr("Need"),
                self.tr("Responsible"),
                self.tr("Due"),
                self.tr("Review"),
                self.tr("Status"),
            ]
        )
        goals_label = QLabel(self.tr("&Goals"), self)
        goals_label.setBuddy(self.table)
        self.body.insertWidget(0, goals_label)
        self.body.insertWidget(1, self.table, 1)
        self.responsible = QComboBox(self)
        self.responsible.setAccessibleName(self.tr("Responsible colleague"))
        self.responsible.addItem("—", None)
        for user in ctx.call(assignable_users):
            self.responsible.addItem(user.display_name, user.id)
        self.provider = DirectoryPicker(ctx, parent=self)
        self.provider.setAccessibleName(self.tr("Service from the directory"))
        self.review = DateField(self)
        self.review.setAccessibleName(self.tr("Next review"))
        self.status = VocabCombo(GOAL_STATUS, ctx.lang, parent=self)
        self.status.setAccessibleName(self.tr("Status"))
        self.add_row("responsible_id", self.tr("&Responsible colleague"), self.responsible)
        self.add_row("provider_entry_id", self.tr("&Service (directory)"), self.provider)
        self.add_row("review_on", self.tr("Next re&view"), self.review)
        self.add_row("status", self.tr("S&tatus"), self.status)
        self.versions = QLabel(self)
        self.versions.setObjectName("plan_versions")
        self.versions.setWordWrap(True)
        self.versions.setProperty("role", "muted")
        self.body.insertWidget(self.body.count() - 1, self.versions)
        self.save_button.setText(with_key(self.tr("Save goal"), "Ctrl+Enter"))
        chain = (self.table, self.responsible, self.provider, self.review, self.status)
        for a, b in zip(chain, (*chain[1:], self.save_button), strict=True):
            self.setTabOrder(a, b)
        self.provider.reload()
        self.table.currentCellChanged.connect(lambda row, *_: self._load(row))
        self.resize(900, 620)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.setFocus()  # choose a goal first

    def reload(self) -> None:
        """Read the goals and the approved versions again."""
        keep = self.table.currentRow()
        self.goals = self.ctx.call(plan_goals, self.case_id)
        lang = self.ctx.lang
        self.table.setRowCount(len(self.goals))
        for i, g in enumerate(self.goals):
            cells = [
                g.text,
                NEED_DOMAIN.label(g.need_domain, lang) if g.need_domain else "",
                g.responsible_name or g.provider_name or "",
                format_date(g.target_date),
                format_date(g.review_on),
                GOAL_STATUS.label(g.status, lang),
            ]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        versions = self.ctx.call(plan_versions, self.case_id)
        if versions:
            listed = ", ".join(
                f"{v.plan_version} ({format_date(v.approved_at.astimezone().date())})"
                for v in versions
            )
            self.versions.setText(self.tr("Approved versions: %1").replace("%1", listed))
        else:
            self.versions.setText(self.tr("Not approved yet."))
        if self.goals:
            self.table.setCurrentCell(min(max(keep, 0), len(self.goals) - 1), 0)
            self._load(self.table.currentRow())

    def _load(self, row: int) -> None:
        if not 0 <= row < len(self.goals):
            return
        g = self.goals[row]
        index = self.responsible.findData(g.responsible_id)
        self.responsible.setCurrentIndex(max(index, 0))
        self.provider.set_value(g.provider_entry_id, g.provider_name)
        self.review.set_value(g.review_on)
        self.status.set_code(g.status)

    def current_goal(self) -> PlanGoal | None:
        """The goal being edited."""
        row = self.table.currentRow()
        return self.goals[row] if 0 <= row < len(self.goals) else None

    def check(self) -> list[FieldError]:
        try:
            self.review.value()
        except BadDateTime:
            return [FieldError("review_on", "ui.not_date")]
        return []

    def submit(self) -> object:
        goal = self.current_goal()
        if goal is None:
            return None
        return self.ctx.call(
            plan_goal,
            goal.id,
            responsible_id=self.responsible.currentData(),
            provider_entry_id=self.provider.entry_id(),
            review_on=self.review.value(),
            status=self.status.code() or "planned",
        )

    def saved(self) -> None:
        """A goal saved: show it in the table and stay for the next one."""
        self.saved_count += 1
        self.reload()
        self.ctx.data_changed.emit("case_goals")
        self.table.setFocus()
