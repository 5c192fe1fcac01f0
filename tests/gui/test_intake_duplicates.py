"""The intake form's inline new client goes through the duplicate check: the first save shows
the possible duplicate next to the client and saves nothing; saving again registers anyway."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client
from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
K = Qt.Key


def _count(db: Database, table: type) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(table)).scalar_one())


def test_inline_new_client_with_a_known_phone_is_warned_then_confirmed(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    calls_before, clients_before = _count(db, Call), _count(db, Client)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("victim")
    form.categories.add("follow_up")
    press(qtbot, K.Key_W, ALT)  # a new client
    assert focused() is form.client.given
    typed("Nova")
    form.client.phone.setText("063/123-45-67")  # Đorđe's number
    assert form.save() is None
    assert people["dorde_code"] in form.messages["client"].text()
    assert (_count(db, Call), _count(db, Client)) == (calls_before, clients_before)
    assert form.save() is not None  # saving again: the operator saw the warning
    assert (_count(db, Call), _count(db, Client)) == (calls_before + 1, clients_before + 1)
