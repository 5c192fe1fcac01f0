"""The search bar: always there, Ctrl+K, any script, clients first then calls; Enter opens
the client (in the clients area when this build has one) or the call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from sosdesk.services.calls import CallInput, save_call
from sosdesk.store.database import Database
from sosdesk.ui.main_window import MainWindow
from tests.gui.conftest import focused, press, typed, unlock

CTRL = Qt.KeyboardModifier.ControlModifier
K = Qt.Key


def test_search_bar_groups_clients_then_calls(
    qtbot, window: MainWindow, db: Database, people: dict[str, str]
) -> None:
    started = datetime.now(UTC) - timedelta(minutes=20)
    info = save_call(
        db,
        CallInput(
            categories=["work_abroad"],
            started_at=started,
            summary="Pita za posao u Petrovcu, bez klijenta",
        ),
    )
    unlock(qtbot, window)
    assert window.search.isVisible()
    press(qtbot, K.Key_K, CTRL)
    assert focused() is window.search.edit
    with qtbot.waitSignal(window.search.results_shown, timeout=5000):
        typed("петров")  # Cyrillic query, Latin records
    hits = window.search.hits()
    kinds = [h.kind for h in hits]
    assert kinds[0] == "client" and hits[0].ref == people["dorde"]
    assert "call" in kinds and kinds == sorted(kinds, key=lambda k: k != "client")
    rows = [window.search.drop.item(i).text() for i in range(window.search.drop.count())]
    assert rows[0] == "Klijenti" and "Pozivi" in rows
    # Down to the call without a client, Enter: the calls area shows it.
    call_row = next(i for i, h in enumerate(hits) if h.ref == info.id)
    press(qtbot, K.Key_Down, times=call_row)
    press(qtbot, K.Key_Return)
    calls = window.areas["calls"]
    assert window.current_area() == "calls" and calls.page() == "detail"
    assert calls.detail.values["summary"].text().startswith("Pita za posao u Petrovcu")


def test_enter_on_a_client_opens_the_client_file(
    qtbot, window: MainWindow, people: dict[str, str]
) -> None:
    unlock(qtbot, window)
    press(qtbot, K.Key_K, CTRL)
    with qtbot.waitSignal(window.search.results_shown, timeout=5000):
        typed(people["ljilja_code"])
    with qtbot.waitSignal(window.ctx.open_client_requested, timeout=5000) as opened:
        press(qtbot, K.Key_Return)
    assert opened.args == [people["ljilja"]]
    if "clients" in window.areas:  # the clients area of this build takes it from here
        assert window.current_area() == "clients"
    press(qtbot, K.Key_K, CTRL)
    typed("zzzz")
    window.search.run_now()
    qtbot.waitUntil(lambda: window.search.drop.count() == 1, timeout=5000)
    assert window.search.drop.item(0).text() == "Nema takvog klijenta ni poziva"
    press(qtbot, K.Key_Escape)  # closes the list
    press(qtbot, K.Key_Escape)  # clears the query
    assert window.search.query() == ""
