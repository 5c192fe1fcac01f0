"""The timeline model: Qt's model tester, lazy pages, newest first, filters, amendment links."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from sosdesk.demo.generator import generate
from sosdesk.services.clients import find_by_code
from sosdesk.services.events import correct_event, count_timeline, editable_payload, timeline
from sosdesk.store.database import Database
from sosdesk.ui.context import AppContext
from sosdesk.ui.timeline.model import EVENT_ID_ROLE, PAGE, TimelineModel


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    """Pages read ahead in the pool finish before the database closes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def long_client(db: Database) -> str:
    """The demo client with 2,000 events, two of them corrected."""
    result = generate(db, 50, 11)
    assert result.long_client_code is not None
    client_id = find_by_code(db, result.long_client_code).id
    assistance = timeline(db, client_id, kinds={"assistance"}, limit=2)
    for e in assistance:
        correct_event(db, e.id, {**editable_payload(e), "note": "ispravljeno"}, "dopuna")
    return client_id


def test_model_passes_qt_model_tester_and_loads_lazily(
    db: Database, long_client: str, qtmodeltester: object, qapp: object
) -> None:
    model = TimelineModel(AppContext(db))
    model.load(long_client)
    total = count_timeline(db, long_client)
    assert model.total == total == 2002
    assert model.rowCount() == PAGE and model.canFetchMore()  # only the first page
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    times = [model.event_at(r).occurred_at for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True)  # newest first
    oldest = timeline(db, long_client, offset=total - 1, limit=1)[0]
    assert model.ensure_loaded(oldest.id) == total - 1
    assert not model.canFetchMore()
    ids = [model.index(r, 0).data(EVENT_ID_ROLE) for r in range(model.rowCount())]
    assert len(set(ids)) == total  # no row twice across page boundaries
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    fresh = TimelineModel(AppContext(db))
    fresh.load(long_client)
    qtmodeltester.check(fresh)  # type: ignore[attr-defined]  # it also fetches pages itself
    assert PAGE < fresh.rowCount() <= total


def test_filters_and_amendment_links(
    db: Database, long_client: str, qtmodeltester: object, qapp: object
) -> None:
    model = TimelineModel(AppContext(db))
    since = datetime(2025, 1, 1, tzinfo=UTC)
    model.load(long_client, kinds={"court_hearing"}, since=since)
    assert model.total == count_timeline(db, long_client, kinds={"court_hearing"}, since=since) > 0
    while model.canFetchMore():
        model.fetchMore()
    assert {model.event_at(r).kind for r in range(model.rowCount())} == {"court_hearing"}
    assert all(model.event_at(r).occurred_at >= since for r in range(model.rowCount()))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.load(long_client)
    first, second = model.event_at(0), model.event_at(1)  # the two corrections are newest
    assert {first.kind, second.kind} == {"amendment"}
    assert model.original_at(0) is not None and model.original_at(0).id == first.amends_id  # type: ignore[union-attr]
    assert "Correction of" in model.index(0, TimelineModel.SUMMARY).data()
    row = model.ensure_loaded(first.amends_id or "")
    assert row is not None and [a.id for a in model.amendments_at(row)] == [first.id]
    assert "·" in model.index(row, TimelineModel.KIND).data()
    assert model.index(row, TimelineModel.KIND).data(Qt.ItemDataRole.DecorationRole) is not None
    model.clear()
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_view_scrolls_to_the_end_fetching_pages(
    db: Database, long_client: str, qtbot: QtBot
) -> None:
    from sosdesk.ui.timeline.view import TimelineView

    view = TimelineView(AppContext(db))
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    view.show_client(long_client)
    view.table.setFocus()
    loaded = [view.model.rowCount()]
    while view.model.canFetchMore() and len(loaded) < 40:
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.model.rowCount() > loaded[-1] or not view.model.canFetchMore())
        loaded.append(view.model.rowCount())
    assert view.model.rowCount() == view.model.total == 2002
    assert loaded[:3] == [PAGE, 2 * PAGE, 3 * PAGE]  # one page per trip to the end
    assert view.table.currentIndex().row() >= 2002 - PAGE
