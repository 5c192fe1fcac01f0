"""The emergency checklist that opens when a call is marked "immediate danger": whom to call
(police 192, ambulance 194, the Centre for the protection of trafficking victims), the client's
safety plan, and a tick for each step taken, saved with the call (Call.emergency_steps).
Alt+1 ... Alt+6 tick the steps.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from sosdesk.domain.vocab import EMERGENCY_STEP
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.field_message import FieldMessage


class EmergencyPanel(QFrame):
    """Emits `changed` when a step is ticked or unticked."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmergencyPanel")
        self.setProperty("role", "emergency")
        self.ctx = ctx
        self._centre_phone = ""
        self._risk = ""
        self._notes = ""
        self._has_client = False
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.heading.setWordWrap(True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.boxes: dict[str, QCheckBox] = {}
        self.hints: dict[str, QLabel] = {}
        steps = QVBoxLayout()
        steps.setSpacing(2)
        for term in EMERGENCY_STEP:
            box = QCheckBox(self)
            box.setObjectName(f"step_{term.code}")
            box.toggled.connect(lambda _on: self.changed.emit())
            hint = QLabel(self)
            hint.setProperty("role", "muted")
            hint.setWordWrap(True)
            self.boxes[term.code] = box
            self.hints[term.code] = hint
            steps.addWidget(box)
            hint.setContentsMargins(30, 0, 0, 6)  # under the box's text, not under the tick
            steps.addWidget(hint)
        self.plan_label = QLabel(self)
        self.plan_label.setObjectName("safety_plan")
        self.plan_label.setWordWrap(True)
        self.message = FieldMessage(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(steps)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.message)
        self.retranslate()

    def codes(self) -> list[str]:
        """The steps ticked, in checklist order."""
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def set_codes(self, codes: list[str]) -> None:
        for code, box in self.boxes.items():
            box.setChecked(code in codes)

    def set_centre_phone(self, phone: str) -> None:
        """The Centre's number, from the referral directory."""
        self._centre_phone = phone
        self.retranslate()

    def set_safety_plan(self, linked: bool, risk: str = "", notes: str = "") -> None:
        """What the linked client's file says: risk level and notes (the safety plan)."""
        self._has_client, self._risk, self._notes = linked, risk, notes
        self.retranslate()

    def reset(self) -> None:
        self.set_codes([])
        self._has_client, self._risk, self._notes = False, "", ""
        self.message.show_problem(None)
        self.retranslate()

    def focus_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Immediate danger: emergency checklist"))
        self.intro.setText(
            self.tr(
                "Keep the caller on the line if it is safe. Tick each step "
                "as it is done ({0} to {1}); the ticks are saved with "
                "the call."
            ).format("Alt+1", "Alt+6")
        )
        hints = {
            "police_192": self.tr("Police: 192"),
            "ambulance_194": self.tr("Ambulance: 194"),
            "centre_notified": (
                self.tr("Centre for the protection of trafficking victims: {0}").format(
                    self._centre_phone
                )
                if self._centre_phone
                else self.tr("Centre for the protection of trafficking victims (see the directory)")
            ),
            "safety_plan": self.tr("Follow the client's safety plan (below)"),
            "mobile_team": self.tr("Send the mobile team if the place is known"),
            "shelter": self.tr("Safe accommodation: shelter or urgent accommodation"),
        }
        for i, term in enumerate(EMERGENCY_STEP, start=1):
            self.boxes[term.code].setText(f"&{i}  {term.label(self.ctx.lang)}")
            self.hints[term.code].setText(hints.get(term.code, ""))
        if not self._has_client:
            plan = self.tr("Client's safety plan: link the client to see it here.")
        elif self._notes:
            plan = self.tr("Client's safety plan (risk level {0}): {1}").format(
                self._risk, self._notes
            )
        else:
            plan = self.tr(
                "Client's safety plan: nothing written in the client's file (risk level {0})."
            ).format(self._risk)
        self.plan_label.setText(plan)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
