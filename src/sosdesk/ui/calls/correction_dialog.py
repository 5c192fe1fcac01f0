"""Correct a saved call (Ctrl+E on a call in the timeline): choose the field, type the corrected
value and the reason; the call's earlier values stay listed under "History"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QWidget

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.call_corrections import (
    FIELDS,
    CorrectionView,
    correct_call,
    corrections_of,
    original_call,
)
from sosdesk.services.calls import get_call
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog


def shown_value(value: Any) -> str:
    """A field's value as the value box holds it (lists comma-separated, times ISO)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


class CallCorrectionDialog(ActionDialog):
    """Field, corrected value and reason of one call; saving records a correction."""

    def __init__(self, ctx: AppContext, call_id: str, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.call_id = call_id
        self.field_box = QComboBox()
        labels = self._labels()
        for name in FIELDS:
            self.field_box.addItem(labels[name], name)
        self.field_box.setAccessibleName(self.tr("Field to correct"))
        self.value_edit = QLineEdit()
        self.value_edit.setAccessibleName(self.tr("Corrected value"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName(self.tr("Reason for the correction"))
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("History of the call's corrections"))
        self.history.setMaximumHeight(120)
        super().__init__(
            self.tr("Correct the call"),
            [
                ("field", self.tr("&Field:"), self.field_box),
                ("value", self.tr("&Corrected value:"), self.value_edit),
                ("reason", self.tr("&Reason:"), self.reason_edit),
                ("history", self.tr("&History:"), self.history),
            ],
            self._save,
            parent,
            intro=self.tr(
                "The original stays in the call's history; the call log, timeline, statistics "
                "and documents use the corrected value."
            ),
        )
        self.field_box.currentIndexChanged.connect(self._field_changed)
        self._field_changed()
        self._fill_history()

    def _labels(self) -> dict[str, str]:
        return {
            "line": self.tr("Line"),
            "direction": self.tr("Direction"),
            "caller_type": self.tr("Caller"),
            "language": self.tr("Language"),
            "urgency": self.tr("Urgency"),
            "started_at": self.tr("Started (YYYY-MM-DDTHH:MM+01:00)"),
            "ended_at": self.tr("Ended (YYYY-MM-DDTHH:MM+01:00)"),
            "summary": self.tr("Summary"),
            "actions_taken": self.tr("Actions taken"),
            "caller_phone": self.tr("Caller's phone"),
            "categories": self.tr("Categories (codes, comma-separated)"),
            "emergency_steps": self.tr("Emergency steps (codes, comma-separated)"),
            "referrals_given": self.tr("Referrals given (comma-separated)"),
            "client": self.tr("Client (code; empty unlinks)"),
        }

    def _field_changed(self) -> None:
        name = str(self.field_box.currentData())
        call = self.ctx.call(get_call, self.call_id)
        value = call.client_id if name == "client" else getattr(call, name)
        self.value_edit.setText(shown_value(value))

    def _fill_history(self) -> None:
        self.history.clear()
        items: list[CorrectionView] = self.ctx.call(corrections_of, self.call_id)
        if not items:
            self.history.addItem(self.tr("No corrections yet."))
            return
        first = self.ctx.call(original_call, self.call_id)
        for c in items:
            self.history.addItem(
                self.tr("{0}: {1} was «{2}», now «{3}» ({4})").format(
                    c.created_at.astimezone().strftime("%d.%m.%Y %H:%M"),
                    self._labels().get(c.field, c.field),
                    shown_value(c.old_value),
                    shown_value(c.new_value),
                    c.reason,
                )
            )
        self.history.setToolTip(
            self.tr("First saved summary: {0}").format(shown_value(first.get("summary")))
        )

    def _save(self) -> None:
        name = str(self.field_box.currentData())
        try:
            self.ctx.call(
                correct_call, self.call_id, name, self.value_edit.text(), self.reason_edit.text()
            )
        except ValidationFailed as exc:
            # The service names the call's field; this form has one box for every value.
            raise ValidationFailed(
                [
                    e if e.field in ("reason", "field") else FieldError("value", e.code, **e.params)
                    for e in exc.errors
                ]
            ) from None
        except NotAllowed as exc:
            raise ValidationFailed([FieldError("field", exc.code, **exc.params)]) from None
