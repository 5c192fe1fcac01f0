"""Locks the desk after a spell without keyboard or mouse input (default 5 minutes).

While a call is in progress (`hold_while`), the lock waits longer: the operator listens and
types nothing, and must not be asked for her passphrase while the caller talks. The pause has
a limit the coordinator sets; Ctrl+L still locks at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.InputMethod,
    }
)


class IdleWatch(QObject):
    """Emits `idle` once the interval passes with no input; any input starts it over."""

    idle = Signal()

    def __init__(self, minutes: int = 5, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._timeout)
        self.quiet = QElapsedTimer()  # time since the last input
        self.quiet.start()
        self._busy: Callable[[], bool] = lambda: False
        self._hold_ms = 0
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        """The idle time in milliseconds (tests use a few)."""
        running = self.timer.isActive()
        self._interval = ms
        self.timer.setInterval(ms)
        if running:
            self.timer.start(ms)

    def hold_while(self, busy: Callable[[], bool], hold_ms: int) -> None:
        """While `busy()` (a call is in progress) wait up to `hold_ms` of quiet before locking."""
        self._busy = busy
        self._hold_ms = max(0, hold_ms)

    def start(self) -> None:
        self.quiet.restart()
        self.timer.start(self._interval)

    def _timeout(self) -> None:
        waited = self.quiet.elapsed()
        limit = max(self._hold_ms, self._interval) if self._busy() else self._interval
        if waited < limit:  # a call holds the lock off (or the timer fired early): look again
            self.timer.start(max(1, min(self._interval, limit - waited)))
            return
        self.idle.emit()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive():
            self.quiet.restart()
            self.timer.start(self._interval)  # restart the countdown
        return False
