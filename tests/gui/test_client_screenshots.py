"""Screenshots of the client file with a long timeline (2,000 events), in the light and the
dark theme and in Serbian, saved under docs/screenshots/ for the user guide (and for looking).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sosdesk.demo.generator import generate
from sosdesk.services.cases import add_goal, cases_of, review_goal
from sosdesk.services.clients import find_by_code, update_client
from sosdesk.services.events import correct_event, editable_payload, timeline
from sosdesk.services.followups import add_followup
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.ui import i18n
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.directory.area import DirectoryArea
from sosdesk.ui.events.dialog import EventDialog
from sosdesk.ui.followups.area import FollowUpsArea
from sosdesk.ui.theme import apply_theme
from sosdesk.ui.widgets.field_message import FieldMessage
from tests.artifacts import screenshots_dir


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    """Pages read ahead in the pool finish before the database closes."""
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


SHOTS = screenshots_dir()


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """Serbian UI; the application's look is restored afterwards for the other tests."""
    style, palette, font, sheet = (
        qapp.style().name(),
        qapp.palette(),
        qapp.font(),
        qapp.styleSheet(),
    )
    i18n.install("sr-Latn")
    yield qapp
    i18n.install("en")
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def long_client(db: Database) -> str:
    """The demo client with 2,000 events, a corrected cost, a plan and a follow-up."""
    result = generate(db, 3000, 2026)
    assert result.long_client_code is not None
    client_id = find_by_code(db, result.long_client_code).id
    update_client(db, client_id, {"risk_level": "high", "notes": "Ne zvati posle 22h."})
    costly = [e for e in timeline(db, client_id, kinds={"assistance"}, limit=40) if e.amount_minor]
    correct_event(
        db,
        costly[2].id,
        {**editable_payload(costly[2]), "amount": "1500.00"},
        "iznos prepisan sa pogrešnog računa",
    )
    case = cases_of(db, client_id)[0]
    goal = add_goal(
        db,
        case.id,
        "Izvaditi ličnu kartu i zdravstvenu knjižicu",
        utcnow().date() + timedelta(days=30),
    )
    review_goal(db, goal.id, "Zakazan termin u policiji, pratnja mobilnog tima")
    add_goal(
        db,
        case.id,
        "Uključivanje u program ekonomskog osnaživanja",
        utcnow().date() + timedelta(days=120),
    )
    add_followup(
        db,
        utcnow() + timedelta(hours=2),
        "Pozvati klijentkinju posle ročišta",
        client_id=client_id,
        assigned_to=db.actor.user_id,
    )
    return client_id


def _save(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    assert widget.grab().save(str(path))
    return path


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_client_file_screenshots(
    themed: QApplication, db: Database, long_client: str, qtbot: QtBot, theme: str
) -> None:
    apply_theme(themed, theme)
    ctx = AppContext(db)
    area = ClientsArea(ctx)
    qtbot.addWidget(area)
    area.resize(1440, 900)
    area.show()
    qtbot.waitExposed(area)
    area.open_client(long_client)
    area.file.flush_fill()  # the hidden tabs and the case line, normally right after painting
    view = area.file.timeline
    assert view.model.total == 2001 and view.model.rowCount() < view.model.total
    view.select_event(view.model.event_at(0).amends_id or "")  # the corrected assistance
    shots = [_save(area, f"client-file-timeline-{theme}.png")]
    assert "Hronologija" in area.file.tabs.tabText(0)  # the Serbian catalogue is in use
    for index, name in ((1, "profile"), (2, "history"), (3, "cases")):
        area.file.tabs.setCurrentIndex(index)
        shots.append(_save(area, f"client-file-{name}-{theme}.png"))
    area.file.tabs.setCurrentIndex(0)
    area.file.add_event("assistance" if theme == "light" else "court_hearing")
    dialog = area.file.dialog
    assert isinstance(dialog, EventDialog)
    qtbot.waitExposed(dialog)
    dialog.save()  # empty: shows what is missing, beside each field
    said = [m.text() for m in dialog.findChildren(FieldMessage) if m.isVisible() and m.text()]
    assert said and all(text[0].isupper() for text in said), said  # from the message table
    shots.append(_save(dialog, f"client-event-{dialog.kind.replace('_', '-')}-{theme}.png"))
    dialog.reject()
    followups = FollowUpsArea(ctx)
    qtbot.addWidget(followups)
    followups.desk.setChecked(True)
    followups.resize(1100, 640)
    followups.show()
    shots.append(_save(followups, f"client-followups-{theme}.png"))
    directory = DirectoryArea(ctx)
    qtbot.addWidget(directory)
    directory.resize(1440, 700)
    directory.show()
    shots.append(_save(directory, f"client-directory-{theme}.png"))
    assert all(p.stat().st_size > 10_000 for p in shots)
