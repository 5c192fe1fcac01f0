"""A desk's side of sync: its identity, the office it trusts, what has not reached the office,
export (with a progress bar), receipts, and batches from the office."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.messages import CodedError
from sosdesk.sync.errors import SyncError
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from sosdesk.sync.peers import trust_office
from sosdesk.sync.receipts import import_receipt
from sosdesk.sync.status import desk_status
from sosdesk.sync.views import DeskStatus, ExportResult, ImportOutcome
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.chooser import Chooser, pick_identity, save_own_identity
from sosdesk.ui.sync.panel_base import SyncPanelBase
from sosdesk.ui.sync.summary import import_summary
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.problem_text import error_text, failure_text
from sosdesk.ui.widgets.shortcuts import shortcut

BATCHES = "SOS Desk batches (*.sosbatch)"
RECEIPTS = "SOS Desk receipts (*.sosreceipt)"


def card(parent: QWidget) -> tuple[QFrame, QGridLayout]:
    """A framed box (the theme draws it)."""
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    grid = QGridLayout(frame)
    grid.setContentsMargins(12, 10, 12, 10)
    return frame, grid


class DeskPanel(SyncPanelBase):
    """Everything a desk does to exchange work with the office."""

    def __init__(self, ctx: AppContext, chooser: Chooser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chooser = chooser
        self.status: DeskStatus | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        cards = QHBoxLayout()
        me, me_grid = card(self)
        self.me_title = QLabel(me)
        self.me_title.setProperty("role", "section")
        self.me_text = QLabel(me)
        self.me_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_id = QPushButton(me)
        me_grid.addWidget(self.me_title, 0, 0)
        me_grid.addWidget(self.me_text, 1, 0)
        me_grid.addWidget(self.save_id, 2, 0, Qt.AlignmentFlag.AlignLeft)
        office, office_grid = card(self)
        self.office_title = QLabel(office)
        self.office_title.setProperty("role", "section")
        self.office_text = QLabel(office)
        self.office_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust = QPushButton(office)
        office_grid.addWidget(self.office_title, 0, 0)
        office_grid.addWidget(self.office_text, 1, 0)
        office_grid.addWidget(self.trust, 2, 0, Qt.AlignmentFlag.AlignLeft)
        cards.addWidget(me, 1)
        cards.addWidget(office, 1)
        layout.addLayout(cards)
        self.pending_title = QLabel(self)
        self.pending_title.setProperty("role", "section")
        layout.addWidget(self.pending_title)
        self.pending_text = QLabel(self)
        self.pending_text.setWordWrap(True)
        layout.addWidget(self.pending_text)
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self)
        self.export_button.setProperty("role", "primary")
        self.receipt_button = QPushButton(self)
        self.import_button = QPushButton(self)
        for b in (self.export_button, self.receipt_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress)
        self._add_footer(layout, self.progress)
        actions = (
            ("Ctrl+E", self.export_button, self.export),
            ("Ctrl+R", self.receipt_button, self.import_receipts),
            ("Ctrl+I", self.import_button, self.import_from_office),
            ("Ctrl+Shift+S", self.save_id, self.save_identity),
            ("Ctrl+Shift+O", self.trust, self.trust_office),
        )
        for key, button, slot in actions:
            button.clicked.connect(slot)
            shortcut(key, self, slot)
        shortcut("F5", self, self.reload)
        self.setTabOrder(self.export_button, self.receipt_button)
        self.setTabOrder(self.receipt_button, self.import_button)
        self.setTabOrder(self.import_button, self.table)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.heading.setText(self.tr("Exchange with the office"))
        self.me_title.setText(self.tr("This desk"))
        self.office_title.setText(self.tr("The office"))
        self.save_id.setText(with_key(self.tr("Save identity file…"), "Ctrl+Shift+S"))
        self.trust.setText(with_key(self.tr("Trust the office…"), "Ctrl+Shift+O"))
        self.pending_title.setText(self.tr("Not yet confirmed by the office"))
        self.export_button.setText(with_key(self.tr("Export for the office…"), "Ctrl+E"))
        self.receipt_button.setText(with_key(self.tr("Import receipts…"), "Ctrl+R"))
        self.import_button.setText(with_key(self.tr("Import from the office…"), "Ctrl+I"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Batch"), self.tr("Records"), self.tr("Created"), self.tr("State")]
        )
        self.hint.setText(
            keys_hint(
                [
                    ("F5", self.tr("refresh")),
                    ("Ctrl+E", self.tr("export")),
                    ("Ctrl+R", self.tr("receipts")),
                ]
            )
        )
        self._show_status()

    # -- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the status again."""
        if self.ctx.is_locked:
            return
        self.status = self.ctx.call(desk_status)
        self._show_status()

    def _show_status(self) -> None:
        st = self.status
        if st is None:
            return
        self.me_text.setText(
            self.tr("Desk {0}\nFingerprint: {1}").format(st.desk_code, st.fingerprint)
        )
        if st.office_code is None:
            self.office_text.setText(
                self.tr(
                    "No office is trusted yet. Ask the office for its "
                    "identity file and its fingerprint."
                )
            )
        else:
            self.office_text.setText(
                self.tr("Office {0}\nFingerprint: {1}").format(
                    st.office_code, st.office_fingerprint
                )
            )
        has_office = st.office_code is not None
        for button in (self.receipt_button, self.import_button):
            button.setEnabled(has_office and not self.job.running)
        # Export stays available: without an office it explains what to do first.
        self.export_button.setEnabled(not self.job.running)
        lines = [self.tr("{0} change(s) are not in a batch yet.").format(st.unexported_changes)]
        if st.undelivered:
            lines.append(
                self.tr(
                    "{0} batch(es) were written but the office has not confirmed "
                    "them; the next export writes them again."
                ).format(len(st.undelivered))
            )
        elif st.last_delivered is not None:
            lines.append(
                self.tr("Everything exported has reached the office (last: batch {0}).").format(
                    st.last_delivered.seq
                )
            )
        if st.held_from_office:
            lines.append(
                self.tr("{0} batch(es) from the office wait for an earlier one.").format(
                    st.held_from_office
                )
            )
        self.pending_text.setText(" ".join(lines))
        self.table.setRowCount(len(st.undelivered))
        for row, b in enumerate(st.undelivered):
            state = {
                "pending": self.tr("numbered, not written"),
                "refused": self.tr("refused by the office; the next export sends it again"),
            }.get(b.state, self.tr("written, waiting for the receipt"))
            for col, text in enumerate(
                (str(b.seq), f"{b.records:,}".replace(",", "."), format_local(b.created_at), state)
            ):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def clear(self) -> None:
        """Forget what is on screen (lock)."""
        self.status = None
        self.me_text.clear()
        self.office_text.clear()
        self.pending_text.clear()
        self.table.setRowCount(0)
        self.notice.clear()
        self.error.say("")
        self.progress.hide()

    # -- actions -------------------------------------------------------------------------

    def export(self) -> None:
        """Write the batch(es) for the office to a folder (Ctrl+E)."""
        if self.job.running or self.ctx.is_locked:
            return
        if self.status is not None and self.status.office_code is None:
            # Say what to do first, before asking for a folder there is nothing to write to.
            self._say(error_text(CodedError("office.trust_first")), error=True)
            self.trust.setFocus()
            return
        folder = self.chooser.folder(self, self.tr("Where to write the batch (the USB stick)"))
        if folder is None:
            return
        call = self.ctx.caller()
        self._start("export", lambda progress: call(export_desk, folder, progress))

    def import_from_office(self) -> None:
        """Apply batches the office wrote for this desk (Ctrl+I)."""
        if self.job.running or self.ctx.is_locked:
            return
        files = self.chooser.files(self, self.tr("Batches from the office"), BATCHES)
        if not files:
            return
        call = self.ctx.caller()
        self._start("import", lambda progress: call(import_batches, files, progress=progress))

    def import_receipts(self) -> None:
        """Mark batches the office confirmed as delivered (Ctrl+R)."""
        if self.ctx.is_locked:
            return
        files = self.chooser.files(self, self.tr("Receipts from the office"), RECEIPTS)
        done: list[int] = []
        refused = 0
        refusals: list[str] = []
        for path in files:
            try:
                answer = self.ctx.call(import_receipt, path)
            except CodedError:  # refused, or not a readable file
                refused += 1
                continue
            done.extend(answer.newly_delivered)
            if answer.problem is not None:
                refusals.append(
                    self.tr("The office refused batch {0}. {1}").format(
                        answer.seq, error_text(answer.problem)
                    )
                )
        if files:
            text = self.tr("Confirmed by the office: {0}.").format(
                ", ".join(map(str, sorted(done))) or self.tr("nothing new")
            )
            if refusals:
                text = " ".join(refusals) if not done else text + " " + " ".join(refusals)
                text += " " + self.tr(
                    "Nothing needs editing: the next export sends the refused batches again "
                    "with the records the office was missing."
                )
            if refused:
                text += " " + self.tr("{0} file(s) were not receipts for this desk.").format(
                    refused
                )
            self._say(text, error=(bool(refused) and not done) or bool(refusals))
        self.reload()

    def save_identity(self) -> None:
        """Write this desk's public identity for the office (Ctrl+Shift+S)."""
        if self.ctx.is_locked:
            return
        save_own_identity(
            self.chooser,
            self,
            self.ctx,
            self.tr("Save this desk's identity"),
            self.tr("Identity saved to {0}. Read the fingerprint {1} to the office by phone."),
            self._say,
        )

    def trust_office(self) -> None:
        """Trust the office whose identity file this is, after comparing fingerprints."""
        if self.ctx.is_locked:
            return
        ident = pick_identity(
            self.chooser,
            self,
            self.tr("The office's identity file"),
            self.tr(
                "Office {0} has the fingerprint\n\n{1}\n\nIs it exactly what the office "
                "read to you on the phone?"
            ),
            self._say,
        )
        if ident is None:
            return
        replace = self.status is not None and self.status.office_code not in (None, ident.desk_code)
        if replace and not self.chooser.confirm(
            self,
            self.tr("Change office"),
            self.tr("This desk sends to another office now. Send to {0} from now on?").format(
                ident.desk_code
            ),
        ):
            return
        try:
            self.ctx.call(trust_office, ident, replace=replace)
        except SyncError as exc:
            self._say(error_text(exc), error=True)
            return
        self._say(self.tr("This desk now sends its batches to office {0}.").format(ident.desk_code))
        self.reload()

    # -- jobs ----------------------------------------------------------------------------

    def _start(self, kind: str, fn: Any) -> None:
        self._job_kind = kind
        self._say(self.tr("Exporting…") if kind == "export" else self.tr("Importing…"))
        for b in (self.export_button, self.receipt_button, self.import_button):
            b.setEnabled(False)
        self.job.start(self.ctx, fn)

    def _job_done(self, result: Any) -> None:
        if self._job_kind == "export":
            self._say(self._export_text(result))
        else:
            outcomes: list[ImportOutcome] = result
            text, bad = import_summary(outcomes, self.tr)
            self._say(text, error=bad)
            self.ctx.data_changed.emit("clients")
            self.ctx.data_changed.emit("directory")
        self.reload()

    def _export_text(self, result: ExportResult) -> str:
        if result.nothing:
            return self.tr("Nothing to export: everything has reached the office.")
        folder = Path(result.files[0]).parent
        parts = []
        if result.new_seq is not None:
            parts.append(
                self.tr("Batch {0} written: {1} record(s).").format(result.new_seq, result.records)
            )
        if result.rewritten:
            parts.append(
                self.tr("Written again (not yet confirmed): {0}.").format(
                    ", ".join(map(str, result.rewritten))
                )
            )
        parts.append(
            self.tr("Files in {0}. Take them to the office and bring the receipts back.").format(
                folder.name
            )
        )
        return " ".join(parts)

    def _job_failed(self, exc: Any) -> None:
        if isinstance(exc, CodedError):  # sync errors and file problems: coded, no client data
            self._say(error_text(exc), error=True)
        else:  # never show a raw exception: it may hold client data
            self._say(failure_text(exc), error=True)
        self.reload()
