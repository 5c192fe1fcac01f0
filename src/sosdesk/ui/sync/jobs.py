"""Long sync work (export, import) in the pool, with progress reported to a bar by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar

from sosdesk.ui.context import AppContext
from sosdesk.ui.workers import run_in_pool

ProgressFn = Callable[[int, int], None]


class ProgressRelay(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    progressed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        """Called on the worker thread."""
        self.progressed.emit(done, total)


class Job(QObject):
    """One running export or import; `finished(result)` or `failed(exc)` on the GUI thread."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, bar: QProgressBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._show)
        self.running = False

    def start(self, ctx: AppContext, fn: Callable[[ProgressFn], Any]) -> None:
        """Run `fn(progress)` in the pool; the bar shows how far it got."""
        self.running = True
        self.bar.setRange(0, 0)  # busy until the first report
        self.bar.setValue(0)
        self.bar.show()
        run_in_pool(ctx.pool, lambda: fn(self.relay.report), self._ok, self._err)

    def _show(self, done: int, total: int) -> None:
        # Byte counts can exceed an int's range in a QProgressBar: show per mille.
        self.bar.setRange(0, 1000)
        self.bar.setValue(int(1000 * done / total) if total else 0)

    def _ok(self, result: Any) -> None:
        self.running = False
        self.bar.setRange(0, 1000)
        self.bar.setValue(1000)
        self.bar.hide()  # the message line says what was done
        self.finished.emit(result)

    def _err(self, exc: Any) -> None:
        self.running = False
        self.bar.hide()
        self.failed.emit(exc)
