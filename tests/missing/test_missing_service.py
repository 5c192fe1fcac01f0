"""Missing-child cases: open from a 116 000 call, the search as dated steps, the outcome,
support after, repeat episodes, family call-backs, and who sees a child's name."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sosdesk.domain.messages import CodedError
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.errors import NotAllowed
from sosdesk.services.followups import board
from sosdesk.services.missing_children import (
    HIDDEN_NAME,
    ChildInput,
    add_step,
    episodes_of,
    get_missing_case,
    list_missing_cases,
    open_missing_case,
    record_outcome,
    reopen_missing_case,
    schedule_family_callback,
    search_missing_cases,
)
from sosdesk.store.database import Database
from sosdesk.store.tx import Actor

NOW = datetime.now(UTC)


def _call(db: Database) -> str:
    return save_call(db, CallInput(line="missing_116000", categories=["missing_child"])).id


def _child(**kw: object) -> ChildInput:
    base: dict[str, object] = {
        "category": "runaway_national",
        "reporter_kind": "parent",
        "child_name": "Milica Jovanović",
        "age": 14,
        "gender": "female",
        "living": "family",
        "last_seen_on": date.today() - timedelta(days=1),
        "last_seen_place": "Novi Sad, autobuska stanica",
    }
    base.update(kw)
    return ChildInput(**base)  # type: ignore[arg-type]


def test_a_case_opens_from_a_call_and_records_search_outcome_and_support(db: Database) -> None:
    call_id = _call(db)
    case = open_missing_case(db, _child(), call_id=call_id)
    assert case.code.startswith(f"NC-BG1-{NOW.year}-") and case.is_open
    assert case.call_id == call_id and case.child_name == "Milica Jovanović"
    assert not case.police_reported and case.episode == 1
    add_step(db, case.id, "police_report", NOW, {"station": "PU Novi Sad", "case_number": "KU 12"})
    with pytest.raises(ValidationFailed) as err:
        add_step(db, case.id, "media_appeal", NOW, {"channel": "TV"})
    assert err.value.errors[0].code == "missing.consent_needed"
    add_step(db, case.id, "media_appeal", NOW, {"channel": "TV", "consent_by": "majka"})
    add_step(db, case.id, "sighting", NOW, {"place": "Subotica"})
    with pytest.raises(ValidationFailed, match="support after the outcome"):
        add_step(db, case.id, "support", NOW, {"support": "psychological", "to": "child"})
    with pytest.raises(ValidationFailed) as err:
        record_outcome(db, case.id, "found_alive", date.today())
    assert err.value.errors[0].field == "after"
    done = record_outcome(
        db, case.id, "found_alive", date.today(), after="returned_home", found_by="policija"
    )
    assert not done.is_open and done.outcome == "found_alive" and done.police_reported
    add_step(db, case.id, "support", NOW, {"support": "psychological", "to": "family"})
    with pytest.raises(ValidationFailed, match="closed"):
        add_step(db, case.id, "sighting", NOW, {"place": "Beograd"})
    full = get_missing_case(db, case.id)
    assert [s.kind for s in full.steps] == ["police_report", "media_appeal", "sighting", "support"]
    assert full.steps[0].payload == {"station": "PU Novi Sad", "case_number": "KU 12"}
    again = reopen_missing_case(db, case.id)
    assert again.is_open and again.outcome is None


def test_input_is_checked_with_codes(db: Database) -> None:
    with pytest.raises(ValidationFailed) as err:
        open_missing_case(db, _child(category="parental_international", age=19, gender="x"))
    codes = {(e.field, e.code) for e in err.value.errors}
    assert ("age", "missing.age_range") in codes
    assert ("countries", "missing.countries_needed") in codes
    assert ("gender", "field.unknown_value") in codes
    ok = open_missing_case(db, _child(category="parental_international", countries=["DE"]))
    assert ok.countries == ("DE",)


def test_repeat_episodes_of_the_same_child_are_chained(db: Database) -> None:
    first = open_missing_case(db, _child())
    record_outcome(db, first.id, "found_alive", date.today(), after="returned_home")
    second = open_missing_case(db, _child(previous_id=first.id))
    third = open_missing_case(db, _child(previous_id=second.id))
    assert third.episode == 3 and second.episode == 2
    assert [e.id for e in episodes_of(db, second.id)] == [first.id, second.id, third.id]


def test_family_callback_lands_on_the_follow_up_board(db: Database) -> None:
    case = open_missing_case(db, _child(), call_id=_call(db))
    due = NOW + timedelta(hours=3)
    follow = schedule_family_callback(db, case.id, due)
    assert follow.call_id == case.call_id and case.code in follow.what
    shown = board(db, None)
    assert follow.id in {f.id for f in (*shown.overdue, *shown.today, *shown.upcoming)}


def test_volunteer_sees_no_child_name_outside_the_call_she_took(db: Database) -> None:
    coordinator = db.actor
    vid = db.add_user("vesna", "Vesna", "operator", "vesna-lozinka-1234")
    other = open_missing_case(db, _child(child_name="Stefan Ilić"), call_id=_call(db))
    db.actor = Actor(vid, "vesna", "volunteer")
    own = open_missing_case(db, _child(child_name="Jelena Marić"), call_id=_call(db))
    assert own.child_name == "Jelena Marić"
    names = {c.id: c.child_name for c in list_missing_cases(db)}
    assert names == {own.id: "Jelena Marić", other.id: HIDDEN_NAME}
    assert get_missing_case(db, own.id).name_shown
    with pytest.raises(NotAllowed) as denied:
        get_missing_case(db, other.id)
    assert isinstance(denied.value, CodedError) and denied.value.code == "missing.not_allowed"
    with pytest.raises(NotAllowed):
        add_step(db, own.id, "sighting", NOW, {"place": "Niš"})
    db.actor = coordinator
    assert get_missing_case(db, other.id).child_name == "Stefan Ilić"


def test_a_repeat_episode_carries_who_the_child_is_not_what_happened(db: Database) -> None:
    first = open_missing_case(db, _child(citizenship="RS", languages=["sr"]))
    again = open_missing_case(
        db, ChildInput(category="thrown_out", reporter_kind="police", previous_id=first.id)
    )
    assert again.child_name == "Milica Jovanović" and again.gender == "female"
    assert (again.citizenship, again.living, again.last_seen_place) == ("RS", "family", None)
    assert again.category == "thrown_out" and again.episode == 2


def test_cases_are_found_in_any_script_but_not_by_a_name_the_user_may_not_see(
    db: Database,
) -> None:
    coordinator = db.actor
    milica = open_missing_case(db, _child(), call_id=_call(db))
    open_missing_case(db, _child(child_name="Stefan Ilić", last_seen_place="Niš"))
    assert [c.id for c in search_missing_cases(db, "милица јов")] == [milica.id]
    assert [c.id for c in search_missing_cases(db, "novi sad")] == [milica.id]
    assert [c.id for c in search_missing_cases(db, milica.code.split("-")[-1])] == [milica.id]
    assert len(search_missing_cases(db, "")) == 2
    vid = db.add_user("vesna", "Vesna", "operator", "vesna-lozinka-1234")
    db.actor = Actor(vid, "vesna", "volunteer")
    assert search_missing_cases(db, "Milica") == []  # her name stays hidden
    assert [c.id for c in search_missing_cases(db, "Novi Sad")] == [milica.id]
    db.actor = coordinator
