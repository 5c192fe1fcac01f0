"""What the casework dialogs share: labelled rows with an inline message under each field (the
event forms' rows), Save on Ctrl+Enter, and a service's coded problems shown where they belong.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from sosdesk.domain.messages import CodedError
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.base import EventForm
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut


class Rows(EventForm):
    """The rows of a casework dialog (no event kind of its own: the dialog submits)."""

    def payload(self) -> dict[str, Any]:
        return {}

    def load(self, payload: dict[str, Any]) -> None:
        return None


class FormDialog(QDialog):
    """Base of the casework dialogs: subclasses add rows and implement `submit()`."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.result_value: object = None
        layout = QVBoxLayout(self)
        self.general = FieldMessage(self)
        layout.addWidget(self.general)
        self.rows = Rows(ctx, None, self)
        self.rows.errors.general = self.general
        layout.addWidget(self.rows)
        self.body = layout
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            with_key(self.tr("Save"), "Ctrl+Enter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setProperty("role", "primary")
        buttons.addButton(
            with_key(self.tr("Cancel"), "Esc"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(key, self, self.save, window=True)

    def add_row(self, name: str, label: str, widget: QWidget) -> QWidget:
        """A labelled field with its inline message."""
        return self.rows.add_row(name, label, widget)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        first = self.rows.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)  # where the work starts

    def submit(self) -> object:
        """Call the service (subclasses); raise a coded problem to keep the dialog open."""
        raise NotImplementedError

    def check(self) -> list[FieldError]:
        """Checks only the screen can make (what was typed); none by default."""
        return []

    def save(self) -> None:
        """Submit, then close; or show each problem beside its field and keep what was typed."""
        problems = self.check()
        if problems:
            self.rows.errors.show(problems)
            return
        try:
            self.result_value = self.submit()
        except ValidationFailed as exc:
            self.rows.errors.show(exc.errors)
            return
        except CodedError as exc:  # not allowed, gone meanwhile: said above the form
            self.rows.errors.show([FieldError("", exc.code, **exc.params)])
            return
        self.rows.errors.clear()
        self.saved()

    def saved(self) -> None:
        """After a successful submit: close (a dialog that edits several things stays open)."""
        self.accept()
