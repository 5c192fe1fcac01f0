"""No shortcut clashes (issue 18, problem 8): in every area, the call form and the client file,
each key reaches one thing: a label's or button's Alt mnemonic, a tab's, a shortcut of the
area, or a menu of the window (Alt+P in Statistics hid the menu's Alt+P)."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabWidget, QWidget

from sosdesk.ui import i18n
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.mnemonics import mnemonic_key
from tests.gui.conftest import press, unlock


def _keys(window: MainWindow, root: QWidget) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for action in window.menuBar().actions():
        if mnemonic_key(action.text()):
            found[mnemonic_key(action.text())].append(f"menu {action.text()}")
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        labelled = isinstance(w, QAbstractButton) or (isinstance(w, QLabel) and w.buddy())
        if labelled and mnemonic_key(w.text()):  # type: ignore[attr-defined]
            found[mnemonic_key(w.text())].append(w.text())  # type: ignore[attr-defined]
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                if mnemonic_key(w.tabText(i)):
                    found[mnemonic_key(w.tabText(i))].append(f"tab {w.tabText(i)}")
    for s in root.findChildren(QShortcut):
        owner = s.parent()
        if s.isEnabled() and isinstance(owner, QWidget) and owner.isVisible():
            found[s.key().toString()].append(f"shortcut of {type(owner).__name__}")
    return {k: v for k, v in found.items() if len(v) > 1}


@pytest.mark.parametrize("lang", ["sr-Latn", "en"])
def test_no_key_reaches_two_things(qtbot, window: MainWindow, people, lang: str) -> None:
    unlock(qtbot, window)
    if lang != "sr-Latn":  # translations choose their own letters: each language is walked
        i18n.install(lang)
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    clashes = {}
    for key in window.areas:
        window.switch_area(key)
        clashes[key] = _keys(window, window.areas[key])
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    clashes["call form"] = _keys(window, window.areas["calls"])
    window.open_client(people["dorde"])
    qtbot.waitUntil(lambda: window.current_area() == "clients")
    clashes["client file"] = _keys(window, window.areas["clients"])
    assert {k: v for k, v in clashes.items() if v} == {}


def test_statistics_hint_names_the_keys_of_the_language(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    window.switch_area("statistics")
    hint = window.areas["statistics"].hint.text()
    assert "Alt+R" in hint and "Alt+P" not in hint  # sr-Latn: Pe&riod, the menu keeps Alt+P
    assert mnemonic_key("&Punkt") == "Alt+P" and mnemonic_key("Tom && Jerry") == ""
