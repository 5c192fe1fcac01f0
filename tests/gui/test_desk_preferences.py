"""Theme, text size and language: switched live from the keyboard, remembered per user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sosdesk.services.preferences import Preferences, load_preferences, update_preferences
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import current_theme, resolve
from tests.conftest import USER
from tests.gui.conftest import press, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
K = Qt.Key


def test_theme_and_text_size_are_kept_per_user(
    qtbot, window: MainWindow, db: Database, db_path: Path
) -> None:
    update_preferences(db, theme="light")
    unlock(qtbot, window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert current_theme(app) == "light"
    press(qtbot, K.Key_D, CTRL | SHIFT)
    assert current_theme(app) == "dark"
    assert "#14171c" in app.styleSheet()  # the night palette
    press(qtbot, K.Key_Plus, CTRL)
    press(qtbot, K.Key_Plus, CTRL)
    assert app.font().pointSize() == 13
    assert load_preferences(db) == Preferences("dark", 13, "sr-Latn", 5)
    press(qtbot, K.Key_0, CTRL | Qt.KeyboardModifier.AltModifier)  # Ctrl+0 is an area
    assert app.font().pointSize() == 11
    # Another session of the same user starts with their choice (after unlocking).
    window.close()
    again = MainWindow(db_path, USER, prefs=Preferences(theme="light"))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    unlock(qtbot, again)
    assert current_theme(app) == "dark"
    again.close()


def test_automatic_theme_is_dark_at_night() -> None:
    from datetime import datetime

    assert resolve("auto", datetime(2026, 11, 21, 23, 30)) == "dark"
    assert resolve("auto", datetime(2026, 11, 21, 6, 59)) == "dark"
    assert resolve("auto", datetime(2026, 11, 21, 10, 0)) == "light"
    assert resolve("light", datetime(2026, 11, 21, 23, 30)) == "light"


def test_language_switch_is_live_and_remembered(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    calls = window.areas["calls"]
    assert calls.new_button.text() == "Novi poziv (Ctrl+N)"
    press(qtbot, K.Key_N, CTRL)
    form = calls.form
    form.picks["caller_type"].set_code("victim")
    form.categories.add("victim_support")
    window.set_language("sr-Cyrl")
    assert form.save_button.text() == "Сачувај позив (Ctrl+S)"
    assert form.picks["caller_type"].text() == "Жртва / потенцијална жртва"
    assert form.categories.labels() == ["Подршка жртви"]
    assert form.picks["caller_type"].code() == "victim"  # the value stays, the label changes
    assert window.area_buttons["calls"].text().startswith("Позиви")
    assert window.status.lock_label.text() == "Откључано"
    window.set_language("en")
    assert form.save_button.text() == "Save call (Ctrl+S)"
    assert form.picks["caller_type"].text() == "Victim or potential victim"
    assert window.menu_actions["lock"].text() == "&Lock the desk"
    assert load_preferences(db).lang == "en"
    window.set_language("sr-Latn")
    assert form.save_button.text() == "Sačuvaj poziv (Ctrl+S)"


def test_language_can_be_chosen_before_unlocking(qtbot, window: MainWindow) -> None:
    screen = window.unlock_screen
    screen.lang_box.setCurrentIndex(screen.lang_box.findData("en"))
    assert screen.unlock_button.text() == "Unlock"
    assert screen.where.text() == "Desk BG1 · database desk.db"
    screen.lang_box.setCurrentIndex(screen.lang_box.findData("sr-Cyrl"))
    assert screen.unlock_button.text() == "Откључај"
    assert screen.where.text() == "Пункт BG1 · база desk.db"
    screen.lang_box.setCurrentIndex(screen.lang_box.findData("sr-Latn"))
