"""The call log and the shift handover from the keyboard (issue 18, problem 6): Ctrl+Shift+L
browses calls by filters and Enter opens one; Ctrl+Shift+H shows the running shift's urgent
calls, follow-ups and unsaved calls, and keeps a note for the next operator. Both themes."""

from __future__ import annotations

from datetime import UTC, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sosdesk.services.call_log import get_note, shift_start
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.followups import add_followup
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import press, shot, typed, unlock

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _calls(db: Database) -> tuple[str, str]:
    now = utcnow()
    # Both calls inside the shift running now, whatever the clock says: half an hour back
    # would fall in the shift before during the first half hour of a shift.
    begun = shift_start(now).astimezone(UTC)
    span = now - begun
    urgent = save_call(
        db,
        CallInput(
            categories=["victim_support"],
            urgency="immediate_danger",
            summary="Javlja da je prate",
            started_at=begun + span / 5,
            ended_at=begun + span * 2 / 5,
        ),
    ).id
    plain = save_call(
        db,
        CallInput(
            categories=["prevention_info"],
            summary="Pita za posao u inostranstvu",
            started_at=begun + span * 3 / 5,
            ended_at=begun + span * 4 / 5,
        ),
    ).id
    add_followup(db, now - timedelta(hours=1), "Pozvati klijentkinju")
    return urgent, plain


def test_call_log_filters_and_opens_a_call(qtbot, window: MainWindow, db: Database) -> None:
    urgent, _plain = _calls(db)
    unlock(qtbot, window)
    press(qtbot, K.Key_L, CTRL_SHIFT)
    log = window.call_log
    qtbot.waitUntil(log.isVisible)
    assert log.table.rowCount() == 2
    log.urgency.setCurrentIndex(log.urgency.findData("immediate_danger"))
    assert log.table.rowCount() == 1 and log.table.item(0, 2).text().startswith("⚠")
    assert log.table.item(0, 0).data(Qt.ItemDataRole.UserRole) == urgent
    shot(log, "call-log-light")
    log.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is log.table)
    press(qtbot, K.Key_Return)
    qtbot.waitUntil(lambda: window.areas["calls"].page() == "detail")
    log.urgency.setCurrentIndex(0)


def test_handover_shows_the_shift_and_keeps_a_note(qtbot, window: MainWindow, db: Database) -> None:
    _calls(db)
    unlock(qtbot, window)
    press(qtbot, K.Key_H, CTRL_SHIFT)
    view = window.handover
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.note)
    assert "Hitni pozivi u smeni: 1" in view.urgent.text()
    assert "Javlja da je prate" in view.urgent.text()
    assert "Praćenja koja kasne: 1" in view.followups.text()
    typed("Proveriti smeštaj za klijentkinju iz Niša.")
    press(qtbot, K.Key_Return, CTRL)
    note = get_note(db)
    assert note is not None and note.text == "Proveriti smeštaj za klijentkinju iz Niša."
    assert view.left_by.text().startswith("Ostavila Ana Petrović")
    shot(view, "handover-light")
    window.set_theme("dark")
    shot(view, "handover-dark")
    window.set_theme("light")
    window.lock()  # the handover holds client data: it closes with the lock
    assert not view.isVisible()
