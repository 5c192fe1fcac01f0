"""The desk keeps the keyboard through a lock and does not lock while she listens (issue 18,
problems 3 and 4): after Ctrl+L and unlock the shortcuts of the call work at once, from the field
she was in; the idle lock waits during a call up to the coordinator's limit; Ctrl+L still locks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sosdesk.services.errors import NotAllowed
from sosdesk.services.night_shift import call_hold_minutes, set_call_hold_minutes
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import press, typed, unlock

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _take_call(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.summary.setFocus()
    typed("Zove iz Niša, kaže da je prate")


def test_shortcuts_work_at_once_after_unlock(qtbot, window: MainWindow) -> None:
    _take_call(qtbot, window)
    form = window.areas["calls"].form
    press(qtbot, K.Key_L, CTRL)
    assert window.ctx.is_locked
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.summary)
    press(qtbot, K.Key_S, CTRL)  # no Tab first: the form's own shortcut answers
    assert form.messages["categories"].text() != ""  # it tried to save and says what is missing
    assert window.areas["calls"].page() == "form"


def test_idle_lock_waits_during_a_call_but_not_for_ever(
    qtbot, window: MainWindow, db: Database
) -> None:
    assert call_hold_minutes(db) == 60
    set_call_hold_minutes(db, 1)
    _take_call(qtbot, window)
    assert window.idle._hold_ms == 60_000  # the coordinator's limit is what the window uses
    window.idle.set_interval_ms(150)
    qtbot.wait(700)  # four idle times of quiet: she is listening
    assert not window.ctx.is_locked
    window.idle.hold_while(window._call_running, 300)  # a short limit, to see it end
    qtbot.waitUntil(lambda: window.ctx.is_locked, timeout=3000)
    unlock(qtbot, window)
    press(qtbot, K.Key_L, CTRL)  # Ctrl+L locks at once, call or not
    assert window.ctx.is_locked


def test_without_a_call_the_idle_lock_is_as_before(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    assert not window._call_running()
    window.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: window.ctx.is_locked, timeout=2000)


def test_only_a_coordinator_sets_the_limit(db: Database) -> None:
    db.add_user("mira", "Mira Ilić", "operator", "druga-lozinka-7")
    reopened = Database.open(db.path, user="mira", passphrase="druga-lozinka-7")
    with pytest.raises(NotAllowed):
        set_call_hold_minutes(reopened, 5)
    reopened.close()
    with pytest.raises(Exception) as err:
        set_call_hold_minutes(db, 999)
    assert err.value.errors[0].code == "nightshift.hold_range"  # type: ignore[attr-defined]
