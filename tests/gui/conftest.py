"""Fixtures for the desk window: a demo database, the window on it, unlocking, typing from the
keyboard into whatever has the focus, screenshots, and every piece of text on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from sosdesk.demo.generator import generate
from sosdesk.services.clients import create_client
from sosdesk.services.preferences import Preferences
from sosdesk.store.database import Database
from sosdesk.ui import i18n
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import apply_theme
from tests.artifacts import screenshots_dir
from tests.conftest import PASSPHRASE, USER
from tests.gui.typing_helper import type_text

SHOTS = screenshots_dir()


@pytest.fixture
def desk_app(qapp: QApplication) -> Iterator[QApplication]:
    """Light theme, Serbian Latin; put back as found (other areas' tests share the app)."""
    apply_theme(qapp, "light")
    i18n.install("sr-Latn")
    yield qapp
    i18n.install("en")
    qapp.setStyleSheet("")


@pytest.fixture
def people(db: Database) -> dict[str, str]:
    """A few clients the tests look for, in both scripts, plus demo calls and the directory."""
    generate(db, 40, 11)
    made = {
        "dorde": create_client(
            db,
            {
                "given_name": "Đorđe",
                "family_name": "Petrović",
                "phones": ["063/123-45-67"],
                "risk_level": "high",
                "notes": "Plan bezbednosti: sklonište u Nišu, šifra 'plava'.",
            },
        ),
        "ljilja": create_client(db, {"given_name": "Љиља", "family_name": "Ђурђевић"}),
    }
    return {k: v.id for k, v in made.items()} | {f"{k}_code": v.code for k, v in made.items()}


@pytest.fixture
def window(qtbot, desk_app: QApplication, db_path: Path, db: Database) -> Iterator[MainWindow]:
    """The desk window on the test database, showing the unlock screen."""
    w = MainWindow(db_path, USER, prefs=Preferences(theme="light"))
    qtbot.addWidget(w)
    w.resize(1280, 820)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)  # shortcuts only reach the active window
    yield w
    w.instance_lock.release()


def unlock(qtbot, w: MainWindow, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase and press Enter, as an operator does; waits until unlocked."""
    screen = w.unlock_screen
    screen.pass_edit.setFocus()
    type_text(screen.pass_edit, passphrase)
    qtbot.keyClick(screen.pass_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.ctx.is_locked, timeout=15_000)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(
    qtbot,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    times: int = 1,
) -> None:
    """A key (with modifiers) into whatever has the focus."""
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def typed(text: str) -> None:
    """Type text (Serbian included) into whatever has the focus."""
    type_text(focused(), text)


def shot(widget: QWidget, name: str) -> Path:
    """Save a screenshot under docs/screenshots/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for _ in range(3):  # let pending layout and paint requests run first
        QApplication.processEvents()
    path = SHOTS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    out: list[str] = []

    def columns(parent: QModelIndex) -> int:
        try:
            return int(model.columnCount(parent))
        except TypeError:  # list models hide columnCount in PySide
            return 1

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            for col in range(columns(parent)):
                index = model.index(row, col, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if value:
                        out.append(str(value))
                try:
                    deeper = bool(model.hasChildren(index))
                except TypeError:  # list models hide hasChildren in PySide
                    deeper = False
                if deeper:
                    walk(index)

    walk(QModelIndex())
    return out


def widget_texts(root: QWidget, *, visible_only: bool = True) -> list[str]:
    """Every piece of text a widget tree shows (or holds, with visible_only=False)."""
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if visible_only and not w.isVisible():
            continue
        if w.toolTip():
            out.append(w.toolTip())
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            out.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            out += _model_texts(w)
    return [t for t in out if t]


def leaks(root: QWidget, secrets: list[str], *, visible_only: bool = True) -> list[str]:
    """Texts on screen that contain any of the secrets (case-insensitive)."""
    texts = widget_texts(root, visible_only=visible_only)
    return [t for t in texts for s in secrets if s.lower() in t.lower()]
