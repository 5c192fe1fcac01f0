"""A change of identification status (potential, presumed, formally identified, not a victim),
with who decided it. Saving it also updates the client's status.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit

from sosdesk.domain.validation import FieldError
from sosdesk.domain.vocab import VICTIM_STATUS
from sosdesk.services.events import check_status_change
from sosdesk.ui.events.base import EventForm
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class StatusChangeForm(EventForm):
    kind = "status_change"

    def build(self) -> None:
        lang = self.ctx.lang
        self.from_status = self.client_status or "unknown"
        current = QLabel(VICTIM_STATUS.label(self.from_status, lang), self)
        self.to_status = VocabCombo(VICTIM_STATUS, lang, empty=self.tr("— choose —"), parent=self)
        self.decided_by = QLineEdit(self)
        self.decided_by.setPlaceholderText(
            self.tr("e.g. Centre for the protection of trafficking victims")
        )
        self.note = self.note_edit()
        self.form.addRow(self.tr("Current status"), current)
        self.add_row("to_status", self.tr("&New status"), self.to_status)
        self.add_row("decided_by", self.tr("&Decided by"), self.decided_by)
        self.add_row("note", self.tr("&Note"), self.note)

    def payload(self) -> dict[str, Any]:
        return {
            "from_status": self.from_status,
            "to_status": self.to_status.code(),
            "decided_by": self.decided_by.text().strip() or None,
            "note": self.text_of(self.note),
        }

    def load(self, payload: dict[str, Any]) -> None:
        self.from_status = payload.get("from_status") or self.from_status
        self.to_status.set_code(payload.get("to_status"))
        self.decided_by.setText(payload.get("decided_by") or "")
        self.note.setPlainText(payload.get("note") or "")

    def check(self) -> list[FieldError]:
        return check_status_change(self.from_status, self.to_status.code())
