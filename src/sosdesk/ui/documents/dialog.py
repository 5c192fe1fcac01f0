"""Court-support documents for one client: choose, preview (in memory), save or print.

The PDF is rendered off the GUI thread and previewed from memory; nothing reaches the disk
until the user saves it. Saving or printing records the document in the print register.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sosdesk.documents.output import suggested_name, write_private
from sosdesk.documents.produce import BuiltDocument, build, check_password, issue_with_retry
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.clients import NotFound
from sosdesk.services.documents_choices import hearings, referral_targets, timeline_span
from sosdesk.services.documents_data import DocumentRequest, NothingToPrint
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.context import AppContext
from sosdesk.ui.documents.options import OptionsPanel
from sosdesk.ui.documents.printing import load_pdf, print_pdf
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.workers import LatestOnly

PREVIEW_DELAY_MS = 350


class DocumentsDialog(QDialog):
    """Choose a document for a client, see it, then save it as a PDF or print it."""

    def __init__(self, ctx: AppContext, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.built: BuiltDocument | None = None
        self._request: DocumentRequest | None = None
        self._doc: QPdfDocument | None = None
        self._buffer: QBuffer | None = None
        # The window title never names the client.
        self.setWindowTitle(self.tr("Court-support documents"))
        self.resize(1180, 800)

        self.options = OptionsPanel(ctx.lang, self)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_button = QPushButton(self.tr("Pre&view (F5)"))
        self.save_button = QPushButton(self.tr("&Save as… (Ctrl+S)"))
        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"))
        self.close_button = QPushButton(self.tr("Close (Esc)"))
        self.view = QPdfView(self)
        self._empty = QPdfDocument(self)  # shown while there is no preview
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        left = QWidget()
        left.setMaximumWidth(460)
        column = QVBoxLayout(left)
        column.addWidget(self.options)
        column.addWidget(self.status)
        column.addStretch(1)
        buttons = QGridLayout()
        buttons.addWidget(self.preview_button, 0, 0)
        buttons.addWidget(self.save_button, 0, 1)
        buttons.addWidget(self.print_button, 1, 0)
        buttons.addWidget(self.close_button, 1, 1)
        column.addLayout(buttons)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 800])
        QVBoxLayout(self).addWidget(splitter)

        self._actions()
        self._worker = LatestOnly(ctx.pool, self)
        self._worker.answered.connect(self._show)
        self._worker.failed.connect(self._failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.options.changed.connect(self._schedule)
        ctx.locked.connect(self._on_lock)

        self.options.set_span(ctx.call(timeline_span, client_id))
        self.options.set_hearings(ctx.call(hearings, client_id))
        self.options.set_entries(ctx.call(referral_targets, client_id))
        self._set_ready(False)
        self.refresh()

    def _actions(self) -> None:
        for keys, slot in (
            (QKeySequence("F5"), self.refresh),
            (QKeySequence.StandardKey.Save, self.save_as),
            (QKeySequence.StandardKey.Print, self.print_document),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            self.addAction(action)
        self.preview_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_document)
        self.close_button.clicked.connect(self.reject)

    # -- rendering -----------------------------------------------------------------------------

    def _schedule(self) -> None:
        self._set_ready(False)
        self._timer.start()

    def refresh(self) -> None:
        """Render the chosen document in the background; the preview follows."""
        self._timer.stop()
        if self.ctx.is_locked:
            return
        request = self.options.request(self.client_id)
        password = self.options.password_text()
        try:
            request.check()
            check_password(password)
        except ValidationFailed as exc:
            self._problem(self._explain(exc, request))
            return
        self._request = request
        self._set_ready(False)
        self.status.setText(self.tr("Preparing the document…"))
        call = self.ctx.caller()
        self._worker.submit(lambda: call(build, request, password=password))

    def _show(self, built: BuiltDocument) -> None:
        self._load(built)
        pages = self.tr("%n page(s)", "", built.pages)
        # An encrypted file cannot be PDF/A: say so, archives and courts ask for PDF/A.
        locked = (
            self.tr(", password-protected, so not PDF/A: for an archive make it without a password")
            if built.encrypted
            else self.tr(", PDF/A")
        )
        self.status.setText(
            self.tr(
                "{0}, number {1} ({2}{3}). Nothing is saved until you save or print it."
            ).format(built.title, built.number, pages, locked)
        )
        self._set_ready(True)

    def _load(self, built: BuiltDocument) -> None:
        self._unload()
        self.built = built
        self._doc, self._buffer = load_pdf(built.pdf, built.password)
        self._doc.setParent(self)
        self.view.setDocument(self._doc)

    def _unload(self) -> None:
        self.view.setDocument(self._empty)
        if self._doc is not None:
            self._doc.close()
            self._doc.deleteLater()
        if self._buffer is not None:
            self._buffer.close()
        self._doc = self._buffer = None
        self.built = None

    def _failed(self, exc: object) -> None:
        text = self._explain(exc, self._request)
        self._problem(text)
        if isinstance(exc, NotAllowed):  # the role may not print this kind: say why on hover
            self.print_button.setToolTip(text)
            self.save_button.setToolTip(text)

    def _problem(self, text: str) -> None:
        self._unload()
        self._set_ready(False)
        self.status.setText(text)

    def _explain(self, exc: object, request: DocumentRequest | None) -> str:
        """A message in the user's language; raw exception text may hold client data."""
        kind = request.kind if request else ""
        if isinstance(exc, NotAllowed):
            return error_text(exc)
        if isinstance(exc, NothingToPrint):
            return {
                "chronology": self.tr(
                    "Nothing to print: no entries of the chosen kinds in this "
                    "period. Widen the period or choose more kinds."
                ),
                "certificate": self.tr("Nothing to print: no support is recorded in this period."),
                "accompaniment": self.tr(
                    "Nothing to print: there is no court hearing on this client's timeline."
                ),
                "costs": self.tr(
                    "Nothing to print: no assistance costs are recorded in this period."
                ),
                "referral": self.tr(
                    "Nothing to print: record the referral (with the client's "
                    "consent) on the timeline first."
                ),
            }.get(kind, self.tr("Nothing to print."))
        if isinstance(exc, ValidationFailed):
            fields = {e.field for e in exc.errors}
            if "password" in fields:
                return self.tr("A PDF password needs at least 8 characters.")
            if "to" in fields:
                return self.tr("The end of the period is before its start.")
            if "kinds" in fields:
                return self.tr("Choose at least one kind of entry.")
        if isinstance(exc, NotFound):
            return self.tr("The chosen hearing or addressee no longer exists.")
        return self.tr(
            "The document could not be made. Try again; if it keeps failing, tell the coordinator."
        )

    def _set_ready(self, ready: bool) -> None:
        if ready:
            self.print_button.setToolTip("")
            self.save_button.setToolTip("")
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # -- output --------------------------------------------------------------------------------

    def save_as(self) -> None:
        """Ask where to save, write the PDF there and record it in the print register."""
        if self.built is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save document"),
            suggested_name(self.built.number),
            self.tr("PDF documents (*.pdf)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self._deliver(
            "file",
            lambda b: write_private(target, b.pdf),
            lambda b: self.tr("Saved document {0} as {1}.").format(b.number, target.name),
        )

    def print_document(self) -> None:
        """Choose a printer and print; the print is recorded in the print register."""
        if self.built is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print document"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print the current document on `printer` and record it."""
        self._deliver(
            "print",
            lambda b: self._print_pages(b, printer),
            lambda b: self.tr("Document {0} sent to the printer.").format(b.number),
        )

    @staticmethod
    def _print_pages(built: BuiltDocument, printer: QPrinter) -> None:
        print_pdf(built.pdf, built.password, printer)

    def _deliver(
        self,
        output: str,
        deliver: Callable[[BuiltDocument], None],
        message: Callable[[BuiltDocument], str],
    ) -> None:
        if self.built is None:
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            done = self.ctx.call(issue_with_retry, self.built, output, deliver)
        except OSError as exc:
            self.status.setText(
                self.tr(
                    "Could not finish: {0}. The attempt is noted in the print register."
                ).format(exc.strerror or exc)
            )
            return
        finally:
            self.unsetCursor()
        if done is not self.built:  # the number went to another document meanwhile
            self._load(done)
        self.status.setText(message(done))
        self.ctx.data_changed.emit("events")

    # -- lock ----------------------------------------------------------------------------------

    def _on_lock(self) -> None:
        self._worker.cancel()
        self._unload()
        self.options.password.clear()
        self.reject()

    def done(self, result: int) -> None:
        self._timer.stop()
        self._worker.cancel()
        self._unload()
        with contextlib.suppress(RuntimeError, TypeError):
            self.ctx.locked.disconnect(self._on_lock)
        super().done(result)

    def page_count(self) -> int:
        """Pages in the preview (0 while none is shown)."""
        return self._doc.pageCount() if self._doc is not None else 0


_open: set[DocumentsDialog] = set()  # parentless dialogs must outlive this call


def open_document_dialog(ctx: AppContext, client_id: str, parent: QWidget | None) -> None:
    """Open the documents dialog for a client (window-modal; it frees itself when closed)."""
    dialog = DocumentsDialog(ctx, client_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open.add(dialog)
    dialog.finished.connect(lambda _result: _open.discard(dialog))
    dialog.open()
