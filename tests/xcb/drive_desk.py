"""Run in a child process on a real X server (QT_QPA_PLATFORM=xcb): open the desk window as
`sosdesk` does, unlock it from the keyboard, visit every area with Ctrl+1..6, and print one
line per step. Exits non-zero on the first step that fails."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sosdesk.services.preferences import Preferences
from sosdesk.ui import i18n
from sosdesk.ui.areas import AREAS
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import apply_theme


def wait_for(app: QApplication, condition: Callable[[], bool], what: str, seconds: float) -> None:
    """Process events until `condition` holds; fail with `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            print(f"FAILED waiting for {what}", flush=True)
            raise SystemExit(1)
        QTest.qWait(20)


def type_text(widget: object, text: str) -> None:
    """Type any text, one key event per character (keyClicks cannot type non-ASCII)."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget,  # type: ignore[arg-type]
                QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch),
            )


def main() -> int:
    db_path, user, passphrase, shot = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    app = QApplication([sys.argv[0]])
    print(f"platform {QGuiApplication.platformName()}", flush=True)
    prefs = Preferences(theme="light")
    apply_theme(app, prefs.theme, prefs.font_size)
    i18n.install(prefs.lang)
    window = MainWindow(db_path, user, prefs=prefs)
    window.resize(1280, 800)
    window.show()
    wait_for(app, window.isVisible, "the window", 20)
    window.activateWindow()
    wait_for(app, window.isActiveWindow, "the window to take the keyboard", 20)
    print("unlock-screen shown", flush=True)
    screen = window.unlock_screen
    screen.pass_edit.setFocus()
    type_text(screen.pass_edit, passphrase)
    QTest.keyClick(screen.pass_edit, Qt.Key.Key_Return)
    wait_for(app, lambda: not window.ctx.is_locked, "unlocking", 30)
    print("unlocked", flush=True)
    seen: list[str] = []
    for spec in AREAS:  # every registered area, by its own shortcut (Ctrl+digit)
        digit = spec.shortcut.rsplit("+", 1)[-1]
        key = getattr(Qt.Key, f"Key_{digit}")
        QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        wait_for(app, lambda: window.current_area() is not None, f"area {digit}", 20)
        area = window.current_area()
        print(f"ctrl+{digit} {area}", flush=True)
        seen.append(str(area))
    image = window.grab().toImage()
    image.save(shot)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in (50, 300, 600)}
    print(f"screenshot colours {len(colours)}", flush=True)
    window.close()
    window.instance_lock.release()
    return 0 if len(set(seen)) == len(AREAS) else 1


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    raise SystemExit(main())
