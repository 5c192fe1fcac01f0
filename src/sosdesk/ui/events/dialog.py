"""The dialog that adds an event of one kind to a client's timeline, or corrects one (a new
amendment event; the original never changes). Every problem is shown beside its field at once
and nothing is saved until all are fixed.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import to_desk, utcnow
from sosdesk.domain.events import validate_event
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import EVENT_KIND
from sosdesk.services.cases import cases_of
from sosdesk.services.clients import NotFound
from sosdesk.services.events import add_event, check_event_time, correct_event
from sosdesk.services.views import EventView
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.registry import FORM_OF
from sosdesk.ui.widgets.datetime_field import DateTimeField, format_date
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut


class EventDialog(QDialog):
    """Add (`original=None`) or correct an event; emits `saved` with the new event."""

    saved = Signal(object)  # EventView

    def __init__(
        self,
        ctx: AppContext,
        client_id: str,
        kind: str,
        *,
        client_status: str | None = None,
        original: EventView | None = None,
        current: dict[str, object] | None = None,
        current_time: datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.kind = kind
        self.original = original
        label = EVENT_KIND.label(kind, ctx.lang)
        if original is None:
            self.setWindowTitle(self.tr("Add: %1").replace("%1", label))
        else:
            self.setWindowTitle(self.tr("Correct: %1").replace("%1", label))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.general = FieldMessage(self)
        layout.addWidget(self.general)
        if original is not None:
            hint = QLabel(
                self.tr(
                    "The original entry of %1 stays on the timeline; the "
                    "correction is added and linked to it."
                ).replace("%1", format_date(to_desk(original.occurred_at).date())),
                self,
            )
            hint.setProperty("role", "muted")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.when = DateTimeField(self)
        self.when.setMaximumWidth(200)
        if kind != "court_hearing" or original is not None:
            self.when.set_value(current_time or utcnow())
        self._initial_when = self.when.text()
        self.form = FORM_OF[kind](ctx, client_status, self)
        self.form.errors.general = self.general
        self.form.add_row("occurred_at", self.tr("&When"), self.when, at=0)
        self.form.reload()
        if current is not None:
            self.form.load(dict(current))
        layout.addWidget(self.form)
        # A new entry belongs to one of the client's open cases (offered, the open one chosen).
        self.case = QComboBox(self)
        self.case.setAccessibleName(self.tr("Case"))
        self.case.addItem(self.tr("(no case)"), None)
        if original is None:
            for case in ctx.call(cases_of, client_id):
                if case.is_open:
                    opened = format_date(case.opened_at.astimezone().date())
                    self.case.addItem(self.tr("Case opened %1").replace("%1", opened), case.id)
            self.case.setCurrentIndex(self.case.count() - 1 if self.case.count() == 2 else 0)
            self.form.add_row("case_id", self.tr("Ca&se"), self.case)
        else:
            self.case.hide()
        self.reason = QLineEdit(self)
        if original is not None:
            self.form.add_row("amend_reason", self.tr("Reason for the &correction"), self.reason)
        else:
            self.reason.hide()
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
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(key, self, self.save, window=True)
        form_first = self.form.first_field()
        if form_first is not None:
            self.setTabOrder(self.when, form_first)
        # A hearing's date is typed first; other events happened "now" unless changed.
        first = form_first if kind != "court_hearing" or original else self.when
        self._focus_first = first or self.when
        self._focus_first.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._focus_first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _local_errors(self) -> tuple[datetime | None, list[FieldError]]:
        errors: list[FieldError] = []
        at: datetime | None = None
        try:
            at = self.when.value()
        except ValueError:
            errors.append(FieldError("occurred_at", "ui.not_datetime"))
        else:
            if at is None and self.kind == "court_hearing":
                errors.append(FieldError("occurred_at", "ui.hearing_needs_date"))
            else:
                errors.extend(check_event_time(self.kind, at))
        errors.extend(self.form.check())
        if self.original is not None and not self.reason.text().strip():
            errors.append(FieldError("amend_reason", "ui.amend_reason"))
        try:
            validate_event(self.kind, self.form.payload())
        except ValidationFailed as exc:
            errors.extend(exc.errors)
        return at, errors

    def save(self) -> None:
        """Validate everything, then save in one transaction (or show what to fix)."""
        at, errors = self._local_errors()
        if errors or at is None:
            self.form.errors.show(self.form.tidy(errors))
            return
        try:
            if self.original is None:
                view = self.ctx.call(
                    add_event,
                    self.client_id,
                    self.kind,
                    at,
                    self.form.payload(),
                    case_id=self.case.currentData(),
                )
            else:
                # Minutes are all the field shows: an untouched time is not a correction.
                moved = at if self.when.text() != self._initial_when else None
                view = self.ctx.call(
                    correct_event,
                    self.original.id,
                    self.form.payload(),
                    self.reason.text(),
                    occurred_at=moved,
                )
        except ValidationFailed as exc:
            self.form.errors.show(self.form.tidy(exc.errors))
            return
        except NotFound:
            self.form.errors.show([FieldError("client", "ui.client_gone")])
            return
        # Everyone refreshes first, then the opener shows the new entry where it landed.
        self.ctx.data_changed.emit("events")
        if self.kind == "status_change":
            self.ctx.data_changed.emit("clients")
        self.saved.emit(view)
        self.accept()
