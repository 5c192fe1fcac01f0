"""Schedule a follow-up: when, what, for whom (a user or anyone on the desk)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from sosdesk.domain.clock import to_desk, utcnow
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.followups import add_followup, assignable_users
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.widgets.datetime_field import DateTimeField
from sosdesk.ui.widgets.display import tr


def followup_dialog(
    ctx: AppContext, client_id: str | None, parent: QWidget | None = None
) -> ActionDialog:
    """A dialog that schedules a follow-up (for a client when `client_id` is given)."""
    due = DateTimeField()
    due.setMaximumWidth(200)
    soon = to_desk(utcnow() + timedelta(hours=1))
    due.set_value(soon.replace(minute=soon.minute - soon.minute % 5, second=0, microsecond=0))
    what = QLineEdit()
    what.setPlaceholderText(tr("e.g. Call her back to check she is safe"))
    who = QComboBox()
    who.addItem(tr("Anyone on the desk"), None)
    for u in ctx.call(assignable_users):
        who.addItem(u.display_name, u.id)
    who.setCurrentIndex(max(0, who.findData(ctx.user_id)))

    def submit() -> None:
        try:
            when = due.value()
        except ValueError:
            raise ValidationFailed([FieldError("due_at", "ui.not_datetime")]) from None
        ctx.call(
            add_followup, when, what.text(), client_id=client_id, assigned_to=who.currentData()
        )
        ctx.data_changed.emit("followups")

    return ActionDialog(
        tr("Schedule a follow-up"),
        [
            ("due_at", tr("&Due"), due),
            ("what", tr("&What"), what),
            ("assigned_to", tr("&For"), who),
        ],
        submit,
        parent,
    )
