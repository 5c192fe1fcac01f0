"""The form keeps the keyboard: every problem at once, the first scrolled into view and holding
the cursor, and a message gone as soon as its field is fixed (issue 18, problem 2)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from sosdesk.store.models import utcnow
from sosdesk.ui.intake.form import IntakeForm
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.datetime_field import format_local
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
K = Qt.Key


def _in_view(form: IntakeForm, widget: QWidget) -> bool:
    port = form.scroller.viewport()
    top_left = widget.mapTo(port, QPoint(0, 0))
    return port.rect().contains(QRect(top_left, widget.size()))


def test_all_problems_at_once_the_first_in_view_and_fixed_ones_cleared(
    qtbot, window: MainWindow
) -> None:
    window.resize(1280, 800)
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("citizen")
    # A start in the future (the service's rule) and no category (the form's rule).
    form.times["started_at"].setText(format_local(utcnow() + timedelta(hours=3)))
    bar = form.scroller.verticalScrollBar()
    form.times["ended_at"].setFocus()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: not _in_view(form, form.categories))
    press(qtbot, K.Key_S, CTRL)
    assert form.messages["categories"].text() == "Izaberite bar jednu kategoriju"
    assert form.messages["started_at"].text()  # on the same try, not the next one
    assert focused() is form.categories.input
    assert _in_view(form, form.categories) and _in_view(form, form.messages["categories"])
    typed("prev")
    press(qtbot, K.Key_Return)
    assert form.categories.codes() == ["prevention_info"]
    assert form.messages["categories"].text() == ""  # fixed: its message is gone
    assert form.messages["started_at"].text()  # not fixed yet: stays
    form.times["started_at"].setFocus()
    form.times["started_at"].selectAll()
    typed(format_local(utcnow() - timedelta(minutes=5)))
    assert form.messages["started_at"].text() == ""
    assert form.top_message.text() == ""


def test_follow_up_example_follows_the_clock(qtbot, window: MainWindow, monkeypatch) -> None:
    import sosdesk.ui.intake.form_layout as layout

    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    later = utcnow() + timedelta(days=3, hours=5)
    assert format_local(later + timedelta(days=1)) not in form.follow_up_hint.text()
    monkeypatch.setattr(layout, "utcnow", lambda: later)
    form.start()  # the next call, days after the form was built
    assert format_local(later + timedelta(days=1)) in form.follow_up_hint.text()


def test_referrals_of_a_linked_client_need_her_consent(qtbot, window: MainWindow, people) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("victim")
    form.client.link(people["dorde"], "Đorđe Petrović")
    form.categories.add("victim_support")
    form.referrals.set_codes(["Centar za zaštitu žrtava trgovine ljudima"])
    press(qtbot, K.Key_S, CTRL)
    assert window.areas["calls"].page() == "form"  # not saved
    assert form.messages["referrals_given"].text() != ""
    assert focused() is form.referrals.input
    form.referral_consent.setFocus()
    press(qtbot, K.Key_Space)
    assert form.messages["referrals_given"].text() == ""  # cleared as soon as it is fixed
    press(qtbot, K.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.areas["calls"].page() == "idle", timeout=5000)
