"""Call intake from the keyboard: a whole call with a new client, found again by a Cyrillic
query; the quick tally in a few keystrokes; linking a client inline; the emergency checklist."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from sosdesk.services.search import search
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client, FollowUp, utcnow
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.datetime_field import format_local
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
K = Qt.Key


def _calls(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(Call)).scalar_one())


def test_a_whole_call_from_the_keyboard_then_found_in_cyrillic(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    before = _calls(db)
    press(qtbot, K.Key_N, CTRL)
    calls = window.areas["calls"]
    form = calls.form
    assert calls.page() == "form" and focused() is form.picks["caller_type"]
    typed("žrt")
    press(qtbot, K.Key_Return)  # takes "Žrtva / potencijalna žrtva" and moves on
    assert form.picks["caller_type"].code() == "victim"
    assert focused() is form.caller_phone
    typed("063/987-65-43")
    press(qtbot, K.Key_Tab)
    assert focused() is form.picks["language"] and form.picks["language"].code() == "sr"
    press(qtbot, K.Key_Tab)
    assert focused() is form.client.find_edit
    press(qtbot, K.Key_W, ALT)  # a new client, with the essentials
    assert focused() is form.client.given
    typed("Đorđe")
    press(qtbot, K.Key_Tab)
    typed("Marković")
    press(qtbot, K.Key_Tab, times=2)  # past the nickname
    typed("mu")
    press(qtbot, K.Key_Return)
    typed("34")
    press(qtbot, K.Key_Tab)
    assert form.client.phone.text() == "063/987-65-43"  # the caller's number, prefilled
    press(qtbot, K.Key_Tab)
    typed("срб")  # Cyrillic typing finds the Latin label
    press(qtbot, K.Key_Return)
    assert form.client.citizenship.code() == "RS"
    assert focused() is form.categories.input
    typed("podr")
    press(qtbot, K.Key_Return)
    typed("prav")
    press(qtbot, K.Key_Return)
    assert form.categories.codes() == ["victim_support", "legal_advice"]
    press(qtbot, K.Key_Tab)
    assert focused() is form.picks["urgency"]
    press(qtbot, K.Key_Tab)
    assert focused() is form.summary
    typed("Poslodavac u Nemačkoj zadržao pasoš; traži povratak.")
    press(qtbot, K.Key_Tab)
    typed("Dat broj Centra za zaštitu žrtava.")
    press(qtbot, K.Key_Tab)
    assert focused() is form.referrals.input
    typed("Centar za zaš")
    press(qtbot, K.Key_Return)
    assert form.referrals.codes() == ["Centar za zaštitu žrtava trgovine ljudima"]
    press(qtbot, K.Key_Tab)
    assert focused() is form.referral_consent  # the client consents (issue 18's consent gate)
    press(qtbot, K.Key_Space)
    assert form.referral_consent.isChecked()
    press(qtbot, K.Key_Tab)
    assert focused() is form.times["follow_up_at"]
    typed(format_local(utcnow() + timedelta(days=1)))
    press(qtbot, K.Key_Tab)
    typed("Pozvati radi provere bezbednosti")
    press(qtbot, K.Key_S, CTRL)
    qtbot.waitUntil(lambda: calls.page() == "idle", timeout=5000)

    assert _calls(db) == before + 1
    with db.session() as s:
        call = s.execute(select(Call).order_by(Call.created_at.desc()).limit(1)).scalar_one()
        client = s.get(Client, call.client_id)
        follow = s.execute(select(FollowUp).where(FollowUp.call_id == call.id)).scalar_one()
    assert (call.caller_type, call.language, call.caller_phone) == ("victim", "sr", "+381639876543")
    assert call.referrals_given == ["Centar za zaštitu žrtava trgovine ljudima"]
    assert client is not None and (client.given_name, client.family_name) == ("Đorđe", "Marković")
    assert (client.gender, client.estimated_age, client.citizenship) == ("male", 34, "RS")
    assert client.phones == ["+381639876543"]
    assert follow.what == "Pozvati radi provere bezbednosti" and follow.client_id == client.id
    assert calls.keeper.draft_id is None  # the draft went with the save

    # Found again by a Cyrillic query for the Latin name, and opened with Enter.
    press(qtbot, K.Key_K, CTRL)
    assert focused() is window.search.edit
    with qtbot.waitSignal(window.search.results_shown, timeout=5000):
        typed("Ђорђе Марк")
    assert window.search.hits()[0].ref == client.id
    with qtbot.waitSignal(window.ctx.open_client_requested, timeout=5000) as opened:
        press(qtbot, K.Key_Return)
    assert opened.args == [client.id]
    assert [h.ref for h in search(db, "pasoš Nemačkoj") if h.kind == "call"][:1] == [call.id]


def test_quick_tally_in_five_keystrokes(qtbot, window: MainWindow, db: Database) -> None:
    unlock(qtbot, window)
    before = _calls(db)
    # Exactly five keystrokes: Ctrl+T, "inf", Ctrl+Enter. Nothing is saved before the fifth.
    press(qtbot, K.Key_T, CTRL)
    typed("inf")
    assert _calls(db) == before
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _calls(db) == before + 1, timeout=5000)
    with db.session() as s:
        call = s.execute(select(Call).order_by(Call.created_at.desc()).limit(1)).scalar_one()
    assert call.categories == ["prevention_info"] and call.client_id is None
    assert (call.line, call.caller_type, call.language) == ("sos_24_7", "citizen", "sr")
    tally = window.areas["calls"].tally
    assert focused() is tally.picks["category"] and tally.picks["category"].text() == ""
    # The next one keeps the last line, caller type and language: again a few keys.
    tally.picks["caller_type"].set_code("family")
    typed("bez")
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: _calls(db) == before + 2, timeout=5000)
    assert tally.picks["caller_type"].code() == "family"
    assert "2" in tally.counter.text()
    press(qtbot, K.Key_Escape)
    assert window.areas["calls"].page() == "idle"


def test_link_an_existing_client_inline(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    press(qtbot, K.Key_L, ALT)
    assert focused() is form.client.find_edit
    with qtbot.waitSignal(form.client.results_shown, timeout=5000):
        typed("djordje petr")
    press(qtbot, K.Key_Return)
    assert form.client.mode == "linked" and form.client.client_id == people["dorde"]
    assert people["dorde_code"] in form.client.linked_label.text()
    press(qtbot, K.Key_U, ALT)  # unlink, then link by typing the code
    assert form.client.mode == "none"
    typed(people["dorde_code"].lower())
    press(qtbot, K.Key_Return)
    assert form.client.client_id == people["dorde"]
    form.picks["caller_type"].set_code("victim")
    form.categories.add("follow_up")
    assert form.save() is not None
    with db.session() as s:
        call = s.execute(select(Call).order_by(Call.created_at.desc()).limit(1)).scalar_one()
    assert call.client_id == people["dorde"]


def test_emergency_checklist_records_what_was_done(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("victim")
    form.categories.add("victim_support")
    form.client.link(people["dorde"], people["dorde_code"])
    form.picks["urgency"].setFocus()
    typed("nep")
    press(qtbot, K.Key_Return)
    assert form.emergency.isVisible()
    assert "192" in form.emergency.hints["police_192"].text()
    assert "+381113345000" in form.emergency.hints["centre_notified"].text()
    assert "sklonište u Nišu" in form.emergency.plan_label.text()  # the client's safety plan
    before = _calls(db)
    press(qtbot, K.Key_S, CTRL)
    assert "Označite šta je urađeno" in form.emergency.message.text()
    assert _calls(db) == before
    press(qtbot, K.Key_1, ALT)  # mnemonics click with a short animation: wait for it
    qtbot.waitUntil(lambda: form.emergency.codes() == ["police_192"], timeout=2000)
    press(qtbot, K.Key_3, ALT)
    qtbot.waitUntil(lambda: len(form.emergency.codes()) == 2, timeout=2000)
    assert form.emergency.codes() == ["police_192", "centre_notified"]
    press(qtbot, K.Key_S, CTRL)
    qtbot.waitUntil(lambda: _calls(db) == before + 1, timeout=5000)
    with db.session() as s:
        call = s.execute(select(Call).order_by(Call.created_at.desc()).limit(1)).scalar_one()
    assert call.urgency == "immediate_danger"
    assert call.emergency_steps == ["police_192", "centre_notified"]
    # Alt+E from anywhere in the form marks immediate danger and jumps to the checklist.
    press(qtbot, K.Key_N, CTRL)
    press(qtbot, K.Key_E, ALT)
    assert form.picks["urgency"].code() == "immediate_danger"
    assert focused() is form.emergency.boxes["police_192"]
