"""The retention check on unlock: once a day, when a coordinator unlocks, what the retention
rules say is due is counted in the background; if anything is due, this dialog lists it and
applies it on confirmation, with a progress bar (`RetentionCheck` starts it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.services.retention import RetentionDue, apply_retention, due, rules
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.permission import may
from sosdesk.ui.widgets.problem_text import failure_text
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.workers import run_in_pool


class _Progress(QObject):
    """Carries the worker's progress to the GUI thread."""

    moved = Signal(int, int)


class RetentionDialog(QDialog):
    """What is due; Apply (Ctrl+Enter) runs it in the pool with a progress bar; Later (Esc)."""

    def __init__(self, ctx: AppContext, todo: RetentionDue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.todo = todo
        self.done_counts: dict[str, int] | None = None
        self.setWindowTitle(self.tr("Retention check"))
        self.setMinimumWidth(480)
        periods = ctx.call(rules)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr(
                "Due under the retention rules: the caller's number and text of {0} calls "
                "without a client (older than {1} months), and {2} clients whose cases closed "
                "more than {3} years ago, to be anonymised."
            ).format(
                todo.calls,
                periods["call_text_months"],
                len(todo.clients),
                periods["closed_case_years"],
            ),
            self,
        )
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What retention removes now"))
        layout.addWidget(self.summary)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Retention progress"))
        self.progress.setRange(0, max(1, todo.calls + len(todo.clients)))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            with_key(self.tr("Apply"), "Ctrl+Enter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setProperty("role", "primary")
        self.buttons.addButton(
            with_key(self.tr("Later"), "Esc"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(key, self, self.apply, window=True)

    def apply(self) -> None:
        """Apply what is due in the pool; the bar follows, the dialog closes when done."""
        call = self.ctx.caller()
        progress = _Progress(self)
        progress.moved.connect(lambda n, _total: self.progress.setValue(n))
        self.progress.setValue(0)
        self.progress.show()
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Applying…"))
        run_in_pool(
            self.ctx.pool,
            lambda: call(apply_retention, progress=progress.moved.emit),
            self._applied,
            self._failed,
        )

    def _applied(self, counts: dict[str, int]) -> None:
        self.done_counts = counts
        self.progress.setValue(self.progress.maximum())
        self.accept()

    def _failed(self, exc: Any) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(failure_text(exc))


class RetentionCheck(QObject):
    """Counts what is due once a day when a coordinator unlocks and says so in the status bar
    (no window pops up over the work); Ctrl+Alt+R opens the dialog to confirm."""

    KEY = "Ctrl+Alt+R"  # Ctrl+Shift+R records a report in the Casework area

    def __init__(self, ctx: AppContext, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.checked_on: date | None = None
        self.pending: RetentionDue | None = None
        self.dialog: RetentionDialog | None = None
        ctx.unlocked.connect(self.check)
        ctx.locked.connect(self._locked)
        shortcut(self.KEY, parent, self.review, window=True)

    def check(self) -> None:
        """Start the count in the pool (coordinators only, once a day)."""
        if not may(self.ctx, roles.SET_RETENTION):
            return
        if self.checked_on == date.today():
            return
        self.checked_on = date.today()
        call = self.ctx.caller()
        run_in_pool(self.ctx.pool, lambda: call(due), self._counted, lambda _e: None)

    def _counted(self, todo: RetentionDue) -> None:
        if todo.empty or self.ctx.is_locked:
            return
        self.pending = todo
        self.window.statusBar().showMessage(
            self.tr("Retention: {0} records are due; {1} reviews and applies.").format(
                todo.calls + len(todo.clients), self.KEY
            )
        )

    def review(self) -> None:
        """Open the dialog for what is due (Ctrl+Alt+R, coordinator)."""
        if not may(self.ctx, roles.SET_RETENTION) or self.dialog is not None:
            return
        todo = self.pending if self.pending is not None else self.ctx.call(due)
        if todo.empty:
            self.window.statusBar().showMessage(self.tr("Retention: nothing is due."), 6000)
            return
        self.dialog = RetentionDialog(self.ctx, todo, self.window)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self, result: int) -> None:
        if self.dialog is not None:
            if self.dialog.done_counts is not None:
                self.pending = None
                self.window.statusBar().clearMessage()
            self.dialog.deleteLater()
        self.dialog = None

    def _locked(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
