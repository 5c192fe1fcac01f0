"""One time zone everywhere (issue 18, problem 8): a time typed on a computer set to another zone
is the organisation's wall time; the screen shows and the documents print the same instant the
same way (a hearing typed 09:30 printed 10:30 on a UTC machine)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from sosdesk.domain.clock import desk_zone, set_desk_zone, to_desk
from sosdesk.services.organisation import DEMO, zone
from sosdesk.ui.widgets.datetime_field import format_local, parse_local


@pytest.fixture
def computer_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_typed_shown_and_printed_alike(computer_in_new_york: None) -> None:
    assert datetime(2026, 12, 5, 12).astimezone().utcoffset() != ZoneInfo(
        "Europe/Belgrade"
    ).utcoffset(datetime(2026, 12, 5, 12))  # the computer really is elsewhere
    typed = parse_local("05.12.2026 09:30")
    assert typed is not None
    assert typed.astimezone(UTC) == datetime(2026, 12, 5, 8, 30, tzinfo=UTC)  # CET = UTC+1
    assert format_local(typed) == "05.12.2026 09:30"  # on screen
    printed = typed.astimezone(zone(DEMO)).strftime("%d.%m.%Y %H:%M")  # as documents print it
    assert printed == "05.12.2026 09:30"
    summer = parse_local("05.07.2026 09:30")
    assert summer is not None and summer.astimezone(UTC).hour == 7  # CEST = UTC+2


def test_the_organisation_may_set_another_zone() -> None:
    try:
        set_desk_zone(ZoneInfo("Europe/London"))
        assert to_desk(datetime(2026, 12, 5, 9, 30, tzinfo=UTC)).hour == 9
    finally:
        set_desk_zone(None)
    assert str(desk_zone()) == "Europe/Belgrade"
