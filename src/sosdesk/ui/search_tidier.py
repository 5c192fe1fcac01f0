"""Tidies the search index (services.search_tidy) while the desk is quiet: no key or mouse
input for a minute and no call being taken. One short step runs in a worker at a time, and the
next only while the quiet lasts, so an operator who comes back finds the desk as fast as ever;
a step in progress holds a save back by a fraction of a second at most."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from sosdesk.logtail import Code
from sosdesk.services.search_tidy import tidy_step
from sosdesk.ui.auth.idle_watch import IdleWatch
from sosdesk.ui.context import DeskContext
from sosdesk.ui.workers import run_in_pool

_log = logging.getLogger(__name__)


class SearchTidier(QObject):
    """Steps of index tidying in the desk's quiet spells, from unlock to lock."""

    def __init__(
        self,
        ctx: DeskContext,
        idle: IdleWatch,
        busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.idle = idle
        self.busy = busy
        self.quiet_ms = 60_000  # input-free time before a step may start
        self.rest_ms = 15 * 60_000  # after the index was found compact
        self.steps = 0  # steps run since this desk was unlocked (for diagnostics and tests)
        self._running = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        ctx.unlocked.connect(self.start)
        ctx.locked.connect(self.stop)

    def start(self) -> None:
        self.steps = 0
        self.timer.start(self.quiet_ms)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def running(self) -> bool:
        """Whether a step is running in the pool now."""
        return self._running

    def _tick(self) -> None:
        if self.ctx.is_locked or self._running:
            return
        quiet, busy = self.idle.quiet.elapsed(), self.busy()
        if busy or quiet < self.quiet_ms:  # look again once the quiet could have lasted
            self.timer.start(self.quiet_ms if busy else max(1, self.quiet_ms - quiet))
            return
        self._running = True
        call = self.ctx.caller()
        run_in_pool(self.ctx.pool, lambda: call(tidy_step), self._stepped, self._failed)

    def _stepped(self, compact: bool) -> None:
        self._running = False
        self.steps += 1
        if not self.ctx.is_locked:
            self.timer.start(self.rest_ms if compact else 0)

    def _failed(self, exc: object) -> None:
        # A busy database or a full disk: try again in the next quiet spell, never bother anyone.
        self._running = False
        _log.info("search index tidying paused: %s", Code(type(exc).__name__))
        if not self.ctx.is_locked:
            self.timer.start(self.rest_ms)
