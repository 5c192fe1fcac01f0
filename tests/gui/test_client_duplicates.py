"""Creating a client that already exists in the other script warns, and opens the existing file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from sosdesk.services.clients import create_client
from sosdesk.store.database import Database
from sosdesk.store.models import Client
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from tests.gui.typing_helper import type_text


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    """Pages read ahead in the pool finish before the database closes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def _clients(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(Client)).scalar_one())


def test_same_person_in_latin_is_found_in_cyrillic(db: Database, qtbot: QtBot) -> None:
    existing = create_client(
        db, {"given_name": "Ђорђе", "family_name": "Петровић", "birth_year": 1990}
    )
    area = ClientsArea(AppContext(db))
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    area.show_finder()
    qtbot.keyClick(
        area.finder.query,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: area.new_dialog is not None and QApplication.activeWindow() is area.new_dialog
    )
    dialog = area.new_dialog
    assert dialog is not None
    type_text(dialog.given_name, "Đorđe")
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_Tab)
    type_text(dialog.family_name, "Petrović")
    dialog.birth_year.setFocus()
    qtbot.keyClicks(dialog.birth_year, "1990")
    qtbot.waitUntil(dialog.banner.isVisible)  # warned while typing
    qtbot.keyClick(dialog.birth_year, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _clients(db) == 1 and dialog.isVisible()  # not created behind the warning
    assert QApplication.focusWidget() is dialog.matches
    assert existing.code in dialog.matches.item(0).text()
    assert "same name and birth year" in dialog.matches.item(0).text()
    qtbot.keyClick(dialog.matches, Qt.Key.Key_Return)  # open the existing file instead
    qtbot.waitUntil(lambda: area.file.client is not None)
    assert area.file.client is not None and area.file.client.id == existing.id
    assert _clients(db) == 1


def test_create_anyway_after_the_warning(db: Database, qtbot: QtBot) -> None:
    create_client(db, {"given_name": "Ana", "family_name": "Ilić", "phones": ["064 222 3344"]})
    area = ClientsArea(AppContext(db))
    qtbot.addWidget(area)
    area.show()
    area.new_client()
    dialog = area.new_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.nickname, "Buba")
    qtbot.keyClicks(dialog.phone, "+381 64 2223344")
    dialog.submit()
    assert "same phone number" in dialog.matches.item(0).text()
    assert _clients(db) == 1
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(
        dialog,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: area.file.client is not None)
    assert _clients(db) == 2 and area.file.client is not None
    assert area.file.client.nickname == "Buba"
