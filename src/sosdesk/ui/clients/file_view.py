"""One client's file: the header band, then Timeline, Profile, History, Cases and plan, and
Follow-ups. Every action has a key: Alt+1…Alt+6 add an event of each kind, Ctrl+E corrects the
selected event, Ctrl+G jumps between a correction and its original, Ctrl+Shift+F filters the
timeline, Alt+7 schedules a follow-up, Ctrl+P opens Documents…, F6…F10 switch tabs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.validation import ValidationFailed
from sosdesk.domain.vocab import EVENT_KIND
from sosdesk.services.cases import cases_of
from sosdesk.services.clients import NotFound, get_client
from sosdesk.services.erasure import compact_file
from sosdesk.services.events import amendments_of, corrected_payload, corrected_time, get_event
from sosdesk.services.followups import followups_of_client, mark_done
from sosdesk.services.views import ClientView
from sosdesk.ui.calls.correction_dialog import CallCorrectionDialog
from sosdesk.ui.clients.cases import CasesView
from sosdesk.ui.clients.forget_dialog import ForgetDialog
from sosdesk.ui.clients.header import ClientHeader
from sosdesk.ui.clients.history import ClientHistoryView
from sosdesk.ui.clients.merge_dialog import MergeDialog
from sosdesk.ui.clients.profile import ProfileEditor
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.events.dialog import EventDialog
from sosdesk.ui.events.registry import FORMS
from sosdesk.ui.followups.dialog import followup_dialog
from sosdesk.ui.followups.table import FollowUpList
from sosdesk.ui.timeline.icons import kind_icon
from sosdesk.ui.timeline.view import TimelineView
from sosdesk.ui.widgets.display import keys_hint
from sosdesk.ui.workers import run_in_pool

TAB_KEYS = ("F6", "F7", "F8", "F9", "F10")


class ClientFileView(QWidget):
    """Shows one client; `find_requested` and `new_client_requested` go back to the area."""

    find_requested = Signal()
    status = Signal(str)  # a short note for the status bar (never client data)
    new_client_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.client: ClientView | None = None
        self.dialog: EventDialog | ActionDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = ClientHeader(self)
        layout.addWidget(self.header)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        layout.addWidget(self.toolbar)
        self.tabs = QTabWidget(self)
        self.timeline = TimelineView(ctx, self.tabs)
        self.profile = ProfileEditor(ctx, self.tabs)
        self.history = ClientHistoryView(ctx, self.tabs)
        self.cases = CasesView(ctx, self.tabs)
        self.followups = FollowUpList(self.tabs, show_client=False)
        fu_page = QWidget(self.tabs)
        fu_layout = QVBoxLayout(fu_page)
        fu_layout.addWidget(self.followups, 1)
        fu_hint = QLabel(
            keys_hint([("Alt+7", self.tr("schedule a follow-up")), ("Space", self.tr("done"))]),
            fu_page,
        )
        fu_hint.setProperty("role", "muted")
        fu_layout.addWidget(fu_hint)
        pages = (
            (self.timeline, self.tr("Timeline")),
            (self.profile, self.tr("Profile")),
            (self.history, self.tr("History")),
            (self.cases, self.tr("Cases and plan")),
            (fu_page, self.tr("Follow-ups")),
        )
        for (page, title), key in zip(pages, TAB_KEYS, strict=True):
            self.tabs.addTab(page, f"{title} ({key})")
        layout.addWidget(self.tabs, 1)
        keys = QLabel(
            keys_hint(
                [
                    ("Alt+1…Alt+6", self.tr("add an event")),
                    ("Ctrl+E", self.tr("correct")),
                    ("Ctrl+G", self.tr("original ⇄ correction")),
                    ("Ctrl+Shift+F", self.tr("filter")),
                    ("Alt+7", self.tr("follow-up")),
                    ("Ctrl+P", self.tr("documents")),
                    ("F6…F10", self.tr("tabs")),
                    ("Ctrl+O", self.tr("find a client")),
                    ("Ctrl+Shift+J", self.tr("merge")),
                    ("Ctrl+Shift+Del", self.tr("anonymise or erase")),
                ]
            ),
            self,
        )
        keys.setProperty("role", "muted")
        keys.setWordWrap(True)
        layout.addWidget(keys)
        self.actions_by_name: dict[str, QAction] = {}
        self.compacting = False  # the file is being vacuumed after an erasure
        self._pending_fill = False
        self._build_actions()
        self.tabs.currentChanged.connect(self._tab_changed)
        self.timeline.correct_requested.connect(self.correct_event)
        self.profile.status_change_requested.connect(lambda: self.add_event("status_change"))
        self.profile.saved.connect(self.refresh_client)
        self.profile.saved.connect(lambda: self.status.emit(self.tr("Profile saved.")))
        self.followups.done_requested.connect(self._followup_done)

    # -- actions ---------------------------------------------------------------------------

    def _action(
        self,
        name: str,
        text: str,
        key: str,
        slot: Callable[..., object],
        *,
        short: str | None = None,
        toolbar: bool = True,
        icon_kind: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setIconText(short or text)
        action.setToolTip(f"{text} ({key})")
        if icon_kind:
            action.setIcon(kind_icon(icon_kind))
        action.triggered.connect(slot)
        self.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        lang = self.ctx.lang
        for kind, _form, key in FORMS:
            short = self.tr("Status") if kind == "status_change" else None
            self._action(
                kind,
                EVENT_KIND.label(kind, lang),
                key,
                lambda _c=False, k=kind: self.add_event(k),
                short=short,
                icon_kind=kind,
            )
        self.toolbar.addSeparator()
        self._action(
            "followup",
            self.tr("Schedule a follow-up"),
            "Alt+7",
            self.schedule_followup,
            short=self.tr("Follow-up"),
        )
        self._action(
            "correct",
            self.tr("Correct the selected event"),
            "Ctrl+E",
            self.timeline.request_correction,
            short=self.tr("Correct"),
            icon_kind="amendment",
        )
        self._action("documents", self.tr("Documents…"), "Ctrl+P", self.open_documents)
        self._action(
            "linked",
            self.tr("Go to original or correction"),
            "Ctrl+G",
            self._go_linked,
            toolbar=False,
        )
        self._action(
            "filter",
            self.tr("Filter the timeline"),
            "Ctrl+Shift+F",
            self._focus_filter,
            toolbar=False,
        )
        self._action(
            "find",
            self.tr("Find another client"),
            "Ctrl+O",
            self.find_requested.emit,
            toolbar=False,
        )
        self._action(
            "new_client",
            self.tr("New client"),
            "Ctrl+Shift+N",
            self.new_client_requested.emit,
            toolbar=False,
        )
        self._action(
            "merge",
            self.tr("Merge another client into this one…"),
            "Ctrl+Shift+J",  # Ctrl+Shift+M moves a case to its next phase
            self.merge_client,
            toolbar=False,
        )
        self._action(
            "forget",
            self.tr("Anonymise or erase this client…"),
            "Ctrl+Shift+Del",
            self.forget_client,
            toolbar=False,
        )
        for i, key in enumerate(TAB_KEYS):
            self._action(
                f"tab{i}",
                self.tabs.tabText(i),
                key,
                lambda _c=False, n=i: self._show_tab(n),
                toolbar=False,
            )
        for button in self.toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys do this; Tab stays in the file

    def _show_tab(self, index: int) -> None:
        self.flush_fill()
        self.tabs.setCurrentIndex(index)
        page = self.tabs.currentWidget()
        if page is self.timeline:
            self.timeline.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif page is self.profile:
            self.profile.given_name.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            page.setFocus(Qt.FocusReason.ShortcutFocusReason)
            page.focusNextChild()

    def _go_linked(self) -> None:
        self._show_tab(0)
        self.timeline.go_linked()

    def _focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.timeline.focus_filter()

    # -- showing ---------------------------------------------------------------------------

    def show_client(self, client_id: str, *, audit: bool = True) -> None:
        """Open a file (the view is audited by the service; `audit=False` only redraws a file
        that is already open, e.g. after a language switch)."""
        client = self.ctx.call(get_client, client_id, audit_view=audit)
        self.client = client
        self.header.show_client(client, None, self.ctx.lang)
        self.timeline.show_client(client_id)
        self.tabs.setCurrentIndex(0)
        self.timeline.table.setFocus(Qt.FocusReason.OtherFocusReason)
        # The timeline is what she sees first; the hidden tabs are filled right after it is
        # painted (or at once when one of them is asked for).
        self._pending_fill = True
        self.timeline.table.viewport().installEventFilter(self)
        QTimer.singleShot(250, self, self.flush_fill)  # in case nothing is painted (hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.timeline.table.viewport():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self.flush_fill)
        return False

    def flush_fill(self) -> None:
        """Fill the header's case, the profile, cases and follow-ups if still pending."""
        if self._pending_fill and self.client is not None:
            self._pending_fill = False
            self._fill(self.client)

    def _fill(self, client: ClientView) -> None:
        cases = self.ctx.call(cases_of, client.id)
        self.header.show_client(client, cases, self.ctx.lang)
        if (
            not self.profile.dirty
            or self.profile.client is None
            or self.profile.client.id != client.id
        ):
            self.profile.show_client(client)
        else:  # keep the unsaved edits; the status is not edited there, so it can follow
            self.profile.show_status(client.status)
        self.cases.show_cases(client.id, cases)
        self.followups.set_items(self.ctx.call(followups_of_client, client.id))
        if self.tabs.currentWidget() is self.history:
            self.history.show_client(client.id)
        else:
            self.history.clear()

    def refresh_client(self) -> None:
        """Re-read the open client after a change (not a new view: the file stays open)."""
        if self.client is None:
            return
        self._pending_fill = False
        try:
            client = self.ctx.call(get_client, self.client.id, audit_view=False)
        except NotFound:
            self.clear()
            return
        self.client = client
        self._fill(client)

    def _tab_changed(self, _index: int) -> None:
        self.flush_fill()
        if self.client is not None and self.tabs.currentWidget() is self.history:
            self.history.show_client(self.client.id)

    def clear(self) -> None:
        """Drop everything about the client from the screen (lock)."""
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.client = None
        self._pending_fill = False
        for part in (self.header, self.timeline, self.profile, self.history, self.cases):
            part.clear()
        self.followups.clear_items()

    # -- events ----------------------------------------------------------------------------

    def _open_dialog(self, dialog: EventDialog | ActionDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()
        dialog.activateWindow()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        QTimer.singleShot(0, self, self._refocus)  # once the dialog is gone

    def _refocus(self) -> None:
        """Back to the file, ready for the next key."""
        if self.client is None or self.dialog is not None or not self.isVisible():
            return
        self.window().activateWindow()
        focused = QApplication.focusWidget()
        if focused is None or not self.tabs.currentWidget().isAncestorOf(focused):
            self._show_tab(self.tabs.currentIndex())

    def add_event(self, kind: str) -> None:
        """Open the form of one event kind (Alt+1…Alt+6)."""
        if self.client is None:
            return
        dialog = EventDialog(
            self.ctx, self.client.id, kind, client_status=self.client.status, parent=self
        )
        dialog.saved.connect(lambda view: self._event_saved(view.id))
        self._open_dialog(dialog)

    def merge_client(self) -> None:
        """Merge another registration of the same person into this client (Ctrl+Shift+J)."""
        if self.client is None:
            return
        dialog = MergeDialog(self.ctx, self.client.code, self)
        dialog.accepted.connect(self.refresh_client)
        self._open_dialog(dialog)

    def forget_client(self) -> None:
        """Anonymise or erase this client on request (Ctrl+Shift+Del, coordinator)."""
        if self.client is None:
            return
        dialog = ForgetDialog(self.ctx, self.client.code, self)
        dialog.accepted.connect(lambda: self._forgotten(dialog))
        self._open_dialog(dialog)

    def _forgotten(self, dialog: ForgetDialog) -> None:
        view = dialog.result_view
        if view is not None and view.mode == "erase":
            self.clear()
        else:
            self.refresh_client()
        # Rebuilding the search index and vacuuming take seconds on a large file: in the pool.
        self.compacting = True
        call = self.ctx.caller()
        run_in_pool(self.ctx.pool, lambda: call(compact_file), self._compacted, self._compacted)

    def _compacted(self, _result: object) -> None:
        self.compacting = False

    def correct_event(self, event_id: str) -> None:
        """Correct an event: its form filled with the current values, plus a reason (Ctrl+E)."""
        if self.client is None:
            return
        original = self.ctx.call(get_event, event_id)
        call_id = original.payload.get("call_id")
        if original.kind == "call" and call_id:
            self._open_dialog(CallCorrectionDialog(self.ctx, str(call_id), parent=self))
            return
        if original.kind not in {kind for kind, _f, _k in FORMS}:
            self._inform(
                self.tr("Correct"),
                self.tr("Issued documents are never changed; add a note to the timeline instead."),
            )
            return
        earlier = self.ctx.call(amendments_of, [event_id]).get(event_id, [])
        dialog = EventDialog(
            self.ctx,
            self.client.id,
            original.kind,
            original=original,
            current=corrected_payload(original, earlier),
            current_time=corrected_time(original, earlier),
            client_status=self.client.status,
            parent=self,
        )
        dialog.saved.connect(lambda view: self._event_saved(view.id))
        self._open_dialog(dialog)

    def _event_saved(self, event_id: str) -> None:
        self.status.emit(self.tr("Saved on the timeline."))
        # data_changed has already refreshed the timeline; show the new entry where it landed.
        self._show_tab(0)
        self.timeline.select_event(event_id)

    def schedule_followup(self) -> None:
        """Schedule a follow-up for this client (Alt+7)."""
        if self.client is not None:
            self._open_dialog(followup_dialog(self.ctx, self.client.id, self))

    def _followup_done(self, followup_id: str) -> None:
        # Already done elsewhere: the refresh below shows the truth.
        with contextlib.suppress(ValidationFailed, NotFound):
            self.ctx.call(mark_done, followup_id)
        self.ctx.data_changed.emit("followups")

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    def open_documents(self) -> None:
        """Court-support documents for this client (Ctrl+P), when that part is installed."""
        if self.client is None:
            return
        try:
            from sosdesk.ui.documents.dialog import (  # type: ignore[import-not-found, unused-ignore]
                open_document_dialog,
            )
        except ImportError:
            self._inform(
                self.tr("Documents"),
                self.tr("Court-support documents are not part of this build yet."),
            )
            return
        open_document_dialog(self.ctx, self.client.id, self)
