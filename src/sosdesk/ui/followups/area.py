"""The follow-ups area: what is overdue, due today and coming up, for me or for the whole desk.
Space marks the selected follow-up done, Ctrl+Z undoes that, Enter opens the client's file.

Badge hook for the main window: `FollowUpsArea.overdue_count_changed(int)` is emitted whenever
the number of overdue follow-ups that are mine (assigned to me or to nobody) changes, checked
on unlock, after every change and once a minute; `overdue_count()` returns the last value.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import utcnow
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services import followups as svc
from sosdesk.services.clients import NotFound
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog, keep_while_open, return_focus
from sosdesk.ui.followups.dialog import followup_dialog
from sosdesk.ui.followups.table import FollowUpList
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut

REFRESH_MS = 60_000


def local_day_end(now: datetime) -> datetime:
    """The end of the operator's local day, as an aware datetime."""
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo)


class FollowUpsArea(QWidget):
    """Overdue / due today / upcoming, mine or the desk's."""

    overdue_count_changed = Signal(int)
    status = Signal(str)  # short notes for the main window's status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._overdue = 0
        self._last_done: str | None = None
        self.dialog: ActionDialog | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        bar.addWidget(self.heading)
        self.mine = QRadioButton(self)
        self.desk = QRadioButton(self)
        self.mine.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.mine)
        group.addButton(self.desk)
        self.mine.toggled.connect(lambda _on: self.reload())
        bar.addWidget(self.mine)
        bar.addWidget(self.desk)
        bar.addStretch(1)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_followup)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        self.list = FollowUpList(self)
        self.list.done_requested.connect(self.mark_done)
        self.list.open_requested.connect(self.ctx.open_client_requested.emit)
        layout.addWidget(self.list, 1)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        self.retranslate()
        for key, slot in (
            ("Ctrl+Shift+N", self.new_followup),
            ("Ctrl+Z", self.undo_done),
            ("F5", self.reload),
        ):
            shortcut(key, self, slot)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        ctx.data_changed.connect(self._data_changed)
        if not ctx.is_locked:
            self.reload()

    def title(self) -> str:
        return self.tr("Follow-ups")

    def retranslate(self) -> None:
        """Texts in the current language (also after a live language switch)."""
        self.heading.setText(self.tr("Follow-ups"))
        self.mine.setText(self.tr("&Mine"))
        self.desk.setText(self.tr("The whole &desk"))
        self.new_button.setText(with_key(self.tr("New follow-up…"), "Ctrl+Shift+N"))
        self.hint.setText(
            keys_hint(
                [
                    ("Space", self.tr("done")),
                    ("Ctrl+Z", self.tr("undo done")),
                    ("Enter", self.tr("open the client's file")),
                    ("F5", self.tr("refresh")),
                ]
            )
        )
        self.list.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()
        super().changeEvent(event)

    def overdue_count(self) -> int:
        """Overdue follow-ups of the current user (and unassigned ones)."""
        return self._overdue

    # -- loading ---------------------------------------------------------------------------

    def _data_changed(self, entity: str) -> None:
        if entity in ("followups", "calls", "clients"):
            self.reload()

    def reload(self) -> None:
        """Reload the list and the overdue count."""
        if self.ctx.is_locked:
            return
        now = utcnow()
        user = self.ctx.user_id
        try:
            board = self.ctx.call(
                svc.board,
                user if self.mine.isChecked() else None,
                now=now,
                day_end=local_day_end(now),
            )
        except NotAllowed:  # an auditor: no client names on screen
            self.list.clear_items()
            return
        self.list.set_board(board)
        self._set_overdue(self.ctx.call(svc.overdue_count, user, now=now))
        if not self.timer.isActive():
            self.timer.start()

    def _set_overdue(self, count: int) -> None:
        if count != self._overdue:
            self._overdue = count
            self.overdue_count_changed.emit(count)

    def clear(self) -> None:
        """Drop every follow-up from the screen (lock)."""
        self.timer.stop()
        self.list.clear_items()
        self.message.say("")
        self._last_done = None
        if self.dialog is not None:
            self.dialog.reject()

    # -- actions ---------------------------------------------------------------------------

    def mark_done(self, followup_id: str) -> None:
        """Done, by me, now (Space)."""
        try:
            self.ctx.call(svc.mark_done, followup_id)
        except (ValidationFailed, NotFound):
            self.message.say(
                self.tr("That follow-up was already done or removed; the list is refreshed.")
            )
            self.reload()
            return
        self._last_done = followup_id
        self.status.emit(f"{self.tr('Follow-up done; undo it with')} Ctrl+Z.")
        self.message.say("")
        self.ctx.data_changed.emit("followups")

    def undo_done(self) -> None:
        """Undo the last "done" (Ctrl+Z)."""
        if self._last_done is None:
            return
        self.ctx.call(svc.reopen, self._last_done)
        self._last_done = None
        self.ctx.data_changed.emit("followups")

    def new_followup(self) -> None:
        """Schedule a follow-up without a client (Ctrl+Shift+N)."""
        if self.ctx.is_locked:
            return
        dialog = followup_dialog(self.ctx, None, self)
        keep_while_open(dialog, self)
        return_focus(dialog, self.list)
        dialog.open()
        dialog.activateWindow()
