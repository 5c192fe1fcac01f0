"""The structured records of formal identification: the identification interview with a child,
topic by topic, and the assessment of the capacity to give a credible statement."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QSpinBox, QWidget

from sosdesk.domain.casework_events import CHILD_TOPICS
from sosdesk.domain.casework_vocab import CAPACITY
from sosdesk.services import casework as svc
from sosdesk.ui.casework.form_dialog import FormDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class ChildInterviewDialog(FormDialog):
    """The Centre's interview protocol with a child: one answer per topic."""

    def __init__(
        self, ctx: AppContext, client_id: str, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Interview with the child"))
        self.client_id, self.case_id = client_id, case_id
        labels = {
            "family": self.tr("&Family"),
            "school": self.tr("&School"),
            "travel": self.tr("&Travel"),
            "work": self.tr("&Work"),
            "money": self.tr("&Money"),
            "safety": self.tr("Saf&ety"),
            "wishes": self.tr("W&ishes"),
        }
        self.answers = {}
        for topic in CHILD_TOPICS:
            edit = self.rows.note_edit()
            edit.setFixedHeight(52)
            edit.setAccessibleName(labels[topic].replace("&", ""))
            self.answers[topic] = edit
            self.add_row(topic, labels[topic], edit)
        self.guardian = QCheckBox(self.tr("&Guardian present"), self)
        self.interpreter = QCheckBox(self.tr("I&nterpreter"), self)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 600)
        self.minutes.setAccessibleName(self.tr("Duration in minutes"))
        self.add_row("guardian_present", "", self.guardian)
        self.add_row("interpreter", "", self.interpreter)
        self.add_row("duration_minutes", self.tr("&Duration (minutes)"), self.minutes)
        self.resize(720, 720)

    def submit(self) -> object:
        return self.ctx.call(
            svc.record_child_interview,
            self.client_id,
            {t: e.toPlainText() for t, e in self.answers.items()},
            case_id=self.case_id,
            guardian_present=self.guardian.isChecked(),
            interpreter=self.interpreter.isChecked(),
            duration_minutes=self.minutes.value() or None,
        )


class CapacityDialog(FormDialog):
    """The assessment of the capacity to give a credible statement, with reasons."""

    def __init__(
        self, ctx: AppContext, client_id: str, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Capacity to give a credible statement"))
        self.client_id, self.case_id = client_id, case_id
        self.capacity = VocabCombo(CAPACITY, ctx.lang, empty="—", parent=self)
        self.capacity.setAccessibleName(self.tr("Assessment"))
        self.trauma = QCheckBox(self.tr("Signs of &trauma"), self)
        self.support = QCheckBox(self.tr("Needs a &support person"), self)
        self.reasons = self.rows.note_edit()
        self.reasons.setAccessibleName(self.tr("Reasons"))
        self.add_row("capacity", self.tr("&Assessment"), self.capacity)
        self.add_row("trauma_signs", "", self.trauma)
        self.add_row("needs_support_person", "", self.support)
        self.add_row("reasons", self.tr("&Reasons"), self.reasons)

    def submit(self) -> object:
        return self.ctx.call(
            svc.record_capacity,
            self.client_id,
            capacity=self.capacity.code() or "",
            reasons=self.reasons.toPlainText(),
            case_id=self.case_id,
            trauma_signs=self.trauma.isChecked(),
            needs_support_person=self.support.isChecked(),
        )
