"""Follow-ups that can move, from the keyboard (issue 18, problem 5): the list holds the
keyboard (Space marks done, never "new follow-up"), F2 moves one, Ctrl+D closes it with an
outcome, the overdue badge is on the tab and in the status bar, colours follow the theme."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit

from sosdesk.services.followups import add_followup, get_followup, history
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.ui.followups.area import FollowUpsArea
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import palette_colours
from sosdesk.ui.widgets.datetime_field import DateTimeField, format_local
from tests.gui.conftest import focused, press, shot, typed, unlock

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _luminance(colour: QColor) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * lin(colour.redF()) + 0.7152 * lin(colour.greenF()) + 0.0722 * lin(colour.blueF())
    )


def _ratio(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _area(qtbot, window: MainWindow) -> FollowUpsArea:
    unlock(qtbot, window)
    press(qtbot, K.Key_3, CTRL)
    area = window.areas["followups"]
    assert isinstance(area, FollowUpsArea)
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is area.list, timeout=1000
    )  # not the "new" button
    return area


def test_badge_on_the_tab_and_status_bar_before_the_area_is_built(
    qtbot, window: MainWindow, db: Database
) -> None:
    now = utcnow()
    for hours in (1, 2, 5):
        add_followup(db, now - timedelta(hours=hours), "Pozvati", assigned_to=db.actor.user_id)
    add_followup(db, now + timedelta(hours=5), "Kasnije")
    unlock(qtbot, window)
    assert "followups" not in window._built_areas()
    assert "(3)" in window.area_buttons["followups"].text()
    label = window.overdue.label
    assert label.isVisible() and label.text().endswith("3")
    area = _area(qtbot, window)
    press(qtbot, K.Key_Space)  # done: the badge follows at once
    qtbot.waitUntil(lambda: "(2)" in window.area_buttons["followups"].text())
    assert label.text().endswith("2")
    assert len(area.list.topLevelItem(0).child(0).text(0)) > 0


def test_move_and_done_with_outcome_keyboard_only(qtbot, window: MainWindow, db: Database) -> None:
    now = utcnow()
    mira = db.add_user("mira", "Mira Ilić", "operator", "druga-lozinka-7")
    late = add_followup(db, now - timedelta(hours=2), "Pozvati klijentkinju", assigned_to=None)
    area = _area(qtbot, window)
    assert area.list.current() is not None and area.list.current().id == late.id
    press(qtbot, K.Key_F2)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), DateTimeField))
    due = focused()
    later = (now + timedelta(days=1)).astimezone().replace(second=0, microsecond=0)
    due.selectAll()
    typed(format_local(later))
    press(qtbot, K.Key_Tab)  # to "For"
    combo = focused()
    combo.setCurrentIndex(combo.findData(mira))
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.dialog is None)
    moved = get_followup(db, late.id)
    assert moved.due_at == later and moved.assigned_to == mira
    assert [m.kind for m in history(db, late.id)] == ["rescheduled", "reassigned"]
    # Mira's now: the whole desk shows it; F2 again shows the moves so far.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.list)  # given back
    area.desk.setChecked(True)
    qtbot.waitUntil(lambda: area.list.current() is not None)
    press(qtbot, K.Key_F2)
    qtbot.waitUntil(lambda: area.dialog is not None and area.dialog.isVisible())
    assert "Mira Ilić" in "\n".join(w.text() for w in area.dialog.findChildren(type(area.heading)))
    shot(area.dialog, "followup-move-light")
    press(qtbot, K.Key_Escape)
    qtbot.waitUntil(lambda: area.dialog is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.list)
    press(qtbot, K.Key_D, CTRL)
    qtbot.waitUntil(
        lambda: area.dialog is not None and isinstance(QApplication.focusWidget(), QLineEdit)
    )
    typed("Javila se, bezbedna je")
    press(qtbot, K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: area.dialog is None)
    assert get_followup(db, late.id).outcome == "Javila se, bezbedna je"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is area.list)
    press(qtbot, K.Key_Z, CTRL)  # undo, as after Space
    assert get_followup(db, late.id).done_at is None


def test_overdue_and_today_colours_follow_the_night_theme(
    qtbot, window: MainWindow, db: Database
) -> None:
    now = utcnow()
    add_followup(db, now - timedelta(hours=2), "Pozvati", assigned_to=None)
    area = _area(qtbot, window)
    window.set_theme("dark")
    dark = palette_colours("dark")
    head = area.list.topLevelItem(0)
    row = head.child(0)
    for item in (head, row):
        colour = item.foreground(0).color()
        assert colour.name() == dark["danger"]
        for bg in ("surface", "surface_alt", "selection"):
            assert _ratio(colour, QColor(dark[bg])) >= 4.5, bg
    QApplication.processEvents()
    shot(window, "followups-dark")
    window.set_theme("light")
    assert (
        area.list.topLevelItem(0).foreground(0).color().name() == palette_colours("light")["danger"]
    )
    shot(window, "followups-light")
