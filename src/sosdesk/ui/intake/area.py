"""The Calls area: the latest calls on the left; on the right the call being taken (Ctrl+N),
the quick tally (Ctrl+T) or a saved call. The call in progress is kept as a draft, survives
a lock (it comes back where the cursor was) and a crash (the next unlock offers it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import to_desk
from sosdesk.services.drafts import DraftView, discard_draft, get_draft, list_drafts
from sosdesk.services.session import StoreError
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.intake.call_detail import CallDetail
from sosdesk.ui.intake.draft_banner import DraftBanner
from sosdesk.ui.intake.draft_keeper import KIND, DraftKeeper
from sosdesk.ui.intake.form import IntakeForm
from sosdesk.ui.intake.recent_calls import RecentCalls
from sosdesk.ui.intake.tally import QuickTally
from sosdesk.ui.missing.intake_hook import MissingChildHook

PAGES = ("idle", "form", "tally", "detail")


class CallsArea(QWidget):
    """Area "calls" of the main window."""

    status = Signal(str)  # a short message for the status bar (no client data)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("CallsArea")
        self._resume_page = "idle"
        self._resume_draft: str | None = None
        self._offered: list[DraftView] = []

        self.recent = RecentCalls(ctx, self)
        self.recent.chosen.connect(self.show_call)
        self.form = IntakeForm(ctx)
        self.form.saved.connect(self._call_saved)
        self.form.discard_requested.connect(self._discard_call)
        self.missing_child = MissingChildHook(ctx, self.form)  # Ctrl+Shift+M (116 000)
        self.keeper = DraftKeeper(ctx, self.form, self)
        self.form.draft_of = lambda: self.keeper.draft_id
        self.tally = QuickTally(ctx)
        self.tally.saved.connect(self._tally_saved)
        self.tally.closed.connect(self._tally_closed)
        self.detail = CallDetail(ctx)
        self.banner = DraftBanner(self)
        self.banner.restore.connect(self._restore_offered)
        self.banner.discard.connect(self._discard_offered)

        self.idle = QWidget()
        self.idle_title = QLabel(self.idle)
        self.idle_title.setProperty("role", "heading")
        self.idle_help = QLabel(self.idle)
        self.idle_help.setProperty("role", "muted")
        self.idle_help.setWordWrap(True)
        self.idle_notice = QLabel(self.idle)
        self.idle_notice.setObjectName("calls_notice")
        self.idle_notice.setProperty("role", "notice")
        self.new_button = QPushButton(self.idle)
        self.new_button.setObjectName("new_call")
        self.new_button.setProperty("role", "primary")
        self.new_button.clicked.connect(self.new_call)
        self.tally_button = QPushButton(self.idle)
        self.tally_button.setObjectName("quick_tally")
        self.tally_button.clicked.connect(self.quick_tally)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.tally_button)
        buttons.addStretch(1)
        idle = QVBoxLayout(self.idle)
        idle.setContentsMargins(32, 32, 32, 32)
        idle.addWidget(self.idle_title)
        idle.addWidget(self.idle_help)
        idle.addSpacing(12)
        idle.addLayout(buttons)
        idle.addWidget(self.idle_notice)
        idle.addStretch(1)

        self.pages = QStackedWidget()
        for page in (self.idle, self.form, self.tally, self.detail):
            self.pages.addWidget(page)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.pages, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.recent)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 900])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.recent.setMinimumWidth(240)
        self.recent.setMaximumWidth(420)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)

        ctx.unlocked.connect(self._on_unlocked)
        ctx.data_changed.connect(self._data_changed)
        self.retranslate()

    # -- the area contract -----------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Calls")

    def page(self) -> str:
        """Which page is on show: idle, form, tally or detail."""
        return PAGES[self.pages.currentIndex()]

    def _show_page(self, name: str) -> None:
        self.pages.setCurrentIndex(PAGES.index(name))

    def call_running(self) -> bool:
        """A call is being taken (its timer runs): the idle lock waits longer."""
        return self.form.is_active()

    def save_draft_now(self) -> bool:
        """Write the call in progress as a draft (the main window calls this before a lock)."""
        return self.keeper.flush() if self.form.is_active() else False

    def clear(self) -> None:
        """Drop everything on screen (the desk is locked); remember where we were."""
        self._resume_page = self.page()
        self._resume_draft = self.keeper.draft_id if self.form.is_active() else None
        self.keeper.stop()
        self.form.reset()
        self.tally.clear()
        self.detail.clear()
        self.recent.clear()
        self.banner.withdraw()
        self._offered = []
        self.idle_notice.clear()
        self._show_page("idle")

    def reload(self) -> None:
        """Read the latest calls again."""
        if not self.ctx.is_locked:
            self.recent.reload()

    def _on_unlocked(self) -> None:
        self.recent.reload()
        resumed = self._resume()
        self._offer_drafts(exclude=self.keeper.draft_id if resumed else None)

    def _resume(self) -> bool:
        draft_id, page = self._resume_draft, self._resume_page
        self._resume_draft, self._resume_page = None, "idle"
        if draft_id is not None:
            draft = self.ctx.call(get_draft, draft_id)  # None when another user unlocked
            if draft is not None:
                self._restore(draft)
                return True
        if page == "tally":
            self.quick_tally()
        return False

    def _data_changed(self, entity: str) -> None:
        if entity in ("calls", "clients") and not self.ctx.is_locked:
            self.recent.reload()

    # -- actions ---------------------------------------------------------------------------

    def new_call(self) -> None:
        """Start taking a call (Ctrl+N); an unfinished one is shown instead, never replaced."""
        if self.ctx.is_locked:
            return
        if self.form.is_active():
            self._show_page("form")
            self.form.focus_field(None)
            return
        self.idle_notice.clear()
        self.form.start()
        self.keeper.start()
        self._show_page("form")
        self.form.picks["caller_type"].setFocus()

    def quick_tally(self) -> None:
        """Count an information call in a few keystrokes (Ctrl+T)."""
        if self.ctx.is_locked:
            return
        self.keeper.flush()
        self._show_page("tally")
        self.tally.open()

    def show_call(self, call_id: str) -> None:
        """Show a saved call (from the latest calls or from the search bar)."""
        if self.ctx.is_locked:
            return
        self.keeper.flush()
        if self.detail.show_call(call_id):
            self._show_page("detail")

    def _call_saved(self, view: object) -> None:
        self.keeper.forget()  # save_call deleted the draft in the call's own transaction
        self.form.reset()
        self._show_page("idle")
        when = to_desk(view.started_at).strftime("%H:%M") if isinstance(view, CallView) else ""
        self.idle_notice.setText(self.tr("Call of {0} saved.").format(when))
        self.status.emit(self.tr("Call saved"))
        for entity in ("calls", "events", "followups", "clients"):
            self.ctx.data_changed.emit(entity)
        self.new_button.setFocus()

    def _discard_call(self) -> None:
        try:
            self.keeper.discard()
        except StoreError:
            self.status.emit(self.tr("The draft could not be removed; it will be offered again."))
        self.form.reset()
        self._show_page("idle")
        self.idle_notice.setText(self.tr("The call was discarded."))
        self.new_button.setFocus()

    def _tally_saved(self, _view: object) -> None:
        self.status.emit(self.tr("Tally saved"))
        self.ctx.data_changed.emit("calls")

    def _tally_closed(self) -> None:
        if self.form.is_active():
            self._show_page("form")
            self.form.focus_field(None)
        else:
            self._show_page("idle")
            self.new_button.setFocus()

    # -- drafts from earlier sessions ------------------------------------------------------

    def _offer_drafts(self, exclude: str | None) -> None:
        try:
            drafts = self.ctx.call(list_drafts, KIND)
        except StoreError:
            return
        self._offered = [d for d in drafts if d.id != exclude and d.id != self.keeper.draft_id]
        if self._offered:
            self.banner.offer(self._offered[0].updated_at, len(self._offered) - 1)
        else:
            self.banner.withdraw()

    def _restore(self, draft: DraftView) -> None:
        self.form.restore(draft.payload)
        self.keeper.start(draft.id, draft.payload)
        self._show_page("form")
        self.form.focus_field(draft.payload.get("focus"))

    def _restore_offered(self) -> None:
        if not self._offered or self.ctx.is_locked:
            return
        if self.form.is_active():  # the call on screen stays safe as a draft of its own
            self.keeper.flush()
            self.keeper.stop()
        self._restore(self._offered[0])
        self.status.emit(self.tr("The unsaved call was restored"))
        self._offer_drafts(exclude=self.keeper.draft_id)

    def _discard_offered(self) -> None:
        if not self._offered or self.ctx.is_locked:
            return
        self.ctx.call(discard_draft, self._offered[0].id)
        self._offer_drafts(exclude=self.keeper.draft_id)

    # -- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.idle_title.setText(self.tr("No call in progress"))
        self.idle_help.setText(
            self.tr(
                "{0} takes a call, {1} counts an information call "
                "(quick tally), {2} finds a caller by name, code or "
                "phone, {3} locks the desk."
            ).format("Ctrl+N", "Ctrl+T", "Ctrl+K", "Ctrl+L")
        )
        self.new_button.setText(self.tr("New call ({0})").format("Ctrl+N"))
        self.tally_button.setText(self.tr("Quick tally ({0})").format("Ctrl+T"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
