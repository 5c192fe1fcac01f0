"""F1 lists the keys of the area in view (issue 18, problem 8), read from what the area shows,
then the desk's own keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.shortcut_help import ShortcutHelp
from tests.gui.conftest import press, unlock


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[ShortcutHelp]:
    opened: list[ShortcutHelp] = []
    monkeypatch.setattr(ShortcutHelp, "exec", lambda self: opened.append(self) or 0)
    return opened


def test_f1_lists_the_area_keys_first(qtbot, window: MainWindow, shown) -> None:
    unlock(qtbot, window)
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_F1)
    text = shown[-1].text
    area, _, desk = text.partition("Svuda")
    assert area.startswith("Praćenja")
    for key in ("Space", "Ctrl+D", "F2", "Ctrl+Z", "Ctrl+Shift+N"):
        assert f"\n{key} " in area, key
    assert "Ctrl+K" in desk and "Ctrl+K" not in area
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_F1)
    area = shown[-1].text.partition("Svuda")[0]
    assert area.startswith("Pozivi")
    for key in ("Ctrl+S", "Ctrl+Shift+X", "Alt+W"):
        assert f"\n{key} " in area, key
    window.switch_area("statistics")
    press(qtbot, Qt.Key.Key_F1)
    area = shown[-1].text.partition("Svuda")[0]
    assert "\nAlt+R " in area and "\nF5 " in area
