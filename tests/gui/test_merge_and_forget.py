"""From the client's file: a consultant merges another registration into it (Ctrl+Shift+J) and a
coordinator erases a client (Ctrl+Shift+Del), keyboard only; the canary is gone afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sosdesk.services.clients import find_by_code, get_client
from sosdesk.store.database import Database
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.clients.forget_dialog import ForgetDialog
from sosdesk.ui.clients.merge_dialog import MergeDialog
from sosdesk.ui.context import AppContext
from tests.artifacts import screenshots_dir
from tests.factory import take_call
from tests.forgetting.canary import canary_client, found_in
from tests.gui.typing_helper import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def _area(qtbot: QtBot, db: Database, client_id: str) -> ClientsArea:
    area = ClientsArea(AppContext(db))
    qtbot.addWidget(area)
    area.resize(1300, 850)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    area.open_client(client_id)
    area.file.timeline.table.setFocus()
    return area


def test_merge_from_the_file(qtbot: QtBot, db: Database) -> None:
    keep = take_call(db, "Jovana", summary="prvi")
    absorb = take_call(db, "Jovanka", summary="drugi", nickname="Joca")
    absorb_code = get_client(db, absorb, audit_view=False).code
    area = _area(qtbot, db, keep)
    qtbot.keyClick(area.file.timeline.table, Qt.Key.Key_J, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(area.file.dialog, MergeDialog))
    d = area.file.dialog
    assert isinstance(d, MergeDialog)
    qtbot.waitUntil(lambda: d.absorb_edit.hasFocus())
    qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    assert d.isVisible() and d.absorb_edit.property("invalid") is True  # a code is needed
    type_text(d.absorb_edit, absorb_code)
    d.fields.setFocus()
    d.fields.setCurrentRow(0)  # given name
    qtbot.keyClick(d.fields, Qt.Key.Key_Space)
    d.reason_edit.setFocus()
    type_text(d.reason_edit, "ista osoba, isti telefon")
    d.grab().save(str(screenshots_dir() / "merge_dialog.png"))
    qtbot.keyClick(d.reason_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.file.dialog is None)
    survivor = find_by_code(db, absorb_code)
    assert (survivor.id, survivor.given_name) == (keep, "Jovanka")
    assert "Joca" in survivor.aliases


def test_erase_from_the_file(qtbot: QtBot, db: Database) -> None:
    cid, code, _call = canary_client(db)
    area = _area(qtbot, db, cid)
    qtbot.keyClick(area.file.timeline.table, Qt.Key.Key_Delete, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(area.file.dialog, ForgetDialog))
    d = area.file.dialog
    assert isinstance(d, ForgetDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    d.mode_box.setCurrentIndex(d.mode_box.findData("erase"))
    d.reason_edit.setFocus()
    type_text(d.reason_edit, "zahtev lica od 1.12.")
    d.confirm_edit.setFocus()
    type_text(d.confirm_edit, "BG1-2026-9999")
    qtbot.keyClick(d.confirm_edit, Qt.Key.Key_Return, CTRL)
    assert d.isVisible() and d.confirm_edit.property("invalid") is True  # the wrong code
    assert "clients" in found_in(db)
    d.confirm_edit.selectAll()
    type_text(d.confirm_edit, code)
    d.grab().save(str(screenshots_dir() / "forget_dialog.png"))
    qtbot.keyClick(d.confirm_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.file.dialog is None)
    assert area.file.client is None
    qtbot.waitUntil(lambda: not area.file.compacting, timeout=15_000)  # vacuumed in the pool
    assert found_in(db) == {}
    with db.engine.connect() as c:
        assert c.execute(text("PRAGMA freelist_count")).scalar_one() == 0
