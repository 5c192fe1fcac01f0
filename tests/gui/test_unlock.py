"""The unlock screen: wrong then right passphrase, the recovery key, a database held by another
window, a missing database, and what it shows (desk and file name, never data)."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt

from sosdesk.services.preferences import Preferences
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from tests.conftest import PASSPHRASE, USER
from tests.gui.conftest import leaks, shot, unlock, widget_texts
from tests.gui.typing_helper import type_text


def test_wrong_then_right_passphrase(qtbot, window: MainWindow, people: dict[str, str]) -> None:
    screen = window.unlock_screen
    assert screen.user_edit.text() == USER
    assert "BG1" in screen.where.text() and "desk.db" in screen.where.text()
    assert str(Path(window.db_path).parent) not in " ".join(widget_texts(window))
    type_text(screen.pass_edit, "pogrešna-lozinka")
    qtbot.keyClick(screen.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Pogrešna lozinka" in screen.message.text(), timeout=10_000)
    assert window.ctx.is_locked
    assert screen.pass_edit.text() == "" and screen.pass_edit.hasFocus()
    assert not leaks(window, ["Đorđe", "Petrović", people["dorde_code"]])
    unlock(qtbot, window)
    assert window.status.desk_label.text() == "Punkt BG1"
    assert window.status.user_label.text() == f"Korisnik: {USER}"
    assert window.status.lock_label.text() == "Otključano"
    assert "BG1" in window.windowTitle() and "Đorđe" not in window.windowTitle()


def test_unknown_user_and_empty_fields_are_explained(qtbot, window: MainWindow) -> None:
    screen = window.unlock_screen
    screen.submit()
    assert screen.message.text() == "Upišite lozinku."
    screen.user_edit.setText("niko")
    type_text(screen.pass_edit, PASSPHRASE)
    screen.submit()
    qtbot.waitUntil(lambda: "niko" in screen.message.text(), timeout=10_000)
    assert screen.user_edit.hasFocus()
    assert window.ctx.is_locked


def test_recovery_key_sets_a_new_passphrase(qtbot, desk_app, tmp_path: Path) -> None:
    path = tmp_path / "rec" / "desk.db"
    db, recovery = Database.create(path, user="vera", passphrase="stara-lozinka-1", desk="NS2")
    db.close()
    w = MainWindow(path, "vera", prefs=Preferences(theme="light"))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    screen = w.unlock_screen
    screen.pass_edit.setFocus()
    assert "NS2" in screen.where.text()
    qtbot.keyClick(screen.pass_edit, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert screen.recovery_box.isVisible() and screen.key_edit.hasFocus()
    type_text(screen.key_edit, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    type_text(screen.new_edit, "nova-lozinka-22")
    type_text(screen.repeat_edit, "nova-lozinka-22")
    qtbot.keyClick(screen.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "ključ za oporavak ne otvara" in screen.message.text(), timeout=10_000)
    type_text(screen.key_edit, recovery)
    type_text(screen.new_edit, "nova-lozinka-22")
    type_text(screen.repeat_edit, "nova-lozinka-2X")
    screen.submit()
    assert screen.message.text() == "Dve nove lozinke se razlikuju."
    screen.repeat_edit.setText("nova-lozinka-22")
    screen.submit()
    qtbot.waitUntil(lambda: not w.ctx.is_locked, timeout=15_000)
    w.lock()
    w.instance_lock.release()
    Database.open(path, user="vera", passphrase="nova-lozinka-22").close()


def test_database_held_by_another_window(qtbot, window: MainWindow, db_path: Path) -> None:
    other = MainWindow(db_path, USER, prefs=Preferences(theme="light"))
    qtbot.addWidget(other)
    other.show()
    unlock(qtbot, window)
    type_text(other.unlock_screen.pass_edit, PASSPHRASE)
    other.unlock_screen.submit()
    message = other.unlock_screen.message.text()
    assert "već otvorena u drugom prozoru" in message and "desk.db" in message
    assert other.ctx.is_locked
    shot(other, "desk-unlock-in-use-light")
    window.close()  # quitting the first window lets the second one in
    type_text(other.unlock_screen.pass_edit, PASSPHRASE)
    other.unlock_screen.submit()
    qtbot.waitUntil(lambda: not other.ctx.is_locked, timeout=15_000)
    other.close()


def test_missing_database_is_explained_without_creating_one(qtbot, desk_app, tmp_path: Path):
    path = tmp_path / "nowhere" / "desk.db"
    w = MainWindow(path, "ana", prefs=Preferences(theme="light"))
    qtbot.addWidget(w)
    assert "Ovde nema baze desk.db" in w.unlock_screen.message.text()
    type_text(w.unlock_screen.pass_edit, PASSPHRASE)
    w.unlock_screen.submit()
    qtbot.waitUntil(lambda: not w.unlock_screen._busy, timeout=10_000)
    assert w.ctx.is_locked
    assert not path.exists()
    w.instance_lock.release()


def test_tab_order_of_the_unlock_screen(qtbot, window: MainWindow) -> None:
    from tests.gui.conftest import focused, press

    screen = window.unlock_screen
    screen.user_edit.setFocus()
    order = [focused()]
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Tab)
        order.append(focused())
    assert order == [
        screen.user_edit,
        screen.pass_edit,
        screen.unlock_button,
        screen.recovery_button,
        screen.lang_box,
    ]


def test_the_desk_is_built_while_the_key_is_derived(
    qtbot, window: MainWindow, people: dict[str, str], monkeypatch
) -> None:
    """Issue 21: the desk and its first area are built on the GUI thread while the worker derives
    the key, hold no data until the database is open, and then load it once."""
    from sosdesk.ui.auth import unlock_screen as module

    derived = threading.Event()
    real_open = module.open_database

    def slow_open(path, creds, on_upgrade):  # the key derivation, held until the test says
        assert derived.wait(15), "the test never released the key derivation"
        return real_open(path, creds, on_upgrade)

    monkeypatch.setattr(module, "open_database", slow_open)
    screen = window.unlock_screen
    type_text(screen.pass_edit, PASSPHRASE)
    qtbot.keyClick(screen.pass_edit, Qt.Key.Key_Return)
    try:
        qtbot.waitUntil(
            lambda: window.desk is not None and "calls" in window.areas.built(), timeout=5_000
        )
        assert window.ctx.is_locked and window.stack.currentWidget() is screen
        calls = window.areas.built()["calls"]
        assert calls.recent.list.count() == 0  # nothing read yet
        assert not leaks(window, ["Đorđe", "Petrović", people["dorde_code"]])
    finally:
        derived.set()  # never leave the worker waiting
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.desk, timeout=15_000)
    assert window.areas.built().keys() == {"calls"}
    qtbot.waitUntil(lambda: calls.recent.list.count() > 0)  # it loads its data at unlock


def test_an_upgrade_at_unlock_says_which_step_it_waits_for(
    qtbot, window: MainWindow, db: Database
) -> None:
    """A database of the version before is backed up, then upgraded, at unlock (a minute on a
    big desk): the screen names each step with a moving bar, and the desk opens after."""
    from sosdesk.store import migrate

    migrate.downgrade(db.engine, migrate.revisions()[-2])
    db.engine.dispose()
    screen = window.unlock_screen
    seen: list[tuple[str, str, bool]] = []
    screen.upgrade_step.connect(  # runs after the screen's own slot, connected first
        lambda step: seen.append((step, screen.message.text(), screen.upgrade_bar.isVisible()))
    )
    unlock(qtbot, window)
    assert [step for step, _text, _bar in seen] == ["backing_up", "upgrading"]
    assert "Korak 1 od 2: prvo rezervna kopija" in seen[0][1]
    assert "Korak 2 od 2" in seen[1][1]
    assert all(bar for _step, _text, bar in seen)
    assert not screen.upgrade_bar.isVisible()
    assert len(list(db.path.parent.glob("desk.pre-migration-*.bak"))) == 1
