"""Work off the GUI thread: a QRunnable that reports its result or error by signal, and a
runner that keeps only the answer to the latest request (lookup as you type).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    """Signals of one worker; they arrive on the thread that created this object (the GUI)."""

    done = Signal(object)
    failed = Signal(object)  # the exception (never shown raw: it may hold client data)


class Worker(QRunnable):
    """Runs `fn()` in the pool."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # reported, not raised: a worker must never kill the app
            _log.warning("background job failed", exc_info=exc)  # type and module only
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


_running: set[Worker] = set()  # keep workers (and their signal objects) alive until they report


def run_in_pool(
    pool: QThreadPool,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[Any], None] | None = None,
) -> Worker:
    """Start `fn` in the pool; `on_done(result)` or `on_failed(exc)` run on the GUI thread."""
    worker = Worker(fn)
    worker.setAutoDelete(False)
    _running.add(worker)

    def finish_ok(result: Any) -> None:
        _running.discard(worker)
        on_done(result)

    def finish_err(exc: Any) -> None:
        _running.discard(worker)
        if on_failed is not None:
            on_failed(exc)

    worker.signals.done.connect(finish_ok)
    worker.signals.failed.connect(finish_err)
    pool.start(worker)
    return worker


class LatestOnly(QObject):
    """Runs requests in the pool and reports only the newest one's answer (stale ones drop)."""

    answered = Signal(object)
    failed = Signal(object)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._generation = 0

    def submit(self, fn: Callable[[], Any]) -> None:
        """Start a request; any earlier one still running will be ignored when it ends."""
        self._generation += 1
        generation = self._generation
        run_in_pool(
            self._pool,
            fn,
            lambda result: self._deliver(generation, result),
            lambda exc: self._fail(generation, exc),
        )

    def cancel(self) -> None:
        """Forget every request in flight (on lock, or when the query is cleared)."""
        self._generation += 1

    def _deliver(self, generation: int, result: Any) -> None:
        # The receiver may be gone (window closed) by the time a slow request ends.
        with contextlib.suppress(RuntimeError):
            if generation == self._generation:
                self.answered.emit(result)

    def _fail(self, generation: int, exc: Any) -> None:
        with contextlib.suppress(RuntimeError):
            if generation == self._generation:
                self.failed.emit(exc)
