"""On unlock, a coordinator is shown what the retention rules say is due and applies it with a
progress bar (Ctrl+Enter); nothing is asked when nothing is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from sosdesk.services.calls import CallInput, save_call
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.retention.dialog import RetentionDialog
from tests.artifacts import screenshots_dir
from tests.gui.conftest import unlock

CTRL = Qt.KeyboardModifier.ControlModifier


def _old_calls(db: Database, n: int) -> None:
    for i in range(n):
        save_call(
            db,
            CallInput(
                categories=["victim_support"],
                started_at=datetime.now(UTC) - timedelta(days=400 + i),
                caller_phone="064 998 7766",
                summary=f"stari poziv {i}",
            ),
        )


def test_due_retention_is_applied_after_unlock(qtbot, window: MainWindow, db: Database) -> None:
    _old_calls(db, 3)
    unlock(qtbot, window)
    check = window.retention_check
    qtbot.waitUntil(lambda: check.pending is not None, timeout=10_000)
    assert check.dialog is None  # nothing pops up over the work
    assert "3 zapisa" in window.statusBar().currentMessage()  # the desk speaks Serbian
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(check.dialog, RetentionDialog))
    d = check.dialog
    assert isinstance(d, RetentionDialog)
    assert "3 poziva" in d.summary.text()
    d.grab().save(str(screenshots_dir() / "retention_check.png"))
    qtbot.waitUntil(lambda: d.isActiveWindow())
    with qtbot.waitSignal(d.finished, timeout=15_000):
        qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    assert d.done_counts == {"calls": 3, "clients": 0}
    assert check.pending is None and window.statusBar().currentMessage() == ""
    with db.engine.connect() as c:
        rows = c.execute(text("SELECT summary, caller_phone FROM calls")).all()
    assert {tuple(r) for r in rows} == {(None, None)}


def test_nothing_due_asks_nothing(qtbot, window: MainWindow, db: Database) -> None:
    unlock(qtbot, window)
    check = window.retention_check
    qtbot.waitUntil(lambda: check.checked_on is not None)
    window.ctx.pool.waitForDone(10_000)
    QApplication.processEvents()  # the count's answer is delivered on the GUI thread
    assert check.dialog is None
