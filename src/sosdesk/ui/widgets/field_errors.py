"""Field rows and their messages: a service's errors shown beside the field they are about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sosdesk.domain.validation import FieldError
from sosdesk.ui.theme import repolish
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text


class FieldErrors:
    """Maps field names to their inline labels; shows a service's errors where they belong."""

    def __init__(self, general: FieldMessage) -> None:
        self.general = general
        self._fields: dict[str, tuple[QWidget, FieldMessage]] = {}

    def add(self, name: str, widget: QWidget, label: FieldMessage) -> None:
        self._fields[name] = (widget, label)

    def clear(self) -> None:
        self.general.say("")
        for widget, label in self._fields.values():
            label.say("")
            widget.setProperty("invalid", False)
            repolish(widget)

    def show(self, errors: list[FieldError]) -> None:
        """Show each message beside its field (others above the form); focus the first field."""
        self.clear()
        general: list[str] = []
        first: QWidget | None = None
        shown: dict[str, list[str]] = {}
        for e in errors:
            text = error_text(e)
            if e.field in self._fields:
                shown.setdefault(e.field, []).append(text)
            else:
                general.append(text)
        for name, texts in shown.items():
            widget, label = self._fields[name]
            label.say("; ".join(texts))
            widget.setProperty("invalid", True)
            repolish(widget)
            first = first or widget
        self.general.say("\n".join(general))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
