"""A free note on the client's timeline."""

from __future__ import annotations

from typing import Any

from sosdesk.ui.events.base import EventForm


class NoteForm(EventForm):
    kind = "note"

    def build(self) -> None:
        self.text = self.note_edit()
        self.text.setFixedHeight(160)
        self.add_row("text", self.tr("&Note"), self.text)

    def payload(self) -> dict[str, Any]:
        return {"text": self.text_of(self.text)}

    def load(self, payload: dict[str, Any]) -> None:
        self.text.setPlainText(payload.get("text") or "")
