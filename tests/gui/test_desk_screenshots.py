"""Screenshots of the unlock screen, the desk, the intake form and a search, in both themes
(docs/screenshots/desk-*.png). Each also checks what the picture must show."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.ui.main_window import MainWindow
from sosdesk.ui.theme import apply_theme, current_theme
from sosdesk.ui.widgets.datetime_field import format_local
from tests.gui.conftest import press, shot, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
K = Qt.Key


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(
    qtbot, window: MainWindow, db: Database, people: dict[str, str], theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    window.unlock_screen.message.show_problem(None)
    shot(window, f"desk-unlock-{theme}")

    unlock(qtbot, window)
    window.set_theme(theme)
    assert current_theme(app) == theme
    calls = window.areas["calls"]
    qtbot.waitUntil(
        lambda: calls.recent.list.count() > 0, timeout=20_000
    )  # a worker; CI may be busy
    shot(window, f"desk-calls-{theme}")

    press(qtbot, K.Key_N, CTRL)
    form = calls.form
    form.picks["caller_type"].set_code("victim")
    form.caller_phone.setText("063/123-45-67")
    form.client.link(people["dorde"], f"{people['dorde_code']}  Đorđe Petrović")
    for code in ("victim_support", "legal_advice"):
        form.categories.add(code)
    form.picks["urgency"].set_code("immediate_danger")
    form._urgency_changed()
    form.emergency.set_codes(["police_192", "centre_notified"])
    form.summary.setPlainText(
        "Zove iz Čačka, poslodavac joj je oduzeo pasoš i ne pušta je iz stana. "
        "Sada je sama, može da priča nekoliko minuta."
    )
    form.times["follow_up_at"].setText(format_local(utcnow() + timedelta(hours=2)))
    form.follow_up_what.setText("Pozvati radi provere bezbednosti")
    form.scroller.verticalScrollBar().setValue(0)
    assert form.emergency.isVisible()
    shot(window, f"desk-intake-{theme}")
    form.scroller.ensureWidgetVisible(form.emergency)
    shot(window, f"desk-intake-emergency-{theme}")

    form.save_button.setFocus()
    form.picks["caller_type"].set_code(None)
    form.categories.clear_all()
    form.save()
    assert form.messages["caller_type"].isVisible()
    form.scroller.verticalScrollBar().setValue(0)
    shot(window, f"desk-intake-problems-{theme}")

    press(qtbot, K.Key_K, CTRL)
    with qtbot.waitSignal(window.search.results_shown, timeout=5000):
        typed("петр")
    assert window.search.drop.isVisible()
    shot(window, f"desk-search-{theme}")
    press(qtbot, K.Key_Escape)

    press(qtbot, K.Key_T, CTRL)
    typed("inf")
    shot(window, f"desk-tally-{theme}")
    press(qtbot, K.Key_Escape)
    press(qtbot, K.Key_Escape)

    press(qtbot, K.Key_L, CTRL)
    shot(window, f"desk-locked-{theme}")


def test_cyrillic_screenshot(qtbot, window: MainWindow, people: dict[str, str]) -> None:
    unlock(qtbot, window)
    window.set_theme("dark")
    window.set_language("sr-Cyrl")
    press(qtbot, K.Key_N, CTRL)
    form = window.areas["calls"].form
    form.picks["caller_type"].set_code("family")
    form.categories.add("missing_child")
    form.summary.setPlainText("Мајка пријављује да ћерка није дошла кући после посла у Нишу.")
    assert form.save_button.text() == "Сачувај позив (Ctrl+S)"
    shot(window, "desk-intake-cyrillic-dark")
    window.set_language("sr-Latn")
