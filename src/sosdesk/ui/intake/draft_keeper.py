"""Keeps the call being taken as an encrypted draft: every few seconds while it changes, and
right before a lock. After a crash the next unlock offers it back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from sosdesk.services.drafts import DraftTooLarge, discard_draft, save_draft
from sosdesk.services.session import StoreError
from sosdesk.ui.context import AppContext
from sosdesk.ui.intake.form import IntakeForm
from sosdesk.ui.widgets.problem_text import error_text

KIND = "call"
INTERVAL_MS = 3000


class DraftKeeper(QObject):
    """Emits `saved(draft_id)` after each write and `failed(message)` when one is refused."""

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: AppContext, form: IntakeForm, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form = form
        self.draft_id: str | None = None
        self._last: dict[str, Any] | None = None
        self._dirty = False
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.flush)
        form.changed.connect(self._changed)

    def start(self, draft_id: str | None = None, payload: dict[str, Any] | None = None) -> None:
        """Keep the form's call (a restored draft keeps its id, so it is replaced, not copied)."""
        self.draft_id = draft_id
        self._last = payload
        self._dirty = draft_id is None
        self.timer.start()

    def _changed(self) -> None:
        self._dirty = True

    def flush(self) -> bool:
        """Write the draft now if the form changed since the last write; True if written."""
        if not self._dirty or self.ctx.is_locked or not self.form.is_active():
            return False
        state = self.form.state()
        if state == self._last:
            self._dirty = False
            return False
        try:
            self.draft_id = self.ctx.call(save_draft, KIND, state, self.draft_id)
        except (StoreError, DraftTooLarge) as exc:
            self.failed.emit(error_text(exc))
            return False
        self._last = state
        self._dirty = False
        self.saved.emit(self.draft_id)
        return True

    def stop(self) -> None:
        """Stop the timer (on lock); the draft id is kept to come back to."""
        self.timer.stop()

    def discard(self) -> None:
        """The call was thrown away: its draft goes."""
        self.timer.stop()
        if self.draft_id is not None and not self.ctx.is_locked:
            self.ctx.call(discard_draft, self.draft_id)
        self.forget()

    def forget(self) -> None:
        """The call was saved, and its draft deleted in the same transaction: stop keeping it."""
        self.timer.stop()
        self.draft_id = None
        self._last = None
        self._dirty = False
