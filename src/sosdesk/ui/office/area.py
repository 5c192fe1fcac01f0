"""The Office area (Ctrl+8): the coordinator's tools without a terminal.

The print register (number, kind, client code, who, when, hash) with "verify a PDF" by file
picker (Alt+I) or by dropping the file on the area; an encrypted backup (Alt+B), the
database check (Alt+C) and the organisation header editor (Alt+Z); the long ones in a worker with a progress bar and a plain explanation of the
result. The services do the same checks and write the same audit entries as the commands.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.domain.vocab import DOCUMENT_KIND
from sosdesk.services.office_tools import (
    BackupDone,
    CheckResult,
    RegisterRow,
    check_database,
    issued_register,
    make_backup,
    prepare_restore,
    verify_document,
)
from sosdesk.services.print_register import Verification
from sosdesk.sync.overview import DeskOverview, desks_overview
from sosdesk.sync.set_aside_decision import SetAsidePlan
from sosdesk.ui.context import AppContext
from sosdesk.ui.i18n import current_lang
from sosdesk.ui.office.set_aside import SetAsideAction, done_text
from sosdesk.ui.sync.chooser import Chooser
from sosdesk.ui.sync.jobs import Job
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.permission import guard, may
from sosdesk.ui.widgets.problem_text import error_text, failure_text
from sosdesk.ui.widgets.shortcuts import shortcut

if TYPE_CHECKING:
    from sosdesk.ui.office.org_dialog import OrgDialog

PDFS = "PDF (*.pdf)"
BACKUPS = "SOS Desk backup (*.sosbackup *.bak *.db);;* (*)"
COLUMNS = ("Number", "Document", "Client", "Issued by", "Issued", "SHA-256")
DESK_COLUMNS = ("Desk", "Last batch", "Applied", "Waiting", "Refused", "Conflicts")


def verification_text(v: Verification, desk: str) -> tuple[str, bool]:
    """(the sentence in the user's language, whether it is bad news)."""
    lang = current_lang()
    kind = DOCUMENT_KIND.label(v.kind, lang) if v.kind else "?"
    params = {
        "kind": kind,
        "number": v.number or "?",
        "when": format_local(v.issued_at) or "?",
        "who": v.issued_by or "?",
    }
    if v.status == "issued":
        here = v.in_audit_chain and (v.number or "").startswith(f"{desk}-")
        code = "office.doc_issued" if here else "office.doc_issued_elsewhere"
        return error_text(CodedError(code, **params)), False
    if v.status == "modified":
        return error_text(CodedError("office.doc_modified", **params)), True
    return error_text(CodedError("office.doc_unknown")), True


class OfficeArea(QWidget):
    """Print register, document verification, backup and the database check."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("office_area")
        self.ctx = ctx
        self.chooser = Chooser()
        self.rows: list[RegisterRow] = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        self.register_title = QLabel(self)
        self.register_title.setProperty("role", "subheading")
        layout.addWidget(self.register_title)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("print_register")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.desks_title = QLabel(self)
        self.desks_title.setProperty("role", "subheading")
        layout.addWidget(self.desks_title)
        self.desks = QTableWidget(0, len(DESK_COLUMNS), self)
        self.desks.setObjectName("desks_overview")
        self.desks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.desks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.desks.verticalHeader().hide()
        self.desks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.desks.setMaximumHeight(180)
        layout.addWidget(self.desks)
        self.desk_rows: list[DeskOverview] = []
        # A refused batch that completion cannot fix: the coordinator's decision (Alt+E).
        self.set_aside_button = QPushButton(self)
        self.set_aside_button.setObjectName("set_aside_button")
        self.set_aside = SetAsideAction(self, self)
        layout.addWidget(self.set_aside_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.drop_hint = QLabel(self)
        self.drop_hint.setProperty("role", "muted")
        self.drop_hint.setWordWrap(True)
        layout.addWidget(self.drop_hint)
        self.database_title = QLabel(self)
        self.database_title.setProperty("role", "subheading")
        layout.addWidget(self.database_title)
        self.database_text = QLabel(self)
        self.database_text.setWordWrap(True)
        layout.addWidget(self.database_text)
        buttons = QHBoxLayout()
        self.verify_button = QPushButton(self)
        self.verify_button.setProperty("role", "primary")
        self.backup_button = QPushButton(self)
        self.check_button = QPushButton(self)
        self.org_button = QPushButton(self)
        self.restore_button = QPushButton(self)
        self.org_dialog: OrgDialog | None = None  # its letterhead preview loads PDF code
        # How the desk is locked before a restore, and how its outcome is told (tests replace
        # both: there is no main window around the area there).
        self.lock_desk: Callable[[], None] = self._lock_window
        self.tell: Callable[[str, str], None] = self._tell
        for b in (self.verify_button, self.backup_button, self.check_button, self.org_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.notice = QLabel(self)
        self.notice.setObjectName("office_notice")
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.notice)
        self.error = FieldMessage(self)
        self.error.setObjectName("office_error")
        layout.addWidget(self.error)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        self.job = Job(self.progress, self)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self._kind = ""
        for key, button, slot in (
            ("Alt+I", self.verify_button, self.verify_pdf),
            ("Alt+B", self.backup_button, self.backup),
            ("Alt+C", self.check_button, self.check),
            ("Alt+Z", self.org_button, self.edit_organisation),
            ("Alt+R", self.restore_button, self.restore),
            ("Alt+E", self.set_aside_button, self.set_aside.run),
        ):
            button.clicked.connect(lambda _checked=False, run=slot: run())  # not `checked`
            shortcut(key, self, slot)
        shortcut("F5", self, self.reload)
        self.setTabOrder(self.table, self.desks)
        self.setTabOrder(self.desks, self.set_aside_button)
        self.setTabOrder(self.set_aside_button, self.verify_button)
        self.setTabOrder(self.verify_button, self.backup_button)
        self.setTabOrder(self.backup_button, self.check_button)
        self.setTabOrder(self.check_button, self.org_button)
        self.setTabOrder(self.org_button, self.restore_button)
        self.setFocusProxy(self.table)
        self.retranslate()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        if not ctx.is_locked:
            self.reload()

    # -- the Area protocol -----------------------------------------------------------------

    def title(self) -> str:
        """The tab's name."""
        return self.tr("Office")

    def clear(self) -> None:
        """Drop the register (client codes) from the screen (lock)."""
        self.rows = []
        self.desk_rows = []
        self.table.setRowCount(0)
        self.desks.setRowCount(0)
        self._say("")

    def reload(self) -> None:
        """Read the print register again (coordinators only)."""
        if self.ctx.is_locked:
            return
        for b, permission in zip(self._tools(), self._PERMISSIONS, strict=True):
            # Disabled with the reason in the tooltip when the role may not; also while busy.
            if guard(self.ctx, permission, b) and self.job.running:
                b.setEnabled(False)
        allowed = may(self.ctx, roles.SEE_PRINT_REGISTER)
        office = self.ctx.is_office
        self.desks_title.setVisible(office)
        self.desks.setVisible(office)
        self.set_aside_button.setVisible(office)
        if not allowed:
            self.rows, self.desk_rows = [], []
            self._say(error_text(CodedError("office.coordinator_only")), error=True)
        else:
            self.rows = self.ctx.call(issued_register)
            self.desk_rows = self.ctx.call(desks_overview) if office else []
        self._show_rows()

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Office"))
        self.register_title.setText(self.tr("Print register: every document issued here"))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Print register"))
        self.desks_title.setText(self.tr("Desks: what has arrived from each"))
        self.desks.setHorizontalHeaderLabels([self.tr(c) for c in DESK_COLUMNS])
        self.desks.setAccessibleName(self.tr("Desks"))
        self.drop_hint.setText(
            self.tr(
                "To check whether a PDF is authentic, drop it here or choose it with "
                "“Verify a PDF…”."
            )
        )
        self.database_title.setText(self.tr("Database"))
        self.database_text.setText(
            self.tr(
                "A backup is an encrypted copy that opens only with this database's key file. "
                "The check reads every page and the audit chain; it changes nothing."
            )
        )
        self.verify_button.setText(with_key(self.tr("Verify a PDF…"), "Alt+I"))
        self.backup_button.setText(with_key(self.tr("Back up…"), "Alt+B"))
        self.check_button.setText(with_key(self.tr("Check the database"), "Alt+C"))
        self.org_button.setText(with_key(self.tr("Organisation header…"), "Alt+Z"))
        self.restore_button.setText(with_key(self.tr("Restore a backup…"), "Alt+R"))
        self.set_aside_button.setText(with_key(self.tr("Decide on a refused batch…"), "Alt+E"))
        for b, name in (
            (self.verify_button, self.tr("Verify a PDF")),
            (self.backup_button, self.tr("Back up the database")),
            (self.check_button, self.tr("Check the database")),
            (self.org_button, self.tr("Organisation header")),
            (self.restore_button, self.tr("Restore a backup")),
            (self.set_aside_button, self.tr("Decide on the selected desk's refused batch")),
        ):
            b.setAccessibleName(name)
        self.hint.setText(
            keys_hint(
                [
                    ("Alt+I", self.tr("verify a PDF")),
                    ("Alt+B", self.tr("back up")),
                    ("Alt+C", self.tr("check")),
                    ("Alt+Z", self.tr("header")),
                    ("Alt+R", self.tr("restore")),
                    ("Alt+E", self.tr("decide on a refused batch")),
                    ("F5", self.tr("refresh")),
                ]
            )
        )
        self._show_rows()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_rows(self) -> None:
        lang = current_lang()
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            cells = (
                r.number,
                DOCUMENT_KIND.label(r.kind, lang) if r.kind else "",
                r.client_code,
                r.issued_by,
                format_local(r.issued_at),
                r.sha256[:16] + "…",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5:
                    item.setToolTip(r.sha256)
                self.table.setItem(row, col, item)

        self.desks.setRowCount(len(self.desk_rows))
        for row, d in enumerate(self.desk_rows):
            code = d.code + (" " + self.tr("(revoked)") if d.revoked else "")
            cells = (
                code,
                str(d.last_seq) if d.last_seq is not None else self.tr("none yet"),
                format_local(d.last_at),
                str(d.waiting),
                str(d.refused),
                str(d.conflicts),
            )
            for col, text in enumerate(cells):
                self.desks.setItem(row, col, QTableWidgetItem(text))

    def _say(self, text: str, error: bool = False) -> None:
        self.notice.setText("" if error else text)
        self.error.say(text if error else "")

    # -- the tools ---------------------------------------------------------------------------

    def _start(self, kind: str, fn: Any) -> None:
        self._kind = kind
        self._say("")
        for b in self._tools():
            b.setEnabled(False)
        call = self.ctx.caller()
        self.job.start(self.ctx, lambda _progress: fn(call))

    def verify_pdf(self, path: Path | None = None) -> None:
        """Say whether a PDF was issued here, changed after issue, or is unknown (Alt+I)."""
        if self.job.running or self.ctx.is_locked or not self.verify_button.isEnabled():
            return
        if path is None:
            files = self.chooser.files(self, self.tr("The PDF to verify"), PDFS)
            if not files:
                return
            path = files[0]
        chosen = path
        self._start("verify", lambda call: call(verify_document, chosen))

    def backup(self) -> None:
        """Write a verified encrypted copy into a chosen folder (Alt+B)."""
        if self.job.running or self.ctx.is_locked or not self.backup_button.isEnabled():
            return
        folder = self.chooser.folder(self, self.tr("Where to write the backup"))
        if folder is None:
            return
        self._start("backup", lambda call: call(make_backup, folder))

    def check(self) -> None:
        """Check the pages, their encryption and the audit chain (Alt+C)."""
        if self.job.running or self.ctx.is_locked or not self.check_button.isEnabled():
            return
        self._start("check", lambda call: call(check_database))

    def edit_organisation(self) -> None:
        """The organisation header editor with its live preview (Alt+Z)."""
        if self.job.running or self.ctx.is_locked or not self.org_button.isEnabled():
            return
        from sosdesk.ui.office.org_dialog import OrgDialog

        self.org_dialog = OrgDialog(self.ctx, self)
        self.org_dialog.finished.connect(self._org_closed)
        self.org_dialog.open()

    def _org_closed(self, _result: int) -> None:
        if self.org_dialog is not None and self.org_dialog.saved is not None:
            self._say(self.tr("The organisation header was saved; new documents show it."))
        self.org_dialog = None

    # What each of `_tools()` needs, in the same order.
    _PERMISSIONS = (
        roles.VERIFY_DOCUMENT,
        roles.BACKUP_RESTORE,
        roles.CHECK_DATABASE,
        roles.EDIT_ORGANISATION,
        roles.BACKUP_RESTORE,
        roles.IMPORT_OFFICE,  # the decision on a refused batch (sync/set_aside_decision.py)
    )

    def _tools(self) -> tuple[QPushButton, ...]:
        return (
            self.verify_button,
            self.backup_button,
            self.check_button,
            self.org_button,
            self.restore_button,
            self.set_aside_button,
        )

    def restore(self) -> None:
        """Replace the database with a checked backup of this desk (Alt+R): the backup is
        checked first, the user confirms, the desk locks, and the old files come back if the
        restored copy does not open."""
        if self.job.running or self.ctx.is_locked or not self.restore_button.isEnabled():
            return
        files = self.chooser.files(self, self.tr("The backup to restore"), BACKUPS)
        if not files:
            return
        try:
            run = self.ctx.call(prepare_restore, files[0])
        except CodedError as exc:
            self._say(error_text(exc), error=True)
            return
        question = error_text(CodedError("office.restore_confirm", name=files[0].name))
        if not self.chooser.confirm(self, self.tr("Restore a backup"), question):
            self._say(self.tr("Nothing was restored."))
            return
        self.lock_desk()
        if not self.ctx.is_locked:  # the desk did not lock: nothing may be replaced under it
            self._say(error_text(CodedError("office.restore_not_locked")), error=True)
            return
        try:
            run()
        except CodedError as exc:
            self.tell(self.tr("Restore a backup"), error_text(exc))
            return
        self.tell(
            self.tr("Restore a backup"),
            error_text(CodedError("office.restore_done", name=files[0].name)),
        )

    def _lock_window(self) -> None:
        lock = getattr(self.window(), "lock", None)
        if callable(lock):
            lock("restore")

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.information(self.window(), title, text)

    def _done(self, result: Any) -> None:
        if isinstance(result, Verification):
            text, bad = verification_text(result, self.ctx.desk_code)
            self._say(text, error=bad)
        elif isinstance(result, BackupDone):
            size = f"{result.size / 1_000_000:.1f}"
            self._say(
                error_text(CodedError("office.backup_done", file=str(result.path), size=size))
            )
        elif isinstance(result, CheckResult):
            if result.sound:
                self._say(error_text(CodedError("office.check_sound", entries=result.entries)))
            else:
                problem = CodedError(
                    "office.check_unsound", pages=result.page_problems, chain=result.chain_problems
                )
                self._say(error_text(problem), error=True)
        elif isinstance(result, SetAsidePlan):
            self._say(done_text(result))
        self.reload()

    def _failed(self, exc: Any) -> None:
        self._say(failure_text(exc), error=True)
        self.reload()

    # -- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_pdf(event) is not None and self.verify_button.isEnabled():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_pdf(event)
        if path is not None:
            event.acceptProposedAction()
            self.verify_pdf(path)

    @staticmethod
    def _dropped_pdf(event: QDragEnterEvent | QDropEvent) -> Path | None:
        urls = event.mimeData().urls()
        local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 else None
