"""Start-up probe for benchmarks and the packaging smoke test (SOSDESK_STARTUP_PROBE).

`1`: print `unlock-screen <seconds>` once the unlock screen is painted, then quit.
`unlock`: the same, then unlock with $SOSDESK_USER / $SOSDESK_PASSPHRASE through the unlock
screen's own button, print `unlocked <seconds>` once the desk shows and quit (exit 0), or print
`unlock-failed` and exit 1. $SOSDESK_PROBE_SHOT names a PNG file for a picture of the unlock
screen (it shows no client data: only the desk code and the database file name).
`statistics`: as `unlock`, then open the statistics area on the year $SOSDESK_PROBE_YEAR
compared with the year before, print `statistics <seconds>` once the figures are on screen and
quit: the desk's peak memory with the heaviest thing an operator usually does.
"""

from __future__ import annotations

import os
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from sosdesk.config import ENV_PASSPHRASE
from sosdesk.stats.periods import Period
from sosdesk.ui.main_window import MainWindow

ENV_PROBE_SHOT = "SOSDESK_PROBE_SHOT"
ENV_PROBE_YEAR = "SOSDESK_PROBE_YEAR"
_POLL_MS = 10  # the unlock benchmark reads "unlocked" to this precision
_GIVE_UP_S = 120.0


class StartupProbe(QObject):
    """Reports the start-up milestones of one desk window on stdout."""

    def __init__(self, app: QApplication, window: MainWindow, started: float, mode: str) -> None:
        super().__init__(window)
        self.app, self.window, self.started, self.mode = app, window, started, mode
        self.timer = QTimer(self)
        self.timer.setInterval(_POLL_MS)
        self.timer.timeout.connect(self._check)

    def _say(self, what: str) -> None:
        print(f"{what} {time.perf_counter() - self.started:.4f}", flush=True)

    def shown(self) -> None:
        """The unlock screen is on: report, then quit or go on to unlock."""
        self._say("unlock-screen")
        shot = os.environ.get(ENV_PROBE_SHOT)
        if shot:
            self.window.grab().save(shot)
        if self.mode not in ("unlock", "statistics"):
            self._finish(0)
            return
        screen = self.window.unlock_screen
        screen.pass_edit.setText(os.environ.get(ENV_PASSPHRASE, ""))
        screen.unlock_button.click()
        self.timer.start()

    def _check(self) -> None:
        screen = self.window.unlock_screen
        if self.window.desk is not None and self.window.stack.currentWidget() is self.window.desk:
            self._say("unlocked")
            if self.mode == "statistics":
                self.timer.timeout.disconnect(self._check)
                self._open_statistics()
                return
            self._finish(0)
        elif screen.unlock_button.isEnabled() or time.perf_counter() - self.started > _GIVE_UP_S:
            print("unlock-failed", flush=True)  # the reason is on the screen, not printed
            self._finish(1)

    def _open_statistics(self) -> None:
        from sosdesk.ui.statistics.area import StatisticsArea  # as the desk: on first use

        self.window.switch_area("statistics")
        area = self.window.areas["statistics"]
        assert isinstance(area, StatisticsArea)
        year = int(os.environ.get(ENV_PROBE_YEAR) or 0) or area.picker.period().start.year
        area.compare.setChecked(True)
        self.wanted = Period.year(year)
        area.picker.set_period(self.wanted)  # announced to the area, which computes it
        self.area = area
        self.timer.timeout.connect(self._check_statistics)

    def _check_statistics(self) -> None:
        dash = self.area.dashboard
        if dash is not None and dash.period == self.wanted and dash.previous is not None:
            self._say("statistics")
            self._finish(0)
        elif self.area.message.text() or time.perf_counter() - self.started > _GIVE_UP_S:
            print("statistics-failed", flush=True)
            self._finish(1)

    def _finish(self, code: int) -> None:
        self.timer.stop()
        self.window.close()
        self.app.exit(code)
