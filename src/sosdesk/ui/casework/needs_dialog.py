"""Needs assessment of a case: rate each domain and, where a goal is written, open it in the
protection plan with its due date, all in one step."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.casework_vocab import NEED_DOMAIN, NEED_RATING
from sosdesk.domain.messages import CodedError
from sosdesk.services import casework as svc
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import BadDateTime, DateField
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class NeedsDialog(QDialog):
    """One row per need domain: rating, goal, due date."""

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.goals_opened = 0
        self.setWindowTitle(self.tr("Needs assessment"))
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        for col, text in enumerate((self.tr("Need"), self.tr("Rating"), self.tr("Goal"))):
            grid.addWidget(QLabel(f"<b>{text}</b>", self), 0, col)
        grid.addWidget(QLabel(f"<b>{self.tr('Due')}</b>", self), 0, 3)
        self.rows: dict[str, tuple[VocabCombo, QLineEdit, DateField]] = {}
        for i, term in enumerate(NEED_DOMAIN, start=1):
            name = term.label(ctx.lang)
            rating = VocabCombo(NEED_RATING, ctx.lang, empty="—", parent=self)
            rating.setAccessibleName(self.tr("Rating: %1").replace("%1", name))
            goal = QLineEdit(self)
            goal.setAccessibleName(self.tr("Goal: %1").replace("%1", name))
            due = DateField(self)
            due.setAccessibleName(self.tr("Due: %1").replace("%1", name))
            grid.addWidget(QLabel(name, self), i, 0)
            grid.addWidget(rating, i, 1)
            grid.addWidget(goal, i, 2)
            grid.addWidget(due, i, 3)
            self.rows[term.code] = (rating, goal, due)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 480)
        self.rows["safety"][0].setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.rows["safety"][0].setFocus()  # where the work starts, once the dialog is on screen

    def save(self) -> None:
        """Store the assessment and its goals (and close) or show what is wrong."""
        ratings: dict[str, tuple[str, str | None]] = {}
        goals: list[svc.GoalDraft] = []
        try:
            for code, (rating, goal, due) in self.rows.items():
                value = rating.code()
                if value is None:
                    continue
                ratings[code] = (value, None)
                if goal.text().strip():
                    goals.append(svc.GoalDraft(code, goal.text(), due.value()))
        except BadDateTime:
            self.message.say(error_text(CodedError("ui.not_date")))
            return
        try:
            result = self.ctx.call(svc.assess_needs, self.case_id, ratings, goals)
        except CodedError as exc:  # a problem the user can fix: say it, keep the dialog
            self.message.say(error_text(exc))
            return
        self.goals_opened = len(result.goals)
        self.ctx.data_changed.emit("case_goals")
        self.accept()
