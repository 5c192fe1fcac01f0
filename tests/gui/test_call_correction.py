"""Correcting a call from the client's timeline (Ctrl+E on the call): choose the field, type the
value and the reason; a missing reason is refused on the form; the timeline shows the correction
and the call's history keeps the original."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.services.call_corrections import corrections_of
from sosdesk.services.calls import CallInput, get_call, save_call
from sosdesk.services.events import timeline
from sosdesk.store.database import Database
from sosdesk.ui.calls.correction_dialog import CallCorrectionDialog
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from tests.artifacts import screenshots_dir
from tests.gui.typing_helper import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def call_and_client(db: Database) -> tuple[str, str]:
    view = save_call(
        db,
        CallInput(
            categories=["victim_support"],
            caller_type="victim",
            new_client={"given_name": "Jelena"},
            summary="pratnja do doma zdravlja",
            started_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
        ),
    )
    assert view.client_id is not None
    return view.id, view.client_id


def test_correct_a_call_from_the_timeline(
    qtbot: QtBot, db: Database, call_and_client: tuple[str, str]
) -> None:
    call_id, client_id = call_and_client
    area = ClientsArea(AppContext(db))
    qtbot.addWidget(area)
    area.resize(1300, 850)
    area.show()
    qtbot.waitExposed(area)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    area.open_client(client_id)
    view = area.file.timeline
    [event] = timeline(db, client_id)
    qtbot.waitUntil(lambda: view.select_event(event.id))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: isinstance(area.file.dialog, CallCorrectionDialog))
    d = area.file.dialog
    assert isinstance(d, CallCorrectionDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d)
    d.field_box.setCurrentIndex(d.field_box.findData("summary"))
    assert d.value_edit.text() == "pratnja do doma zdravlja"  # the current value to edit
    d.value_edit.selectAll()
    type_text(d.value_edit, "pratnja do bolnice")
    qtbot.keyClick(d, Qt.Key.Key_Return, CTRL)
    assert d.isVisible() and d.reason_edit.property("invalid") is True  # a reason is required
    assert get_call(db, call_id).summary == "pratnja do doma zdravlja"
    d.reason_edit.setFocus()
    type_text(d.reason_edit, "pogrešno zapisano")
    d.grab().save(str(screenshots_dir() / "call_correction.png"))
    qtbot.keyClick(d.reason_edit, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.file.dialog is None)
    assert get_call(db, call_id).summary == "pratnja do bolnice"
    [c] = corrections_of(db, call_id)
    assert (c.old_value, c.reason) == ("pratnja do doma zdravlja", "pogrešno zapisano")
    kinds = [e.kind for e in timeline(db, client_id)]
    assert kinds == ["amendment", "call"]


def test_a_bad_value_is_shown_on_the_value_box(
    qtbot: QtBot, db: Database, call_and_client: tuple[str, str]
) -> None:
    call_id, _client = call_and_client
    d = CallCorrectionDialog(AppContext(db), call_id)
    qtbot.addWidget(d)
    d.show()
    d.field_box.setCurrentIndex(d.field_box.findData("started_at"))
    d.value_edit.setText("2.3.2026")
    d.reason_edit.setText("datum")
    d.submit()
    assert d.value_edit.property("invalid") is True
    assert corrections_of(db, call_id) == []
