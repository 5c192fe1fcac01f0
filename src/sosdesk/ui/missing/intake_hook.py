"""Ctrl+Shift+M in the intake form: open a missing-child case while the call goes on; when the
call is saved, the cases opened during it are tied to it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from sosdesk.services.missing_children import MissingCaseView, link_call
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import keep_while_open, return_focus
from sosdesk.ui.missing.open_dialog import open_case_dialog
from sosdesk.ui.widgets.shortcuts import shortcut

KEYS = "Ctrl+Shift+M"


class MissingChildHook(QObject):
    """Adds the shortcut to a form that emits `saved(CallView)`."""

    def __init__(self, ctx: AppContext, form: QWidget) -> None:
        super().__init__(form)
        self.ctx = ctx
        self.form = form
        self.pending: list[str] = []
        self.dialog: QDialog | None = None
        shortcut(KEYS, form, self.open_dialog)
        form.saved.connect(self._call_saved)  # type: ignore[attr-defined]

    def open_dialog(self) -> None:
        """Show the dialog (one at a time)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        before = QApplication.focusWidget()
        dialog = open_case_dialog(self.ctx, self._opened, self.form)
        keep_while_open(dialog, self)
        return_focus(dialog, before if before is not None else self.form)
        dialog.open()

    def _opened(self, view: MissingCaseView) -> None:
        self.pending.append(view.id)

    def _call_saved(self, call: object) -> None:
        call_id = getattr(call, "id", None)
        if call_id is None:
            return
        for case_id in self.pending:
            self.ctx.call(link_call, case_id, call_id)
        if self.pending:
            self.ctx.data_changed.emit("missing_cases")
        self.pending.clear()
