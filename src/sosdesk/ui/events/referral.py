"""A referral to a directory entry, with the reason and the client's informed consent.
Without consent the service refuses it and the form says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox

from sosdesk.ui.events.base import EventForm
from sosdesk.ui.widgets.directory_picker import DirectoryPicker


class ReferralForm(EventForm):
    kind = "referral"

    def build(self) -> None:
        self.entry = DirectoryPicker(self.ctx, parent=self)
        self.reason = self.note_edit()
        self.consent = QCheckBox(
            self.tr("The client was informed and &consents to this referral"), self
        )
        self.add_row("entry_id", self.tr("Refer &to"), self.entry)
        self.add_row("reason", self.tr("&Reason"), self.reason)
        self.add_row("consent", self.tr("Consent"), self.consent)

    def reload(self) -> None:
        self.entry.reload()

    def payload(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry.entry_id(),
            "entry_name": self.entry.name(),
            "reason": self.text_of(self.reason),
            "consent": self.consent.isChecked(),
        }

    def load(self, payload: dict[str, Any]) -> None:
        self.entry.set_value(payload.get("entry_id"), payload.get("entry_name"))
        self.reason.setPlainText(payload.get("reason") or "")
        self.consent.setChecked(bool(payload.get("consent")))
