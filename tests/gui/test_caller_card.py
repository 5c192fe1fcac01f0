"""A returning caller is recognised as her number or name is typed (Alt+I links, one key), and
the linked client's safety card shows risk, plan, contacts, follow-ups, case and consent."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.followups import add_followup
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import apply_theme
from tests.gui.conftest import focused, press, shot, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
K = Qt.Key


def _history(db: Database, client_id: str) -> None:
    now = utcnow()
    save_call(
        db,
        CallInput(
            started_at=now - timedelta(days=2),
            categories=["prevention_info"],
            client_id=client_id,
            summary="Javila se iz Niša, bezbedna je.",
            urgency="urgent",
        ),
    )
    add_followup(db, now - timedelta(hours=3), "Pozvati nazad", client_id=client_id)


def test_the_number_typed_recognises_the_client_and_one_key_links(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    _history(db, people["dorde"])
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    card = form.caller_card
    form.caller_phone.setFocus()
    typed("063 123")
    qtbot.waitUntil(lambda: card.match_label.isVisible(), timeout=5000)
    assert card.match is not None and card.match.ref == people["dorde"]
    assert people["dorde_code"] in card.match_label.text() and "Alt+I" in card.match_label.text()
    assert focused() is form.caller_phone  # recognition never takes the keyboard
    press(qtbot, K.Key_I, ALT)
    assert form.client.mode == "linked" and form.client.client_id == people["dorde"]
    assert not card.match_label.isVisible()
    assert card.title.isVisible() and people["dorde_code"] in card.title.text()
    body = card.body.text()
    assert "sklonište u Nišu" in body  # the safety plan
    assert "Rizik: Visok" in body  # the risk level, in the desk's language
    assert "Pozvati nazad" in body and "KASNI" in body
    assert "Javila se iz Niša" in body  # the last contacts
    for theme in ("light", "dark"):
        apply_theme(QApplication.instance(), theme)  # type: ignore[arg-type]
        form.scroller.ensureWidgetVisible(card)
        shot(window, f"intake-safety-card-{theme}")
    apply_theme(QApplication.instance(), "light")  # type: ignore[arg-type]
    press(qtbot, K.Key_U, ALT)  # unlinked: the card goes away
    assert form.client.mode == "none" and not card.body.isVisible()


def test_a_new_clients_name_recognises_a_known_one(
    qtbot, window: MainWindow, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.client.find_edit.setFocus()
    press(qtbot, K.Key_W, ALT)
    assert focused() is form.client.given
    typed("Đorđe")
    press(qtbot, K.Key_Tab)
    typed("Petr")
    qtbot.waitUntil(lambda: form.caller_card.match_label.isVisible(), timeout=5000)
    press(qtbot, K.Key_I, ALT)
    assert form.client.mode == "linked" and form.client.client_id == people["dorde"]


@pytest.mark.parametrize("role", ["auditor"])
def test_a_role_without_the_card_sees_why(
    qtbot, window: MainWindow, db: Database, people: dict[str, str], role: str
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    db_of_window = window.ctx.call(lambda d: d)
    db_of_window.actor = dataclasses.replace(db_of_window.actor, role=role)
    form.client.link(people["dorde"], "x")
    assert form.caller_card.card is None
    assert "plava" not in form.caller_card.body.text()
    assert form.caller_card.body.text()  # says why, instead of an empty space
