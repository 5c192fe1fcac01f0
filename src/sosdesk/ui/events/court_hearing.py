"""A court hearing: court, case number, proceeding type, the client's role, who accompanied
her, and the outcome. The hearing's date and time is the event's time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from sosdesk.domain.vocab import CLIENT_ROLE, PROCEEDING
from sosdesk.ui.events.base import EventForm
from sosdesk.ui.widgets.directory_picker import DirectoryPicker
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class CourtHearingForm(EventForm):
    kind = "court_hearing"

    def build(self) -> None:
        lang = self.ctx.lang
        self.court = DirectoryPicker(self.ctx, kinds={"court", "prosecutor"}, parent=self)
        self.case_number = QLineEdit(self)
        self.case_number.setPlaceholderText(self.tr("e.g. K 123/2026"))
        self.proceeding = VocabCombo(PROCEEDING, lang, empty=self.tr("— choose —"), parent=self)
        self.role = VocabCombo(CLIENT_ROLE, lang, empty=self.tr("— not known —"), parent=self)
        self.accompanied_by = QLineEdit(self)
        self.accompanied_by.setPlaceholderText(self.tr("e.g. lawyer and psychologist"))
        self.outcome = self.note_edit()
        self.note = self.note_edit()
        self.add_row("court", self.tr("C&ourt"), self.court)
        self.add_row("case_number", self.tr("Case n&umber"), self.case_number)
        self.add_row("proceeding", self.tr("&Proceeding"), self.proceeding)
        self.add_row("client_role", self.tr("Client's &role"), self.role)
        self.add_row("accompanied_by", self.tr("&Accompanied by"), self.accompanied_by)
        self.add_row("outcome", self.tr("Out&come"), self.outcome)
        self.add_row("note", self.tr("&Note"), self.note)

    def reload(self) -> None:
        self.court.reload()

    def payload(self) -> dict[str, Any]:
        return {
            "court": self.court.name(),
            "court_id": self.court.entry_id(),
            "case_number": self.case_number.text().strip() or None,
            "proceeding": self.proceeding.code(),
            "client_role": self.role.code(),
            "accompanied_by": self.accompanied_by.text().strip() or None,
            "outcome": self.text_of(self.outcome),
            "note": self.text_of(self.note),
        }

    def load(self, payload: dict[str, Any]) -> None:
        self.court.set_value(payload.get("court_id"), payload.get("court"))
        self.case_number.setText(payload.get("case_number") or "")
        self.proceeding.set_code(payload.get("proceeding"))
        self.role.set_code(payload.get("client_role"))
        self.accompanied_by.setText(payload.get("accompanied_by") or "")
        self.outcome.setPlainText(payload.get("outcome") or "")
        self.note.setPlainText(payload.get("note") or "")
