"""Screen readers find a name on every control (issue 18, problem 9): a walk over every area,
the call form and each tab of a client file asks Qt's accessibility layer for the name of every
visible focusable widget; none may be empty. Tables also say their column headings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView, QTabWidget, QWidget

from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.widgets.accessible_names import clean
from tests.gui.conftest import press, unlock

CTRL = Qt.KeyboardModifier.ControlModifier


def _settle(qtbot) -> None:
    qtbot.wait(20)  # names are given at the next turn of the event loop after a widget shows
    QApplication.processEvents()


def _nameless(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if w.focusPolicy() == Qt.FocusPolicy.NoFocus or not w.isVisible() or not w.isEnabled():
            continue
        face = QAccessible.queryAccessibleInterface(w)
        if face is None or not face.text(QAccessible.Text.Name).strip():
            out.append(f"{type(w).__name__} in {type(w.parentWidget()).__name__}")
    return out


def test_every_focusable_widget_has_a_name(qtbot, window: MainWindow, people) -> None:
    unlock(qtbot, window)
    _settle(qtbot)
    assert _nameless(window.search) == []
    assert window.search.edit.accessibleName() != ""
    for key in window.areas:
        window.switch_area(key)
        _settle(qtbot)
        area = window.areas[key]
        assert area.accessibleName() == area.title()  # type: ignore[attr-defined]
        assert _nameless(area) == [], key
    press(qtbot, Qt.Key.Key_N, CTRL)
    _settle(qtbot)
    form = window.areas["calls"].form
    assert _nameless(window.areas["calls"]) == []
    face = QAccessible.queryAccessibleInterface(form.picks["caller_type"])
    assert face.text(QAccessible.Text.Name) == "Vrsta pozivaoca"
    window.open_client(people["dorde"])
    _settle(qtbot)
    clients = window.areas["clients"]
    tabs = clients.findChildren(QTabWidget)[0]
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        _settle(qtbot)
        assert _nameless(clients) == [], tabs.tabText(i)
        for view in clients.findChildren(QAbstractItemView):
            if view.isVisible() and isinstance(view, QTableView):
                assert view.accessibleDescription() != "", tabs.tabText(i)


def test_a_caption_names_its_control_and_code_wins() -> None:
    assert clean("&Due:") == "Due"
    assert clean("Save (Ctrl+S)") == "Save"
    assert clean("Tom && Jerry") == "Tom & Jerry"
