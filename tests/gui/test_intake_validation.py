"""Bad input in the intake form: a message next to each field, nothing saved half-way."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client, utcnow
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.datetime_field import format_local
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
K = Qt.Key


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_an_empty_call_is_refused_field_by_field(qtbot, window: MainWindow, db: Database) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    before = _count(db, Call)
    press(qtbot, K.Key_S, CTRL)
    assert form.messages["caller_type"].text().startswith("Obavezno")
    assert form.messages["categories"].text() == "Izaberite bar jednu kategoriju"
    assert form.top_message.text() == "Ispravite označena polja."
    assert focused() is form.picks["caller_type"]  # the cursor goes to the first problem
    assert _count(db, Call) == before
    typed("xyz")  # not a caller type
    press(qtbot, K.Key_Tab)
    assert form.picks["caller_type"].code() is None
    press(qtbot, K.Key_S, CTRL)
    assert form.messages["caller_type"].text().startswith("Nije na listi")


def test_impossible_dates_and_an_end_before_the_start(
    qtbot, window: MainWindow, db: Database
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("citizen")
    form.categories.add("prevention_info")
    before = _count(db, Call)
    form.times["started_at"].setText("31.02.2026 10:00")
    form.times["ended_at"].setText("sutra")
    assert form.save() is None
    assert form.messages["started_at"].text().startswith("Takav datum ili vreme ne postoji")
    assert form.messages["ended_at"].text().startswith("Upišite datum i vreme")
    start = utcnow() - timedelta(hours=1)
    form.times["started_at"].setText(format_local(start))
    form.times["ended_at"].setText(format_local(start - timedelta(minutes=10)))
    assert form.save() is None
    assert form.messages["ended_at"].text() == "Kraj je pre početka"
    form.times["started_at"].setText(format_local(utcnow() + timedelta(days=2)))
    form.times["ended_at"].setText("")
    assert form.save() is None
    assert "budućnosti" in form.messages["started_at"].text()
    form.times["follow_up_at"].setText(format_local(utcnow() - timedelta(days=1)))
    form.follow_up_what.setText("Pozvati")
    assert form.save() is None
    assert form.messages["follow_up_at"].text() == "Rok za praćenje mora biti u budućnosti"
    assert _count(db, Call) == before


def test_unknown_code_long_name_and_bad_phone(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("victim")
    form.categories.add("victim_support")
    press(qtbot, K.Key_L, ALT)
    typed("BG1-2026-9999")
    press(qtbot, K.Key_Return)
    assert form.client.message.text().startswith("Nema klijenta/kinje sa šifrom BG1-2026-9999")
    assert form.client.mode == "none"
    form.caller_phone.setFocus()
    typed("063-ABC")
    press(qtbot, K.Key_Tab)
    assert form.messages["caller_phone"].text() == "Koristite samo cifre, razmake i + ( ) / . -"
    clients, calls = _count(db, Client), _count(db, Call)
    form.caller_phone.setText("")
    form.client.new_button.click()
    assert form.save() is None  # a new client needs at least a name, nickname or phone
    assert form.client.messages["given_name"].text().startswith("Upišite bar ime")
    form.client.given.setText("Ж" * 5000)
    form.client.age.setText("300")
    assert form.save() is None
    assert form.client.messages["estimated_age"].text().startswith("Uzrast između 0 i 110")
    form.client.age.setText("30")
    assert form.save() is None
    assert (
        form.client.messages["given_name"].text() == "Predugačko: najviše 120 znakova (sada 5000)"
    )
    assert focused() is form.client.given
    assert (_count(db, Client), _count(db, Call)) == (clients, calls)  # nothing half-saved
    form.client.given.setText("Jelena")
    assert form.save() is not None
    assert (_count(db, Client), _count(db, Call)) == (clients + 1, calls + 1)


def test_discard_needs_two_presses(qtbot, window: MainWindow, db: Database) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    calls = window.areas["calls"]
    typed("gra")
    press(qtbot, K.Key_X, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert calls.page() == "form" and "ponovo" in calls.form.top_message.text()
    press(qtbot, K.Key_X, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert calls.page() == "idle" and not calls.form.is_active()
    assert calls.idle_notice.text() == "Poziv je odbačen."
