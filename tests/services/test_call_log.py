"""The call log and the shift handover (issue 18, problem 6): calls browsed by date, shift,
line, operator, urgency, category and linked or not; the handover gathers the shift's urgent
calls, open follow-ups, unsaved calls and the note left for the next operator."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services import followups
from sosdesk.services.call_log import (
    CallFilter,
    find_calls,
    handover,
    leave_note,
    shift_of,
    shift_start,
)
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.drafts import save_draft
from sosdesk.services.followups import add_followup
from sosdesk.store.database import Database


def _at(day: int, hour: int) -> datetime:  # December 2026 is CET: UTC+1
    return datetime(2026, 12, day, tzinfo=UTC) + timedelta(hours=hour - 1)


def _call(db: Database, when: datetime, **kw: object) -> str:
    data = CallInput(
        categories=["prevention_info"], started_at=when, ended_at=when + timedelta(minutes=5)
    )
    for k, v in kw.items():
        setattr(data, k, v)
    return save_call(db, data).id


def test_filters_each_narrow_the_log(db: Database) -> None:
    client = create_client(db, {"given_name": "Milica"})
    night = _call(
        db,
        _at(3, 23),
        urgency="immediate_danger",
        categories=["victim_support"],
        client_id=client.id,
    )
    day = _call(db, _at(3, 10), line="free_line")
    morning = _call(db, _at(4, 6))  # 06:00 desk time: still the night shift
    everything = [c.id for c in find_calls(db, CallFilter())]
    assert everything == [morning, night, day]
    assert [c.id for c in find_calls(db, CallFilter(shift="night"))] == [morning, night]
    assert [c.id for c in find_calls(db, CallFilter(shift="day"))] == [day]
    assert [c.id for c in find_calls(db, CallFilter(line="free_line"))] == [day]
    assert [c.id for c in find_calls(db, CallFilter(urgency="immediate_danger"))] == [night]
    assert [c.id for c in find_calls(db, CallFilter(category="victim_support"))] == [night]
    assert [c.id for c in find_calls(db, CallFilter(linked=True))] == [night]
    assert [c.id for c in find_calls(db, CallFilter(linked=False))] == [morning, day]
    assert [c.id for c in find_calls(db, CallFilter(since=_at(3, 12), until=_at(4, 0)))] == [night]
    assert [c.id for c in find_calls(db, CallFilter(operator_id="nobody"))] == []
    assert len(find_calls(db, CallFilter(limit=1))) == 1
    with pytest.raises(ValidationFailed):
        find_calls(db, CallFilter(shift="evening"))


def test_shifts_turn_at_seven_desk_time() -> None:
    assert shift_of(_at(5, 7)) == "day" and shift_of(_at(5, 6)) == "night"
    assert shift_start(_at(5, 3)) == _at(4, 19)  # a night shift began the evening before
    assert shift_start(_at(5, 20)) == _at(5, 19)
    assert shift_start(_at(5, 12)) == _at(5, 7)


def test_handover_of_a_night_shift(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    now = _at(5, 3)
    # The follow-ups were agreed during the shift (a fixed night): the rule that a new one may
    # not be due in the past reads that clock, not the machine's.
    monkeypatch.setattr(followups, "utcnow", lambda: now - timedelta(hours=1, minutes=30))
    _call(db, _at(4, 18))  # the day shift's: not in this handover
    urgent = _call(db, _at(4, 22), urgency="urgent")
    _call(db, _at(5, 1))
    late = add_followup(db, now - timedelta(hours=1), "Pozvati je")
    today = add_followup(db, now + timedelta(hours=5), "Pratnja u sud")
    add_followup(db, now + timedelta(days=3), "Kasnije")
    save_draft(db, "call", {"summary": "nedovršen"})
    leave_note(db, "Klijentkinja iz Niša će zvati posle ponoći; proveriti smeštaj.")
    h = handover(db, now=now)
    assert h.shift_start == _at(4, 19)
    assert h.calls == 2 and [c.id for c in h.urgent_calls] == [urgent]
    assert [f.id for f in h.overdue] == [late.id] and [f.id for f in h.due_today] == [today.id]
    assert h.unsaved_calls == 1
    assert h.note is not None and h.note.by == "Ana Petrović" and "Niša" in h.note.text
    assert leave_note(db, "   ") is None and handover(db, now=now).note is None
