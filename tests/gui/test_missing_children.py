"""The 116 000 line in the desk: a missing-child case opened by keyboard during a call, tied to
the call when it is saved, and listed in the Missing children area (Ctrl+0)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sosdesk.store.database import Database
from sosdesk.store.models import Call, MissingCase
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import focused, press, shot, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
K = Qt.Key


def test_open_a_case_during_a_116000_call_by_keyboard(
    qtbot, window: MainWindow, db: Database
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    calls = window.areas["calls"]
    form = calls.form
    form.picks["line"].set_code("missing_116000")
    form.picks["caller_type"].set_code("family")
    form.categories.input.setFocus()
    typed("nestal")
    press(qtbot, K.Key_Return)
    assert form.categories.codes() == ["missing_child"]
    form.summary.setFocus()
    typed("Majka prijavljuje nestanak ćerke.")
    press(qtbot, K.Key_M, CTRL | SHIFT)
    hook = calls.missing_child
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible())
    dialog = hook.dialog
    assert isinstance(dialog, ActionDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert focused() is dialog._first  # the category, ready for the arrow keys
    press(qtbot, K.Key_Down, times=2)  # category: the third, "thrown out"
    press(qtbot, K.Key_Tab)
    press(qtbot, K.Key_Tab)  # reporter: parent (the first)
    typed("majka")
    press(qtbot, K.Key_Tab)
    typed("Milica Jovanović")
    press(qtbot, K.Key_Tab)
    typed("14")
    shot(dialog, "missing_open_dialog")
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: hook.dialog is None)
    assert len(hook.pending) == 1
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.summary)  # back in the call
    press(qtbot, K.Key_S, CTRL)
    qtbot.waitUntil(lambda: calls.page() == "idle", timeout=5000)
    with db.session() as s:
        call = s.execute(select(Call).order_by(Call.created_at.desc()).limit(1)).scalar_one()
        case = s.execute(select(MissingCase)).scalar_one()
    assert call.line == "missing_116000"
    assert case.call_id == call.id and case.category == "thrown_out"
    assert (case.child_name, case.age, case.reporter_kind) == ("Milica Jovanović", 14, "parent")
    assert case.reporter_relation == "majka"
    assert not hook.pending

    qtbot.keyClick(window, K.Key_0, CTRL)
    qtbot.waitUntil(lambda: window.current_area() == "missing")
    area = window.areas["missing"]
    qtbot.waitUntil(lambda: area.table.rowCount() == 1)
    assert area.table.item(0, 2).text() == "Milica Jovanović"
    assert area.table.item(0, 4).text() == "nije još prijavljeno"
    QApplication.processEvents()
    shot(window, "missing_area")
