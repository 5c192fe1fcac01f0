"""Qt bootstrap: QApplication, theme, translator, the desk window (unlock screen first)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import TYPE_CHECKING

from sosdesk.config import ENV_USER

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

ENV_STARTUP_PROBE = "SOSDESK_STARTUP_PROBE"  # benchmarks, smoke test: see ui/startup_probe.py


def run_app(args: argparse.Namespace) -> int:
    """Open the desk window on the database of `args.db` (or the default) for `args.user`."""
    started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from sosdesk.config import db_path
    from sosdesk.services.preferences import Preferences
    from sosdesk.ui import i18n
    from sosdesk.ui.main_window import MainWindow
    from sosdesk.ui.theme import apply_theme, startup_theme

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "sosdesk"])
    assert isinstance(app, QApplication)
    app.setApplicationName("SOS Desk")
    app.setOrganizationName("sosdesk")
    # The user's own preferences apply once they unlock; until then the theme last used here.
    prefs = Preferences(theme=startup_theme(db_path(args), Preferences().theme))
    apply_theme(app, prefs.theme, prefs.font_size)
    i18n.install(prefs.lang)
    user = getattr(args, "user", None) or os.environ.get(ENV_USER, "")
    window = MainWindow(db_path(args), user, prefs=prefs)
    window.show()
    probe_mode = os.environ.get(ENV_STARTUP_PROBE)
    if probe_mode:
        from sosdesk.ui.startup_probe import StartupProbe

        probe = StartupProbe(app, window, started, probe_mode)
        QTimer.singleShot(0, probe.shown)  # runs once the first frame is painted
    try:
        return int(app.exec())
    finally:
        window.instance_lock.release()
        _tear_down(app, window)


def _tear_down(app: QApplication, window: QWidget) -> None:
    """Delete the window and the translator while Qt still runs: left to interpreter exit,
    Python and Qt may free them in an order that crashes on the way out."""
    import gc

    from PySide6.QtCore import QEvent

    from sosdesk.ui import i18n

    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    i18n.install("en")
    gc.collect()
