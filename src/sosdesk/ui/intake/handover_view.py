"""The shift handover (Ctrl+Shift+H): what the next operator needs at the change of shift,
and the note she is left. Ctrl+Enter saves the note."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.validation import ValidationFailed
from sosdesk.domain.vocab import URGENCY
from sosdesk.services.call_log import Handover, handover, leave_note
from sosdesk.ui.context import AppContext
from sosdesk.ui.timeline.text import DANGER_MARK
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.display import tr, with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.shortcuts import shortcut

SHOWN = 8  # lines per list: the rest is in the call log and the follow-ups area


class HandoverView(QDialog):
    """Read-only sections and the note for the next shift."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(tr("Shift handover"))
        self.setMinimumWidth(640)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.urgent = QLabel(self)
        self.followups = QLabel(self)
        self.unsaved = QLabel(self)
        for label in (self.urgent, self.followups, self.unsaved):
            label.setWordWrap(True)
        caption = QLabel(tr("&Note for the next shift"), self)
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(tr("Note for the next shift"))
        self.note.setTabChangesFocus(True)
        caption.setBuddy(self.note)
        self.left_by = QLabel(self)
        self.left_by.setProperty("role", "muted")
        self.message = FieldMessage(self)
        buttons = QDialogButtonBox(self)
        save = buttons.addButton(
            with_key(tr("Save the note"), "Ctrl+Enter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        save.setProperty("role", "primary")
        buttons.addButton(with_key(tr("Close"), "Esc"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save_note)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (
            self.heading,
            self.urgent,
            self.followups,
            self.unsaved,
            caption,
            self.note,
            self.left_by,
            self.message,
            buttons,
        ):
            layout.addWidget(widget)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(key, self, self.save_note, window=True)
        self.reload()
        self.note.setFocus()

    def reload(self) -> None:
        """Read the handover of the running shift."""
        if not self.ctx.is_locked:
            self.show_handover(self.ctx.call(handover))

    def show_handover(self, h: Handover) -> None:
        """Fill the sections."""
        lang = self.ctx.lang
        self.heading.setText(
            tr("Shift since {0}: {1} calls").format(format_local(h.shift_start), h.calls)
        )
        urgent = [
            f"{DANGER_MARK} {format_local(c.started_at)}  {URGENCY.label(c.urgency, lang)}"
            f"  {' '.join((c.summary or '').split())[:90]}"
            for c in h.urgent_calls[:SHOWN]
        ]
        self.urgent.setText(
            tr("Urgent calls of the shift: {0}").format(len(h.urgent_calls))
            + ("\n" + "\n".join(urgent) if urgent else "")
        )
        due = [
            f"{format_local(f.due_at)}  {f.what[:90]}" for f in (*h.overdue, *h.due_today)[:SHOWN]
        ]
        self.followups.setText(
            tr("Follow-ups overdue: {0}, due today: {1}").format(len(h.overdue), len(h.due_today))
            + ("\n" + "\n".join(due) if due else "")
        )
        self.unsaved.setText(tr("Calls left unsaved (drafts): {0}").format(h.unsaved_calls))
        self.note.setPlainText(h.note.text if h.note else "")
        self.left_by.setText(
            tr("Left by {0} at {1}").format(h.note.by, format_local(h.note.at)) if h.note else ""
        )

    def save_note(self) -> None:
        """Keep the note for the next shift (Ctrl+Enter)."""
        try:
            self.ctx.call(leave_note, self.note.toPlainText())
        except ValidationFailed as exc:
            self.message.say(error_text(exc.errors[0]))
            return
        self.message.say("")  # the "left by … at …" line below the note says it is kept
        self.reload()
