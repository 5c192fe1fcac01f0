"""Never lose a call: the form is kept as a draft every few seconds and on lock; a lock brings
the operator back to the same field, and after a crash the next unlock offers the call back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from sosdesk.services.drafts import list_drafts
from sosdesk.services.preferences import Preferences
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from tests.conftest import USER
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
K = Qt.Key
SUMMARY = "Javila se iz Čačka, ne sme da govori dugo"


def _start_call(qtbot, w: MainWindow) -> None:
    unlock(qtbot, w)
    w.areas["calls"].keeper.timer.setInterval(50)  # "every few seconds", sped up
    press(qtbot, K.Key_N, CTRL)
    typed("žrt")
    press(qtbot, K.Key_Return)
    w.areas["calls"].form.summary.setFocus()
    typed(SUMMARY)


def test_draft_is_offered_after_the_window_dies_unsaved(
    qtbot, window: MainWindow, db: Database, db_path: Path
) -> None:
    _start_call(qtbot, window)
    calls = window.areas["calls"]
    with qtbot.waitSignal(calls.keeper.saved, timeout=5000):
        pass
    started = calls.form.state()["started"]
    # The process dies: no close, no save; the operating system drops its instance lock.
    window.areas["calls"].keeper.timer.stop()
    window.idle.stop()
    window.instance_lock.release()
    window.hide()
    assert [d.payload["texts"]["summary"] for d in list_drafts(db, "call")] == [SUMMARY]

    again = MainWindow(db_path, USER, prefs=Preferences(theme="light"))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    unlock(qtbot, again)
    area = again.areas["calls"]
    assert area.banner.isVisible() and area.page() == "idle"
    assert "nije sačuvan" in area.banner.text.text()
    press(qtbot, K.Key_V, ALT)  # "&Vrati poziv"
    qtbot.waitUntil(lambda: area.page() == "form", timeout=3000)
    form = area.form
    assert form.summary.toPlainText() == SUMMARY
    assert form.picks["caller_type"].code() == "victim"
    assert form.state()["started"] == started  # the call timer goes on from the real start
    assert not area.banner.isVisible()
    form.categories.add("victim_support")
    assert form.save() is not None
    assert list_drafts(db, "call") == []  # saved: the draft is gone
    again.close()


def test_lock_keeps_the_call_and_unlock_returns_to_the_same_field(
    qtbot, window: MainWindow, db: Database
) -> None:
    _start_call(qtbot, window)
    form = window.areas["calls"].form
    assert focused() is form.summary
    press(qtbot, K.Key_L, CTRL)
    assert window.ctx.is_locked
    assert form.summary.toPlainText() == "" and not form.is_active()
    drafts = list_drafts(db, "call")
    assert len(drafts) == 1 and drafts[0].payload["focus"] == "summary"
    unlock(qtbot, window)
    calls = window.areas["calls"]
    assert window.current_area() == "calls" and calls.page() == "form"
    assert form.summary.toPlainText() == SUMMARY
    assert focused() is form.summary
    assert not calls.banner.isVisible()  # its own call comes back, it is not "offered"
    typed(" i traži pomoć.")
    assert form.summary.toPlainText().endswith("traži pomoć.")


def test_quitting_keeps_the_call_as_a_draft(
    qtbot, window: MainWindow, db: Database, db_path: Path
) -> None:
    _start_call(qtbot, window)
    window.close()
    assert [d.payload["texts"]["summary"] for d in list_drafts(db, "call")] == [SUMMARY]
    assert not window.instance_lock.held
