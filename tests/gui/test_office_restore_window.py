"""Restore from the Office area inside the desk window: Ctrl+8, Alt+R, the desk locks, the
backup replaces the database, and unlocking opens the restored data (issue 14)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import text

from sosdesk.services.office_tools import make_backup
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.office.area import OfficeArea
from tests.factory import make_story
from tests.gui.conftest import press, unlock
from tests.sync.test_gui import Answers

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def test_restore_locks_the_window_and_unlocking_opens_the_backup(
    qtbot, window: MainWindow, db: Database, tmp_path: Path
) -> None:
    kept = make_story(db)
    folder = tmp_path / "usb"
    folder.mkdir()
    copy = make_backup(db, folder).path
    lost = make_story(db)
    unlock(qtbot, window)
    press(qtbot, Qt.Key.Key_8, CTRL)
    area = window.areas["office"]
    assert isinstance(area, OfficeArea) and window.current_area() == "office"
    answers = Answers()
    answers.files_answer = [copy]
    area.chooser = answers
    told: list[str] = []
    area.tell = lambda _title, said: told.append(said)
    area.setFocus()
    press(qtbot, Qt.Key.Key_R, ALT)
    assert window.ctx.is_locked and window.stack.currentWidget() is window.unlock_screen
    assert told and copy.name in told[0], told
    unlock(qtbot, window)
    reopened = window._db
    assert reopened is not None
    with reopened.engine.connect() as c:
        codes = set(c.execute(text("SELECT code FROM clients")).scalars())
        last = c.execute(text("SELECT action FROM audit_entries ORDER BY seq DESC LIMIT 3"))
        actions = list(last.scalars())
    assert kept.code in codes and lost.code not in codes
    assert "restore" in actions
