"""Phone numbers are shown in one national format and stored as E.164 (issue 18, problem 8):
the profile field shows what the header shows, and saving it unchanged changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from sosdesk.services.clients import create_client, get_client
from sosdesk.store.database import Database
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import display_phone


@pytest.fixture(autouse=True)
def _drain_pool(db: Database) -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


def test_profile_shows_the_national_format_and_keeps_e164(db: Database, qtbot: QtBot) -> None:
    c = create_client(db, {"given_name": "Jelena", "phones": ["063/123-45-67", "+381 11 3635400"]})
    assert get_client(db, c.id).phones == ("+381631234567", "+381113635400")
    area = ClientsArea(AppContext(db))
    qtbot.addWidget(area)
    area.show()
    area.open_client(c.id)
    profile = area.file.profile
    qtbot.waitUntil(lambda: profile.phones.text() != "")
    assert profile.phones.text() == "063 123 4567; 011 363 5400"
    assert display_phone("+381631234567") == "063 123 4567"
    before = get_client(db, c.id).version
    profile.save()
    after = get_client(db, c.id)
    assert after.phones == ("+381631234567", "+381113635400") and after.version == before


def test_one_age_computed_one_way(db: Database, qtbot: QtBot) -> None:
    from datetime import date

    from sosdesk.services.clients import client_age

    c = create_client(db, {"given_name": "Ana", "birth_year": 1999, "estimated_age": 26})
    view = get_client(db, c.id)
    age = client_age(view)
    assert age == date.today().year - 1999  # the birth year wins over the estimate
    area = ClientsArea(AppContext(db))
    qtbot.addWidget(area)
    area.show()
    area.open_client(c.id)
    profile = area.file.profile
    qtbot.waitUntil(lambda: profile.birth_year.text() == "1999")
    assert profile.estimated_age.text() == ""  # not "26" next to "27 yrs"
    assert profile.estimated_age.placeholderText().startswith(f"{age} ")
    assert f"{age}" in area.file.header.facts.text()
    assert "26" not in area.file.header.facts.text()
