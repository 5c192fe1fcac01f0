"""Work off the GUI thread: a QRunnable that reports its result or error by signal, and a
runner that runs one request at a time and keeps only the answer to the latest (lookup as you
type, statistics of the period just chosen).
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
    """Runs requests in the pool one at a time and reports only the newest one's answer.

    A request made while another runs waits, replacing any request already waiting: typing
    fast or changing a period twice never runs two of them side by side, each on its own
    connection with its own page cache (a year of statistics holds tens of MB of pages).
    """

    answered = Signal(object)
    failed = Signal(object)

    def __init__(self, pool: QThreadPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool
        self._generation = 0
        self._running = False
        # The request waiting to run; it is always the newest (generation `_generation`).
        self._waiting: Callable[[], Any] | None = None

    def submit(self, fn: Callable[[], Any]) -> None:
        """Ask for `fn()`; an earlier request still running is ignored when it ends."""
        self._generation += 1
        self._waiting = fn
        if not self._running:
            self._start_waiting()

    def cancel(self) -> None:
        """Forget every request in flight or waiting (on lock, or when the query is cleared)."""
        self._generation += 1
        self._waiting = None

    @property
    def busy(self) -> bool:
        """Whether a request is running."""
        return self._running

    def _start_waiting(self) -> None:
        fn, generation = self._waiting, self._generation
        if fn is None:
            return
        self._waiting = None
        self._running = True
        run_in_pool(
            self._pool,
            fn,
            lambda result: self._ended(generation, True, result),
            lambda exc: self._ended(generation, False, exc),
        )

    def _ended(self, generation: int, ok: bool, value: Any) -> None:
        self._running = False
        # The receiver may be gone (window closed) by the time a slow request ends.
        with contextlib.suppress(RuntimeError):
            self._start_waiting()
            if generation == self._generation:
                (self.answered if ok else self.failed).emit(value)
