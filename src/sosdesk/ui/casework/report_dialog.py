"""The Centre's intake of a report for identification: who reported (kind of institution, the
organisation from the directory, the person), when, and on what grounds. The decision then falls
due within days, as a follow-up for the case manager."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from sosdesk.domain.casework_vocab import REPORT_SOURCE
from sosdesk.domain.clock import utcnow
from sosdesk.domain.validation import FieldError
from sosdesk.services import casework as svc
from sosdesk.ui.casework.form_dialog import FormDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.datetime_field import BadDateTime, DateTimeField
from sosdesk.ui.widgets.directory_picker import DirectoryPicker
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class ReportDialog(FormDialog):
    """Record a report received for one client's case."""

    def __init__(
        self, ctx: AppContext, client_id: str, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, "", parent)
        self.setWindowTitle(self.tr("Report for identification"))
        self.client_id, self.case_id = client_id, case_id
        self.source = VocabCombo(REPORT_SOURCE, ctx.lang, empty="—", parent=self)
        self.source.setAccessibleName(self.tr("Reported by (kind of institution)"))
        self.entry = DirectoryPicker(ctx, parent=self)
        self.entry.setAccessibleName(self.tr("Organisation"))
        self.reporter = QLineEdit(self)
        self.reporter.setAccessibleName(self.tr("Person who reported"))
        self.grounds = self.rows.note_edit()
        self.grounds.setAccessibleName(self.tr("Grounds"))
        self.received = DateTimeField(self)
        self.received.setAccessibleName(self.tr("Received"))
        self.received.set_value(utcnow())
        self.add_row("source_kind", self.tr("Reported &by"), self.source)
        self.add_row("entry_name", self.tr("&Organisation"), self.entry)
        self.add_row("reporter", self.tr("&Person"), self.reporter)
        self.add_row("grounds", self.tr("&Grounds"), self.grounds)
        self.add_row("occurred_at", self.tr("&Received"), self.received)
        self.entry.reload()

    def check(self) -> list[FieldError]:
        try:
            self.received.value()
        except BadDateTime:
            return [FieldError("occurred_at", "ui.not_datetime")]
        return []

    def submit(self) -> object:
        return self.ctx.call(
            svc.record_report,
            self.client_id,
            source_kind=self.source.code() or "",
            grounds=self.grounds.toPlainText(),
            received_at=self.received.value(),
            entry_id=self.entry.entry_id(),
            entry_name=self.entry.name(),
            reporter=self.reporter.text(),
            case_id=self.case_id,
        )
