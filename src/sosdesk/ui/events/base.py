"""What every event form has: labelled rows with an inline message under each field, the
payload it submits, and loading a payload back (to correct an event).
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from sosdesk.domain.validation import FieldError
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.field_errors import FieldErrors
from sosdesk.ui.widgets.field_message import FieldMessage


class EventForm(QWidget):
    """Base of the per-kind forms; subclasses add rows in `build()`."""

    kind: ClassVar[str] = ""

    def __init__(
        self, ctx: AppContext, client_status: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_status = client_status
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FieldErrors(FieldMessage(self))
        self._first: QWidget | None = None
        self.build()

    def build(self) -> None:
        """Create the rows (subclasses)."""

    def add_row(self, name: str, label: str, widget: QWidget, *, at: int | None = None) -> QWidget:
        """A labelled field with its inline error label underneath (at row `at`, or last)."""
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = FieldMessage(box)
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        if at is None:
            self.form.addRow(caption, box)
        else:
            self.form.insertRow(at, caption, box)
        self.errors.add(name, widget, error)
        if self._first is None and at is None:
            self._first = widget
        return widget

    def first_field(self) -> QWidget | None:
        return self._first

    def note_edit(self) -> QPlainTextEdit:
        """A short multi-line text field (Tab moves on, it does not insert a tab)."""
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(72)
        return edit

    def payload(self) -> dict[str, Any]:
        """What the form submits (validated by the service)."""
        raise NotImplementedError

    def load(self, payload: dict[str, Any]) -> None:
        """Fill the form from a payload (to correct an event)."""
        raise NotImplementedError

    def check(self) -> list[FieldError]:
        """Checks the service cannot make (it does not know the form); none by default."""
        return []

    def tidy(self, errors: list[FieldError]) -> list[FieldError]:
        """Drop messages that only follow from another one (subclasses)."""
        return errors

    def reload(self) -> None:
        """Refresh pick lists that come from the database (the directory)."""

    @staticmethod
    def text_of(edit: QPlainTextEdit) -> str | None:
        return edit.toPlainText().strip() or None
