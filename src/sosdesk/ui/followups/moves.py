"""The dialogs that move a follow-up: a new due time or another person (F2), and done with an
outcome (Ctrl+D). The follow-up's past moves are shown above the fields, newest last."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QLayout, QLineEdit, QWidget

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services import followups as svc
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.widgets.datetime_field import DateTimeField, format_local
from sosdesk.ui.widgets.display import tr

SHOWN_MOVES = 6  # the last few are what the next operator needs; the rest stay in the record


def _when(iso: str | None) -> str:
    return format_local(datetime.fromisoformat(iso)) if iso else ""


def history_text(moves: list[svc.FollowUpChange]) -> str:
    """The last moves of a follow-up as short lines (empty when it never moved)."""
    lines = []
    for m in moves[-SHOWN_MOVES:]:
        at = format_local(m.at)
        if m.kind == "rescheduled":
            what = tr("moved from {0} to {1}").format(_when(m.before), _when(m.after))
        elif m.kind == "reassigned":
            what = tr("given to {0}").format(m.after or tr("anyone on the desk"))
        elif m.kind == "done":
            what = tr("done: {0}").format(m.after) if m.after else tr("done")
        else:
            what = tr("done undone")
        lines.append(f"{at}  {m.by}: {what}")
    return "\n".join(lines)


def move_dialog(
    ctx: AppContext, f: svc.FollowUpView, parent: QWidget | None = None
) -> ActionDialog:
    """Reschedule and/or reassign one follow-up; only what changed is written."""
    due = DateTimeField()
    due.setMaximumWidth(200)
    due.set_value(f.due_at)
    due.setAccessibleName(tr("New due time"))
    who = QComboBox()
    who.setAccessibleName(tr("Assigned to"))
    who.addItem(tr("Anyone on the desk"), None)
    for u in ctx.call(svc.assignable_users):
        who.addItem(u.display_name, u.id)
    who.setCurrentIndex(max(0, who.findData(f.assigned_to)))

    def submit() -> None:
        try:
            when = due.value()
        except ValueError:
            raise ValidationFailed([FieldError("due_at", "ui.not_datetime")]) from None
        if when != f.due_at:
            ctx.call(svc.reschedule, f.id, when)
        if who.currentData() != f.assigned_to:
            ctx.call(svc.reassign, f.id, who.currentData())
        ctx.data_changed.emit("followups")

    moves = history_text(ctx.call(svc.history, f.id))
    intro = f.what + ("\n\n" + tr("Moves so far:") + "\n" + moves if moves else "")
    dialog = ActionDialog(
        tr("Move a follow-up"),
        [("due_at", tr("&Due"), due), ("assigned_to", tr("&For"), who)],
        submit,
        parent,
        intro=intro,
    )
    _fit(dialog)
    return dialog


def done_dialog(
    ctx: AppContext, f: svc.FollowUpView, parent: QWidget | None = None
) -> ActionDialog:
    """Mark one follow-up done with what came of it."""
    outcome = QLineEdit()
    outcome.setAccessibleName(tr("Outcome"))
    outcome.setPlaceholderText(tr("e.g. She answered; she is safe, next call on Monday"))

    def submit() -> None:
        ctx.call(svc.mark_done, f.id, outcome.text())
        ctx.data_changed.emit("followups")

    dialog = ActionDialog(
        tr("Follow-up done"),
        [("outcome", tr("&Outcome"), outcome)],
        submit,
        parent,
        intro=f.what,
    )
    _fit(dialog)
    return dialog


def _fit(dialog: ActionDialog) -> None:
    # A wrapped intro of several lines was cut off: the dialog grows to what its rows need.
    layout = dialog.layout()
    if layout is not None:
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
