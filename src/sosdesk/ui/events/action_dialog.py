"""A small form dialog for one action (close a case, add a goal, schedule a follow-up …):
labelled fields with inline messages; `submit` runs the service and may refuse with
ValidationFailed, in which case the dialog stays open and nothing was saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.clients import NotFound
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_errors import FieldErrors
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut


class ActionDialog(QDialog):
    """Rows of (field name, label, widget); `submit()` does the work."""

    def __init__(
        self,
        title: str,
        rows: list[tuple[str, str, QWidget]],
        submit: Callable[[], object],
        parent: QWidget | None = None,
        *,
        intro: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            label.setProperty("role", "muted")
            layout.addWidget(label)
        self.general = FieldMessage(self)
        layout.addWidget(self.general)
        self.errors = FieldErrors(self.general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, text, widget in rows:
            widget.setParent(self)
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            error = FieldMessage(holder)
            column.addWidget(error)
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            form.addRow(caption, holder)
            self.errors.add(name, widget, error)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(
            with_key(self.tr("Save"), "Ctrl+Enter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        ok.setProperty("role", "primary")
        buttons.addButton(
            with_key(self.tr("Cancel"), "Esc"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(key, self, self.submit, window=True)
        self._first = rows[0][2] if rows else ok

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._first.setFocus(Qt.FocusReason.OtherFocusReason)

    def fail(self, errors: list[FieldError]) -> None:
        """Show problems found before calling the service."""
        self.errors.show(errors)

    def submit(self) -> None:
        try:
            self._submit()
        except ValidationFailed as exc:
            self.errors.show(exc.errors)
            return
        except NotFound:
            self.errors.show([FieldError("record", "ui.record_gone")])
            return
        self.accept()


def keep_while_open(dialog: QDialog, holder: object, attribute: str = "dialog") -> None:
    """Hold the dialog in `holder.<attribute>` while it is open; delete it once closed."""
    setattr(holder, attribute, dialog)

    def closed(_result: int) -> None:
        if getattr(holder, attribute, None) is dialog:
            setattr(holder, attribute, None)
        dialog.deleteLater()

    dialog.finished.connect(closed)


def return_focus(dialog: QDialog, target: QWidget) -> None:
    """When the dialog closes, give the keyboard back to `target` (its window activated)."""

    def back() -> None:
        if target.isVisible():
            target.window().activateWindow()
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    dialog.finished.connect(lambda _r: QTimer.singleShot(0, target, back))
