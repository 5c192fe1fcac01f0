"""The search index is tidied in the desk's quiet spells only: never while a call is being
taken or input comes, never while locked (the real window, a real encrypted database)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sosdesk.services.search_tidy import FRAGMENTED, segments
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from tests.factory import take_call
from tests.gui.conftest import press, unlock


def test_quiet_desk_tidies_its_search_index_and_stops_at_lock(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    for i in range(40):  # saves of the night: one small index segment each
        take_call(db, f"Klijentkinja {i}", f"poziv {i}", phones=[f"+38164{2000000 + i}"])
    before = segments(db)
    assert before["call_fts"] > FRAGMENTED, before
    unlock(qtbot, window)
    tidier = window.tidier
    assert tidier.timer.isActive() and tidier.timer.interval() == tidier.quiet_ms
    assert tidier.steps == 0  # a minute of quiet first

    tidier.quiet_ms = 0  # the minute has passed
    tidier.timer.start(0)
    qtbot.waitUntil(
        lambda: tidier.steps > 0 and tidier.timer.interval() == tidier.rest_ms, timeout=20_000
    )
    after = segments(db)  # compact, and resting until the next quiet spell
    assert after["call_fts"] < before["call_fts"] and max(after.values()) <= FRAGMENTED

    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.ctx.is_locked, timeout=5000)
    assert not tidier.timer.isActive()


def test_no_step_while_a_call_is_taken_or_the_operator_types(
    qtbot, window: MainWindow, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    tidier = window.tidier
    tidier.busy = lambda: True  # a call in progress
    tidier.quiet_ms = 0
    tidier.timer.stop()
    tidier._tick()
    # A step would set `running` at once (its count only when it ends, in the pool).
    assert not tidier.running
    assert tidier.steps == 0 and tidier.timer.isActive()  # looked, and will look again

    tidier.busy = lambda: False
    tidier.quiet_ms = 60_000
    window.idle.quiet.restart()  # input a moment ago
    tidier.timer.stop()
    tidier._tick()
    assert not tidier.running
    assert tidier.steps == 0 and 0 < tidier.timer.interval() <= 60_000
