"""The follow-ups area: what is overdue, due today and coming up, for me or for the whole desk.
Space marks the selected follow-up done, Ctrl+D done with an outcome, F2 moves it (new due time
or another person), Ctrl+Z undoes "done", Enter opens the client's file. The list holds the
keyboard when the area is shown, so Space never reaches a button.

Badge hook for the main window: `FollowUpsArea.overdue_count_changed(int)` is emitted whenever
the number of overdue follow-ups that are mine (assigned to me or to nobody) changes, checked
on unlock, after every change and once a minute; `overdue_count()` returns the last value.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import to_desk, utcnow
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services import followups as svc
from sosdesk.services.clients import NotFound
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog, keep_while_open, return_focus
from sosdesk.ui.followups.dialog import followup_dialog
from sosdesk.ui.followups.moves import done_dialog, move_dialog
from sosdesk.ui.followups.table import FollowUpList
from sosdesk.ui.widgets.display import keys_hint, with_key
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut

REFRESH_MS = 60_000


def local_day_end(now: datetime) -> datetime:
    """The end of the operator's local day, as an aware datetime."""
    local = to_desk(now)
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
        # A button holding the focus took Space ("new follow-up" instead of "done"): only the
        # list and the two scopes take the keyboard; the button has its own key.
        self.new_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_button.clicked.connect(self.new_followup)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)
        self.message = FieldMessage(self)
        layout.addWidget(self.message)
        self.list = FollowUpList(self)
        self.list.done_requested.connect(self.mark_done)
        self.list.open_requested.connect(self.ctx.open_client_requested.emit)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)
        QWidget.setTabOrder(self.mine, self.desk)
        QWidget.setTabOrder(self.desk, self.list)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        self.retranslate()
        for key, slot in (
            ("Ctrl+Shift+N", self.new_followup),
            ("Ctrl+Z", self.undo_done),
            ("Ctrl+D", self.done_with_outcome),
            ("F2", self.move_selected),
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
        self.list.setAccessibleName(self.tr("Follow-ups: overdue, due today, upcoming"))
        self.mine.setAccessibleName(self.tr("Mine"))
        self.desk.setAccessibleName(self.tr("The whole desk"))
        self.new_button.setAccessibleName(self.tr("New follow-up"))
        self.mine.setText(self.tr("&Mine"))
        self.desk.setText(self.tr("The &whole desk"))
        self.new_button.setText(with_key(self.tr("New follow-up…"), "Ctrl+Shift+N"))
        self.hint.setText(
            keys_hint(
                [
                    ("Space", self.tr("done")),
                    ("Ctrl+D", self.tr("done with an outcome")),
                    ("F2", self.tr("new time or person")),
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Hiding the previous area hands the focus to the next widget in the chain (a scope
        # button here); the list is where the keys of this area work.
        QTimer.singleShot(0, self, self._focus_list)

    def _focus_list(self) -> None:
        now = QApplication.focusWidget()
        if self.isVisible() and (now is None or now in (self.mine, self.desk, self.new_button)):
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

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

    def _open_dialog(self, dialog: ActionDialog) -> None:
        keep_while_open(dialog, self)
        return_focus(dialog, self.list)
        dialog.open()
        dialog.activateWindow()

    def move_selected(self) -> None:
        """A new due time or another person for the selected follow-up (F2)."""
        f = self.list.current()
        if self.ctx.is_locked or f is None or f.done_at is not None:
            return
        self._open_dialog(move_dialog(self.ctx, f, self))

    def done_with_outcome(self) -> None:
        """Done, with what came of it (Ctrl+D); Ctrl+Z undoes it like Space."""
        f = self.list.current()
        if self.ctx.is_locked or f is None or f.done_at is not None:
            return
        dialog = done_dialog(self.ctx, f, self)
        fid = f.id

        def remember(result: int) -> None:
            if result:
                self._last_done = fid
                self.status.emit(f"{self.tr('Follow-up done; undo it with')} Ctrl+Z.")

        dialog.finished.connect(remember)
        self._open_dialog(dialog)
