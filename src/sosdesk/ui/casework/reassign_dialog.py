"""Give a case to another professional; the open follow-ups of the client that the old case
manager held move with it (the service audits the change)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from sosdesk.domain.validation import FieldError
from sosdesk.services import casework as svc
from sosdesk.services.followups import assignable_users
from sosdesk.ui.casework.form_dialog import FormDialog
from sosdesk.ui.context import AppContext


class ReassignDialog(FormDialog):
    """Choose the new case manager."""

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Change the case manager"))
        self.case_id = case_id
        self.manager = QComboBox(self)
        self.manager.setAccessibleName(self.tr("New case manager"))
        self.manager.addItem("—", None)
        for user in ctx.call(assignable_users):
            self.manager.addItem(user.display_name, user.id)
        self.add_row("manager_id", self.tr("New case &manager"), self.manager)

    def check(self) -> list[FieldError]:
        if self.manager.currentData() is None:
            return [FieldError("manager_id", "field.required")]
        return []

    def submit(self) -> object:
        return self.ctx.call(svc.reassign_manager, self.case_id, self.manager.currentData())
