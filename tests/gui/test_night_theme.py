"""The night theme reaches every corner (issue 18, problem 7): the unlock screen opens in the
theme last used with the database, the statistics chart is redrawn in the theme switched to."""

from __future__ import annotations

import stat

from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import palette_colours, startup_theme
from tests.gui.conftest import shot, unlock


def test_unlock_screen_opens_in_the_theme_last_used(qtbot, window: MainWindow) -> None:
    assert startup_theme(window.db_path) == "auto"  # nothing remembered yet
    unlock(qtbot, window)
    window.set_theme("dark")
    remembered = window.db_path.with_name(window.db_path.name + ".theme")
    assert remembered.read_text() == "dark"
    assert stat.S_IMODE(remembered.stat().st_mode) == 0o600
    assert startup_theme(window.db_path) == "dark"  # what app.py opens the next start in
    window.lock()
    shot(window, "unlock-dark")
    window.set_theme("light")


def test_chart_follows_the_theme(qtbot, window: MainWindow, people) -> None:
    unlock(qtbot, window)
    window.switch_area("statistics")
    area = window.areas["statistics"]
    chart_view = area.chart
    window.set_theme("dark")
    qtbot.waitUntil(
        lambda: (
            chart_view.chart().backgroundBrush().color().name()
            == palette_colours("dark")["surface"]
        )
    )
    shot(window, "statistics-dark")
    window.set_theme("light")
    qtbot.waitUntil(
        lambda: (
            chart_view.chart().backgroundBrush().color().name()
            == palette_colours("light")["surface"]
        )
    )


def test_statistics_say_which_days_are_compared(qtbot, window: MainWindow, people) -> None:
    unlock(qtbot, window)
    window.switch_area("statistics")
    area = window.areas["statistics"]
    qtbot.waitUntil(lambda: area.dashboard is not None)
    d = area.dashboard
    if d.previous is not None and d.previous.days < d.period.previous().days:  # a running month
        assert "upoređeno sa istim danima ranije" in area.scope.text()
        assert f"{d.previous.last_day:%d.%m.%Y}" in area.scope.text()
    else:  # the month on show is over: the whole month before, nothing to say
        assert "upoređeno" not in area.scope.text()
