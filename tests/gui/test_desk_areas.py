"""Areas are registered statically; one that fails to build shows why (it never just vanishes),
and Help → Diagnostics shows the redacted log tail, which the lock clears."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from sosdesk import logtail
from sosdesk.ui import areas, main_window
from sosdesk.ui.areas import AREAS, Area, AreaFailed
from sosdesk.ui.context import AppContext
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.diagnostics_dialog import DiagnosticsDialog
from tests.gui.conftest import press, unlock

CTRL = Qt.KeyboardModifier.ControlModifier


def _broken(_ctx: AppContext) -> QWidget:
    raise TypeError("Ana Petrović 063 123 4567")  # the text of a bug may quote client data


@pytest.fixture
def broken_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    specs = tuple(dataclasses.replace(s, build=_broken) if s.key == "clients" else s for s in AREAS)
    monkeypatch.setattr(main_window, "AREAS", specs)


def test_every_area_is_built_and_speaks_the_protocol(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    assert list(window.areas) == [s.key for s in areas.AREAS]
    for key, widget in window.areas.items():
        assert isinstance(widget, Area) and not isinstance(widget, AreaFailed), key


def test_an_area_that_fails_to_build_says_so(
    qtbot, broken_clients: None, window: MainWindow
) -> None:
    logtail.clear()
    unlock(qtbot, window)
    failed = window.areas["clients"]
    assert isinstance(failed, AreaFailed)
    assert window.area_buttons["clients"].text().startswith("Klijenti")
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert window.current_area() == "clients"
    assert failed.message.isVisible()
    text = failed.message.text()
    assert "nije mogao da se otvori" in text and "TypeError" in text
    assert "Ana" not in text and "4567" not in text
    tail = "\n".join(logtail.tail())
    assert "area clients failed to build [TypeError in tests.gui.test_desk_areas]" in tail
    assert "Ana" not in tail and "4567" not in tail
    assert "unlock ok" in tail and "area calls built" in tail


def test_diagnostics_shows_and_copies_the_tail_and_the_lock_clears_it(
    qtbot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    dialog = DiagnosticsDialog(window)
    qtbot.addWidget(dialog)
    assert "unlock ok" in dialog.text.toPlainText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "unlock ok" in QApplication.clipboard().text()
    dialog.close()
    press(qtbot, Qt.Key.Key_L, CTRL)
    assert window.ctx.is_locked
    assert logtail.tail() == []
    assert QApplication.clipboard().text() == ""


def test_unlocking_builds_only_the_area_on_show_and_ctrl_n_builds_the_next(
    qtbot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    assert isinstance(window.areas, main_window.AreaShelf)
    assert list(window.areas.built()) == ["calls"]  # unlock to a usable desk builds one area
    tail = "\n".join(logtail.tail())
    assert "area calls built" in tail and "area statistics built" not in tail
    assert window.area_buttons["statistics"].text().startswith("Statistika")
    press(qtbot, Qt.Key.Key_6, CTRL)
    assert window.current_area() == "statistics"
    assert list(window.areas.built()) == ["calls", "statistics"]
    assert window.area_stack is not None
    assert window.area_stack.currentWidget() is window.areas["statistics"]
    press(qtbot, Qt.Key.Key_L, CTRL)  # the lock clears what was built; unbuilt areas hold nothing
    unlock(qtbot, window)
    assert window.current_area() == "statistics"  # back where the operator was


def test_ten_areas_fit_a_1280_pixel_screen_and_name_their_keys(qtbot, window: MainWindow) -> None:
    unlock(qtbot, window)
    assert window.minimumSizeHint().width() <= 1280  # a desk PC's laptop screen
    button = window.area_buttons["statistics"]
    assert button.text() == "Statistika" and "Ctrl+6" in button.toolTip()
    assert button.accessibleDescription() == "Ctrl+6"


def test_the_clients_module_is_loaded_after_unlock_not_before(
    qtbot, window: MainWindow, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An area's module is imported on first use, except the ones warmed up once the desk is
    unlocked (the client file a lookup opens): imported then, and nothing built."""
    import sys

    (tmp_path / "warm_probe_area.py").write_text(
        "BUILT = []\n\nclass ProbeArea:\n    def __init__(self, ctx):\n        BUILT.append(ctx)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    probe = areas.AreaSpec("probe", "", areas._OnFirstUse("warm_probe_area", "ProbeArea"), "P")
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, probe))
    monkeypatch.setattr(areas, "WARM_AFTER_UNLOCK", ("clients", "probe"))
    monkeypatch.delitem(sys.modules, "warm_probe_area", raising=False)
    assert "clients" in areas.WARM_AFTER_UNLOCK
    assert "warm_probe_area" not in sys.modules  # the unlock screen did not load it
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: "warm_probe_area" in sys.modules, timeout=5_000)
    assert sys.modules["warm_probe_area"].BUILT == []
    assert "probe" not in window.areas  # the window's own list is unchanged
