"""Unlock returns to the client file that was open (issue 18, problem 8): the lock keeps only
the file's id, in memory, and the file is shown again, from its own data, after unlock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import press, unlock

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_unlock_reopens_the_client_file_that_was_open(
    qtbot, window: MainWindow, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    window.open_client(people["dorde"])
    clients = window.areas["clients"]
    qtbot.waitUntil(lambda: clients.file.client is not None)
    assert clients.file.client.id == people["dorde"]
    press(qtbot, K.Key_L, CTRL)
    assert window.ctx.is_locked
    assert clients.file.client is None  # nothing of her stays on screen while locked
    assert clients.file.header.title.text() == ""
    unlock(qtbot, window)
    assert window.current_area() == "clients"
    qtbot.waitUntil(lambda: clients.file.client is not None, timeout=5000)
    assert clients.file.client.id == people["dorde"]
    assert clients.stack.currentWidget() is clients.file
    assert "Petrović" in clients.file.header.title.text()
