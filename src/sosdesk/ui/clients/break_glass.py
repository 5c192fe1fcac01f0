"""Break the glass: the dialog that opens a client's full file in a crisis after a reason.

The service records the opening as an emergency access (with the reason) and the coordinator
reviews it; the file stays open until the desk locks.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from sosdesk.services.emergency import MIN_REASON, break_glass
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog


def _t(text: str) -> str:
    return QCoreApplication.translate("BreakGlass", text)


def break_glass_dialog(
    ctx: AppContext, client_id: str, why_closed: str, parent: QWidget | None = None
) -> ActionDialog:
    """Ask for the reason; accepted only once the service has recorded the emergency access."""
    reason = QLineEdit()
    reason.setObjectName("emergency_reason")
    reason.setMaxLength(500)
    dialog = ActionDialog(
        _t("Emergency access"),
        [("reason", _t("&Reason"), reason)],
        lambda: ctx.call(break_glass, client_id, reason.text()),
        parent,
        intro=why_closed
        + "\n\n"
        + _t(
            "In a crisis you may open the full file: type why (at least {0} characters). "
            "The opening is recorded as an emergency access, the coordinator reviews it, "
            "and the file closes when the desk locks.",
        ).format(MIN_REASON),
    )
    dialog.setObjectName("break_glass_dialog")
    reason.setAccessibleName(_t("Reason for the emergency access"))
    return dialog


def banner_text() -> str:
    """The banner over a file opened by breaking the glass."""
    return _t(
        "Emergency access: you opened this file by breaking the glass. It is recorded, the "
        "coordinator reviews it, and it closes when the desk locks."
    )
