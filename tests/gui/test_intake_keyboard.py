"""Keyboard details of the intake: the full tab order, and the type-ahead pick lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.multi_pick import MultiPick
from sosdesk.ui.widgets.pick_list import PickList, vocabulary_options
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
K = Qt.Key


def test_tab_walks_every_field_once_in_reading_order(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["urgency"].set_code("immediate_danger")
    form._urgency_changed()
    expected: list[QWidget] = [
        form.picks["caller_type"],
        form.caller_phone,
        form.picks["language"],
        form.client.find_edit,
        form.client.new_button,
        form.categories.input,
        form.picks["urgency"],
        *form.emergency.boxes.values(),
        form.summary,
        form.actions_taken,
        form.referrals.input,
        form.referral_consent,  # issue 18: a linked client's referrals need her consent
        form.times["follow_up_at"],
        form.follow_up_what,
        form.picks["line"],
        form.picks["direction"],
        form.times["started_at"],
        form.times["ended_at"],
        form.save_button,
        form.discard_button,
    ]
    form.picks["caller_type"].setFocus()
    seen = [focused()]
    for _ in range(len(expected) - 1):
        press(qtbot, K.Key_Tab)
        seen.append(focused())
    names = [f"{type(w).__name__}:{w.objectName()}" for w in seen]
    assert names == [f"{type(w).__name__}:{w.objectName()}" for w in expected]
    press(qtbot, K.Key_Tab, SHIFT)
    assert focused() is form.save_button  # and back again


def test_pick_list_type_ahead(qtbot, desk_app) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    pick = PickList.for_vocabulary(CALLER_TYPE, "sr-Latn", required=True, parent=host)
    after = PickList.for_vocabulary(CALLER_TYPE, "sr-Latn", parent=host)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    pick.setFocus()
    typed("инст")  # Cyrillic typing, Latin labels
    assert pick.drop().isVisible() and pick.drop().keys() == ["institution"]
    press(qtbot, K.Key_Escape)
    assert not pick.drop().isVisible() and focused() is pick
    press(qtbot, K.Key_F4)  # every choice
    assert len(pick.drop().keys()) == len(CALLER_TYPE)
    press(qtbot, K.Key_Down, times=2)
    press(qtbot, K.Key_Return)
    assert pick.code() == CALLER_TYPE.codes()[2] and focused() is after
    pick.setFocus()
    typed("qqq")
    press(qtbot, K.Key_Tab)
    assert pick.code() is None
    assert pick.problem() == "Nije na listi: upišite nekoliko slova i izaberite (F4 prikazuje sve)"
    pick.set_options(vocabulary_options(CALLER_TYPE, "en"))
    pick.set_code("media")
    assert pick.text() == "Media" and pick.problem() is None


def test_multi_pick_chips(qtbot, desk_app) -> None:
    multi = MultiPick(free_text=False)
    qtbot.addWidget(multi)
    multi.set_options(vocabulary_options(CALL_CATEGORY, "sr-Latn"))
    multi.show()
    qtbot.waitExposed(multi)
    multi.activateWindow()
    qtbot.waitUntil(multi.isActiveWindow)
    multi.input.setFocus()
    typed("pravn")
    press(qtbot, K.Key_Return)
    typed("psih")
    press(qtbot, K.Key_Return)
    assert multi.codes() == ["legal_advice", "psychological"]
    assert multi.input.text() == ""
    typed("pravn")  # chosen ones are not offered again
    assert multi.input.drop().keys() == []
    multi.input.clear()
    press(qtbot, K.Key_Backspace)
    assert multi.codes() == ["legal_advice"]
