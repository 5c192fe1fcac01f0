"""Directory area: search in any script, stale entries marked, add and edit from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.directory import create_entry, search_directory
from sosdesk.store.database import Database
from sosdesk.ui.context import AppContext
from sosdesk.ui.directory.area import DirectoryArea
from sosdesk.ui.directory.model import DirectoryModel
from tests.gui.typing_helper import type_text


def test_search_stale_add_and_verify(db: Database, qtbot: QtBot) -> None:
    create_entry(
        db,
        {
            "kind": "lawyer",
            "name": "adv. Milan Đorđević",
            "city": "Kragujevac",
            "last_verified": date.today() - timedelta(days=500),
        },
    )
    create_entry(
        db,
        {
            "kind": "shelter",
            "name": "Prihvatilište za urgentni smeštaj",
            "city": "Beograd",
            "last_verified": date.today(),
        },
    )
    ctx = AppContext(db)
    area = DirectoryArea(ctx)
    qtbot.addWidget(area)
    area.resize(1200, 600)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    assert area.model.rowCount() == 2
    type_text(area.query, "Ђорђ")
    assert [e.name for e in area.model.entries] == ["adv. Milan Đorđević"]
    verified = area.model.index(0, DirectoryModel.VERIFIED).data()
    assert verified.startswith("⚠") and "stale" in verified
    area.table.setFocus()
    qtbot.keyClick(
        area.table,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not area.model.index(0, DirectoryModel.VERIFIED).data().startswith("⚠")

    qtbot.keyClick(
        area.table,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: area.dialog is not None and QApplication.activeWindow() is area.dialog)
    dialog = area.dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # kind and name are required: nothing saved
    assert dialog.errors._fields["name"][1].text() == "required"
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, "Amb")  # Ambasada
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "Ambasada Ukrajine")  # type: ignore[arg-type]
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [e.kind for e in search_directory(db, "украјине")] == ["embassy"]
    area.query.clear()
    assert area.model.rowCount() == 3
