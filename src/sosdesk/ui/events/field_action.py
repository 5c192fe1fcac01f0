"""A field action of the mobile team: accompaniment, home visit, contact with relatives."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from sosdesk.domain.vocab import FIELD_ACTION
from sosdesk.ui.events.base import EventForm
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class FieldActionForm(EventForm):
    kind = "field_action"

    def build(self) -> None:
        self.type = VocabCombo(
            FIELD_ACTION, self.ctx.lang, empty=self.tr("— choose —"), parent=self
        )
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(self.tr("institution, address or city"))
        self.accompanied_by = QLineEdit(self)
        self.accompanied_by.setPlaceholderText(self.tr("e.g. mobile team"))
        self.note = self.note_edit()
        self.add_row("type", self.tr("&Type"), self.type)
        self.add_row("place", self.tr("P&lace"), self.place)
        self.add_row("accompanied_by", self.tr("&Accompanied by"), self.accompanied_by)
        self.add_row("note", self.tr("&Note"), self.note)

    def payload(self) -> dict[str, Any]:
        return {
            "type": self.type.code(),
            "place": self.place.text().strip() or None,
            "accompanied_by": self.accompanied_by.text().strip() or None,
            "note": self.text_of(self.note),
        }

    def load(self, payload: dict[str, Any]) -> None:
        self.type.set_code(payload.get("type"))
        self.place.setText(payload.get("place") or "")
        self.accompanied_by.setText(payload.get("accompanied_by") or "")
        self.note.setPlainText(payload.get("note") or "")
