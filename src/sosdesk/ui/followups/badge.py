"""The overdue badge: how many of my follow-ups (mine or nobody's) are past due, on the
Follow-ups tab and in the status bar. Counted by the window itself, so the badge is right
before the Follow-ups area is ever built (areas are built on their first visit)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from sosdesk.services import followups as svc
from sosdesk.ui.context import AppContext

REFRESH_MS = 60_000  # a follow-up becomes overdue by the clock, not only by an edit


class OverdueBadge(QObject):
    """Emits `changed(count)`; owns a permanent status-bar label that says the count."""

    changed = Signal(int)

    def __init__(self, ctx: AppContext, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.ctx = ctx
        self.count = 0
        self.label = QLabel(bar)
        self.label.setObjectName("status_overdue")
        self.label.setProperty("role", "badge")
        self.label.hide()
        bar.insertPermanentWidget(0, self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        ctx.unlocked.connect(self.refresh)
        ctx.locked.connect(self._locked)
        ctx.data_changed.connect(self._data_changed)

    def _data_changed(self, entity: str) -> None:
        if entity in ("followups", "calls", "clients"):
            self.refresh()

    def refresh(self) -> None:
        """Count again (unlock, a change, once a minute)."""
        if self.ctx.is_locked:
            return
        self._set(self.ctx.call(svc.overdue_count, self.ctx.user_id))
        if not self.timer.isActive():
            self.timer.start()

    def _locked(self) -> None:
        self.timer.stop()
        self._set(0)

    def _set(self, count: int) -> None:
        self.retranslate(count)
        if count != self.count:
            self.count = count
            self.changed.emit(count)

    def retranslate(self, count: int | None = None) -> None:
        """The status-bar text in the current language."""
        n = self.count if count is None else count
        self.label.setText(self.tr("Overdue follow-ups: {0}").format(n))
        self.label.setAccessibleName(self.label.text())
        self.label.setVisible(n > 0)
