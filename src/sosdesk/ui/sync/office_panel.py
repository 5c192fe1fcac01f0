"""The office's side of sync: import desk batches (progress bar, receipts beside them), the
enrolled desks with fingerprints, export for one desk, the conflict queue, and what waits or
was refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.messages import CodedError
from sosdesk.sync.errors import SyncError
from sosdesk.sync.export import export_office
from sosdesk.sync.identity import own_identity
from sosdesk.sync.importer import import_batches
from sosdesk.sync.peers import enroll_desk, list_peers, revoke_desk
from sosdesk.sync.quarantine import quarantined
from sosdesk.sync.status import batches
from sosdesk.sync.views import ExportResult, ImportOutcome, PeerView
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.chooser import Chooser, pick_identity, save_own_identity
from sosdesk.ui.sync.conflicts_panel import ConflictsPanel
from sosdesk.ui.sync.desk_panel import BATCHES
from sosdesk.ui.sync.panel_base import SyncPanelBase
from sosdesk.ui.sync.summary import detail_text, import_summary, reason_text, status_text
from sosdesk.ui.widgets.datetime_field import format_local
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.problem_text import error_text, failure_text
from sosdesk.ui.widgets.shortcuts import shortcut


def table(parent: QWidget, columns: int) -> QTableWidget:
    """A read-only table, whole rows selected."""
    t = QTableWidget(0, columns, parent)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[list[str]]) -> None:
    """Replace a table's rows."""
    t.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            t.setItem(r, c, QTableWidgetItem(text))


class OfficePanel(SyncPanelBase):
    """Tabs: Import, Desks, Conflicts, Waiting and refused."""

    def __init__(self, ctx: AppContext, chooser: Chooser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chooser = chooser
        self.peers: list[PeerView] = []
        self.last_outcomes: list[ImportOutcome] = []
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        # Import
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        self.import_button = QPushButton(page)
        self.import_button.setProperty("role", "primary")
        row.addWidget(self.import_button)
        row.addStretch(1)
        box.addLayout(row)
        self.import_note = QLabel(page)
        self.import_note.setProperty("role", "muted")
        self.import_note.setWordWrap(True)
        box.addWidget(self.import_note)
        self.progress = QProgressBar(page)
        self.progress.setTextVisible(False)
        self.progress.hide()
        box.addWidget(self.progress)
        self.results = table(page, 4)
        box.addWidget(self.results, 1)
        self.tabs.addTab(page, "")
        # Desks
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        self.office_id = QLabel(page)
        self.office_id.setWordWrap(True)
        box.addWidget(self.office_id)
        self.desks = table(page, 7)
        box.addWidget(self.desks, 1)
        row = QHBoxLayout()
        self.enrol_button = QPushButton(page)
        self.export_button = QPushButton(page)
        self.revoke_button = QPushButton(page)
        self.revoke_button.setProperty("role", "danger")
        self.save_id = QPushButton(page)
        for b in (self.enrol_button, self.export_button, self.revoke_button, self.save_id):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.tabs.addTab(page, "")
        # Conflicts
        self.conflicts = ConflictsPanel(ctx, self.tabs)
        self.conflicts.count_changed.connect(self._conflict_count)
        self.tabs.addTab(self.conflicts, "")
        # Waiting and refused
        page = QWidget(self.tabs)
        box = QVBoxLayout(page)
        self.held_title = QLabel(page)
        self.held_title.setProperty("role", "section")
        box.addWidget(self.held_title)
        self.held = table(page, 4)
        box.addWidget(self.held, 1)
        self.refused_title = QLabel(page)
        self.refused_title.setProperty("role", "section")
        box.addWidget(self.refused_title)
        self.refused = table(page, 4)
        box.addWidget(self.refused, 2)
        self.tabs.addTab(page, "")
        self._add_footer(layout, self.progress)
        self._open_conflicts = 0
        for key, button, slot in (
            ("Ctrl+I", self.import_button, self.import_batches),
            ("Ctrl+Shift+E", self.enrol_button, self.enrol),
            ("Ctrl+E", self.export_button, self.export_for_desk),
            ("Ctrl+Shift+Del", self.revoke_button, self.revoke),
            ("Ctrl+Shift+S", self.save_id, self.save_identity),
        ):
            button.clicked.connect(slot)
            shortcut(key, self, slot)
        shortcut("F5", self, self.reload)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the current language."""
        tr = self.tr
        self.heading.setText(tr("Office: batches from the desks"))
        self.import_button.setText(with_key(tr("Import batches…"), "Ctrl+I"))
        self.import_note.setText(
            tr(
                "Choose every batch file on the stick. A receipt for each "
                "applied batch is written beside it: take them back to "
                "the desk."
            )
        )
        self.results.setHorizontalHeaderLabels(
            [tr("File"), tr("Desk"), tr("Result"), tr("Details")]
        )
        self.desks.setHorizontalHeaderLabels(
            [
                tr("Desk"),
                tr("Fingerprint"),
                tr("State"),
                tr("Last batch"),
                tr("Waiting"),
                tr("Sent, unconfirmed"),
                tr("Enrolled"),
            ]
        )
        self.enrol_button.setText(with_key(tr("Enrol a desk…"), "Ctrl+Shift+E"))
        self.export_button.setText(with_key(tr("Export for the selected desk…"), "Ctrl+E"))
        self.revoke_button.setText(with_key(tr("Revoke the selected desk"), "Ctrl+Shift+Del"))
        self.save_id.setText(with_key(tr("Save the office's identity…"), "Ctrl+Shift+S"))
        self.held_title.setText(tr("Waiting for an earlier batch"))
        self.held.setHorizontalHeaderLabels([tr("Desk"), tr("Batch"), tr("Records"), tr("Arrived")])
        self.refused_title.setText(tr("Refused (kept in quarantine)"))
        self.refused.setHorizontalHeaderLabels(
            [tr("Arrived"), tr("File"), tr("Desk"), tr("Reason")]
        )
        self._tab_titles()
        self.hint.setText(
            keys_hint(
                [
                    ("Alt", tr("underlined letter switches tabs")),
                    ("F5", tr("refresh")),
                    ("Alt+1…9", tr("choose a value")),
                    ("Ctrl+Enter", tr("keep the chosen value")),
                ]
            )
        )
        self._show_peers()
        self._show_results()

    def _tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("&Import"))
        self.tabs.setTabText(1, self.tr("&Desks"))
        self.tabs.setTabText(2, self.tr("&Conflicts ({0})").format(self._open_conflicts))
        self.tabs.setTabText(3, self.tr("&Waiting and refused"))

    def _conflict_count(self, n: int) -> None:
        self._open_conflicts = n
        self._tab_titles()

    # -- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read desks, conflicts, waiting and refused batches again."""
        if self.ctx.is_locked:
            return
        call = self.ctx.call
        me = call(own_identity)
        self.office_id.setText(
            self.tr("This office: {0}, fingerprint {1}").format(me.desk_code, me.fingerprint)
        )
        self.peers = call(list_peers)
        self._show_peers()
        self.conflicts.reload()
        fill(
            self.held,
            [
                [b.peer_code, str(b.seq), str(b.records), format_local(b.recorded_at)]
                for b in call(batches, direction="in", states=("held",))
            ],
        )
        fill(
            self.refused,
            [
                [
                    format_local(q.received_at),
                    q.file_name,
                    q.peer_code or "—",
                    reason_text(q.reason, self.tr),
                ]
                for q in call(quarantined)
            ],
        )

    def _show_peers(self) -> None:
        tr = self.tr
        fill(
            self.desks,
            [
                [
                    p.desk_code,
                    p.fingerprint,
                    tr("revoked {0}").format(format_local(p.revoked_at))
                    if p.revoked
                    else tr("active"),
                    str(p.last_seq) if p.last_seq else "—",
                    str(p.held) if p.held else "—",
                    str(p.undelivered) if p.undelivered else "—",
                    format_local(p.enrolled_at),
                ]
                for p in self.peers
            ],
        )

    def _show_results(self) -> None:
        fill(
            self.results,
            [
                [
                    o.file,
                    o.peer_code or "—",
                    status_text(o.status, self.tr),
                    detail_text(o, self.tr),
                ]
                for o in self.last_outcomes
            ],
        )

    def clear(self) -> None:
        """Drop everything from the screen (lock)."""
        self.peers, self.last_outcomes = [], []
        for t in (self.results, self.desks, self.held, self.refused):
            t.setRowCount(0)
        self.office_id.clear()
        self.conflicts.clear()
        self.notice.clear()
        self.error.say("")
        self.progress.hide()

    def selected_peer(self) -> PeerView | None:
        """The desk selected in the Desks tab."""
        row = self.desks.currentRow()
        return self.peers[row] if 0 <= row < len(self.peers) else None

    # -- actions -------------------------------------------------------------------------

    def import_batches(self) -> None:
        """Import desk batches; receipts go beside them (Ctrl+I)."""
        if self.job.running or self.ctx.is_locked:
            return
        files = self.chooser.files(self, self.tr("Batches from the desks"), BATCHES)
        if not files:
            return
        call, receipts = self.ctx.caller(), files[0].parent
        self.tabs.setCurrentIndex(0)
        self._start(
            "import",
            lambda progress: call(import_batches, files, receipts_dir=receipts, progress=progress),
        )

    def export_for_desk(self) -> None:
        """Write the office's batch for the selected desk (Ctrl+E)."""
        peer = self.selected_peer()
        if self.job.running or self.ctx.is_locked:
            return
        if peer is None:
            self.tabs.setCurrentIndex(1)
            self._say(self.tr("Select a desk first."), error=True)
            return
        folder = self.chooser.folder(
            self, self.tr("Where to write the batch for {0}").format(peer.desk_code)
        )
        if folder is None:
            return
        call, code = self.ctx.caller(), peer.desk_code
        self._start("export", lambda progress: call(export_office, code, folder, progress))

    def enrol(self) -> None:
        """Accept a desk's batches, after comparing its fingerprint (Ctrl+Shift+E)."""
        if self.ctx.is_locked:
            return
        ident = pick_identity(
            self.chooser,
            self,
            self.tr("The desk's identity file"),
            self.tr(
                "Desk {0} has the fingerprint\n\n{1}\n\nIs it exactly what the desk "
                "read to you on the phone?"
            ),
            self._say,
        )
        if ident is None:
            return
        try:
            peer = self.ctx.call(enroll_desk, ident)
        except SyncError as exc:
            self._say(error_text(exc), error=True)
            return
        self._say(
            self.tr("Desk {0} is enrolled: its batches will be accepted.").format(peer.desk_code)
        )
        self.reload()

    def revoke(self) -> None:
        """Refuse the selected desk's batches from now on (Ctrl+Shift+Del)."""
        peer = self.selected_peer()
        if peer is None or peer.revoked or self.ctx.is_locked:
            return
        if not self.chooser.confirm(
            self,
            self.tr("Revoke desk"),
            self.tr(
                "Refuse every batch from desk {0} from now on (for a lost or stolen computer)? "
                "Its history stays."
            ).format(peer.desk_code),
        ):
            return
        self.ctx.call(revoke_desk, peer.device_id)
        self._say(self.tr("Desk {0} is revoked.").format(peer.desk_code))
        self.reload()

    def save_identity(self) -> None:
        """Write the office's public identity for the desks (Ctrl+Shift+S)."""
        if self.ctx.is_locked:
            return
        save_own_identity(
            self.chooser,
            self,
            self.ctx,
            self.tr("Save the office's identity"),
            self.tr("Identity saved to {0}. Read the fingerprint {1} to each desk by phone."),
            self._say,
        )

    # -- jobs ----------------------------------------------------------------------------

    def _start(self, kind: str, fn: Any) -> None:
        self._job_kind = kind
        self._say(self.tr("Importing…") if kind == "import" else self.tr("Exporting…"))
        self.import_button.setEnabled(False)
        self.export_button.setEnabled(False)
        self.job.start(self.ctx, fn)

    def _job_done(self, result: Any) -> None:
        self.import_button.setEnabled(True)
        self.export_button.setEnabled(True)
        if self._job_kind == "import":
            self.last_outcomes = list(result)
            self._show_results()
            text, bad = import_summary(self.last_outcomes, self.tr)
            receipts = [o.receipt for o in self.last_outcomes if o.receipt is not None]
            if receipts:
                text += " " + self.tr("Receipts written to {0}.").format(
                    Path(receipts[0]).parent.name
                )
            self._say(text, error=bad)
            for entity in ("clients", "calls", "events", "directory"):
                self.ctx.data_changed.emit(entity)
        else:
            r: ExportResult = result
            if r.nothing:
                self._say(self.tr("Nothing to send: this desk has everything from the office."))
            else:
                self._say(
                    self.tr("Batch written for the desk ({0} record(s)); files in {1}.").format(
                        r.records, Path(r.files[0]).parent
                    )
                )
        self.reload()

    def _job_failed(self, exc: Any) -> None:
        self.import_button.setEnabled(True)
        self.export_button.setEnabled(True)
        if isinstance(exc, CodedError):  # sync errors and file problems: coded, no client data
            self._say(error_text(exc), error=True)
        else:  # never show a raw exception: it may hold client data
            self._say(failure_text(exc), error=True)
        self.reload()
