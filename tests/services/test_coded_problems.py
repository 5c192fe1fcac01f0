"""Services refuse with codes: one follow-up rule on every path, a table entry for every code,
and no client data in the text of any refusal."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

import sosdesk
from sosdesk.domain.messages import FieldError, ValidationFailed, all_codes, render
from sosdesk.domain.validation import ValidationFailed as ReExported
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client, update_client_fields
from sosdesk.services.directory import create_entry
from sosdesk.services.errors import NotFound
from sosdesk.services.events import CLOCK_SKEW, add_event, check_event_time, correct_event
from sosdesk.services.followups import (
    MAX_WHAT,
    PAST_GRACE,
    add_followup,
    check_followup,
    reschedule,
)
from sosdesk.store.database import Database
from sosdesk.store.models import Call, FollowUp, utcnow

CANARY = "Kanarinac7Q"


def _codes(exc: ValidationFailed) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in exc.errors]


def _count(db: Database, model: type) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def _call(**follow_up: object) -> CallInput:
    return CallInput(caller_type="victim", categories=["victim_support"], **follow_up)  # type: ignore[arg-type]


def test_validation_module_speaks_the_coded_classes() -> None:
    assert ReExported is ValidationFailed


@pytest.mark.parametrize(
    ("due_offset", "what", "due_code", "what_code"),
    [
        (timedelta(days=-365), "Pozvati klijentkinju", "followup.in_past", None),
        (timedelta(hours=2), "x" * 5000, None, "field.too_long"),
        (timedelta(days=-365), "x" * 5000, "followup.in_past", "field.too_long"),
    ],
)
def test_save_call_and_add_followup_refuse_a_follow_up_with_the_same_codes(
    db: Database,
    due_offset: timedelta,
    what: str,
    due_code: str | None,
    what_code: str | None,
) -> None:
    due = utcnow() + due_offset
    calls, followups = _count(db, Call), _count(db, FollowUp)
    with pytest.raises(ValidationFailed) as from_call:
        save_call(db, _call(follow_up_at=due, follow_up_what=what))
    with pytest.raises(ValidationFailed) as from_add:
        add_followup(db, due, what)
    expected_call = [("follow_up_at", due_code), ("follow_up_what", what_code)]
    expected_add = [("due_at", due_code), ("what", what_code)]
    assert _codes(from_call.value) == [(f, c) for f, c in expected_call if c]
    assert _codes(from_add.value) == [(f, c) for f, c in expected_add if c]
    assert (_count(db, Call), _count(db, FollowUp)) == (calls, followups)  # nothing written
    if what_code:
        too_long = from_call.value.errors[-1]
        assert dict(too_long.params) == {"max": MAX_WHAT, "now": 5000}
        assert too_long.text("sr-Latn") == "Predugačko: najviše 2000 znakova (sada 5000)"


def test_one_grace_for_the_past_on_every_path(db: Database) -> None:
    now = utcnow()
    just_inside = now - PAST_GRACE + timedelta(minutes=5)
    just_outside = now - PAST_GRACE - timedelta(minutes=5)
    assert check_followup(just_inside, "Pozvati") == []
    assert [e.code for e in check_followup(just_outside, "Pozvati")] == ["followup.in_past"]
    kept = add_followup(db, just_inside, "Pozvati")
    saved = save_call(db, _call(follow_up_at=just_inside, follow_up_what="Pozvati"))
    assert saved.id
    with pytest.raises(ValidationFailed) as err:
        reschedule(db, kept.id, just_outside)
    assert _codes(err.value) == [("due_at", "followup.in_past")]
    assert reschedule(db, kept.id, now + timedelta(days=1)).due_at > now


def test_a_call_may_not_carry_half_a_follow_up(db: Database) -> None:
    with pytest.raises(ValidationFailed) as no_due:
        save_call(db, _call(follow_up_what="Pozvati sutra"))
    assert _codes(no_due.value) == [("follow_up_at", "followup.due_missing")]
    with pytest.raises(ValidationFailed) as no_what:
        save_call(db, _call(follow_up_at=utcnow() + timedelta(hours=1), follow_up_what="  "))
    assert _codes(no_what.value) == [("follow_up_what", "field.required")]


def test_check_followup_takes_plain_values_and_the_moment_it_was_agreed() -> None:
    due = utcnow() - timedelta(days=3)
    naive = due.replace(tzinfo=None)
    assert [e.code for e in check_followup(naive, "x")] == ["field.time_zone_missing"]
    assert [e.code for e in check_followup(None, None)] == [
        "followup.due_missing",
        "field.required",
    ]
    # A call taken three days ago may have agreed a call-back for the day after it.
    agreed = utcnow() - timedelta(days=4)
    assert check_followup(due, "x", agreed_at=agreed) == []
    assert all(isinstance(e, FieldError) and e.message for e in check_followup(None, ""))


def test_english_renderings_stay_the_sentences_the_gui_translates(db: Database) -> None:
    # The GUI still translates English prose until it renders codes: the words must not change.
    with pytest.raises(ValidationFailed) as err:
        create_client(db, {"given_name": "J" * 200, "estimated_age": 300, "phones": ["063-ABC"]})
    assert [e.message for e in err.value.errors] == [
        "at most 120 characters (now 200)",
        "an age between 0 and 110",
        "use digits, spaces and + ( ) / . - only",
    ]
    with pytest.raises(ValidationFailed) as bad:
        create_entry(db, {"kind": "ngo", "name": "Astra", "phones": ["011 ABC"]})
    assert [e.message for e in bad.value.errors] == [
        "«011 ABC»: use digits, spaces and + ( ) / . - only"
    ]
    with pytest.raises(NotFound) as missing:
        update_client_fields(db, "no-such-id", {"notes": "x"}, {})
    assert str(missing.value) == "no client with id no-such-id"
    assert missing.value.code == "not_found.client"


def test_a_refusal_never_carries_client_data(db: Database) -> None:
    client = create_client(db, {"given_name": CANARY, "notes": f"beleška {CANARY}"})
    refusals: list[Exception] = []
    attempts: list[Callable[[], object]] = [
        lambda: create_client(
            db,
            {
                "given_name": CANARY * 20,
                "family_name": CANARY,
                "phones": [f"063 {CANARY}"],
                "birth_year": 1500,
                "notes": CANARY * 3000,
            },
        ),
        lambda: update_client_fields(
            db, client.id, {"given_name": f"{CANARY} 2"}, {"given_name": "someone else"}
        ),
        lambda: save_call(
            db,
            CallInput(
                caller_type="victim",
                categories=[],
                caller_phone=f"+381 {CANARY}",
                summary=CANARY * 3000,
                new_client={"given_name": CANARY * 20},
                follow_up_at=utcnow() - timedelta(days=30),
                follow_up_what=CANARY * 400,
            ),
        ),
        lambda: add_followup(db, None, CANARY * 400, client_id=client.id),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationFailed) as err:
            attempt()
        refusals.append(err.value)
    for exc in refusals:
        assert isinstance(exc, ValidationFailed) and exc.errors
        texts = [str(exc), repr(exc), *(str(e) for e in exc.errors), *(repr(e) for e in exc.errors)]
        texts += [e.message for e in exc.errors] + [str(dict(e.params)) for e in exc.errors]
        texts += [e.text(lang) for e in exc.errors for lang in ("sr-Latn", "sr-Cyrl", "en")]
        assert not [t for t in texts if CANARY.lower() in t.lower()]


_CODE = re.compile(
    r'"((?:field|phone|code|not_found|call|followup|client|case|event|directory'
    r'|organisation|prefs|draft|register)\.[a-z_]+)"'
)


def test_every_code_the_services_raise_is_in_the_table() -> None:
    root = Path(sosdesk.__file__).parent
    sources = [p for p in (root / "services").glob("*.py") if not p.name.startswith("documents_")]
    sources += [
        root / "domain" / n for n in ("validation.py", "events.py", "phones.py", "codes.py")
    ]
    used = {m for p in sources for m in _CODE.findall(p.read_text(encoding="utf-8"))}
    assert len(used) > 60  # the scan found the codes (a broken pattern finds none)
    assert used - all_codes() == set()
    for code in used:
        assert render(code, {}, "sr-Latn") != code


def test_a_call_cannot_register_a_client_with_nothing_to_know_them_by(db: Database) -> None:
    calls = _count(db, Call)
    with pytest.raises(ValidationFailed) as err:
        save_call(
            db,
            CallInput(
                caller_type="victim", categories=["victim_support"], new_client={"gender": "female"}
            ),
        )
    assert _codes(err.value) == [("given_name", "client.nothing_to_know")]
    with pytest.raises(ValidationFailed) as same:
        create_client(db, {"gender": "female"})
    assert _codes(same.value) == _codes(err.value)
    assert _count(db, Call) == calls
    saved = save_call(
        db,
        CallInput(
            caller_type="victim",
            categories=["victim_support"],
            caller_phone="063 123 4567",
            new_client={"gender": "female"},
        ),
    )
    assert saved.client_id  # the caller's number is enough to know her by


def test_one_rule_for_when_an_event_happened(db: Database) -> None:
    client = create_client(db, {"given_name": "Jelena"})
    now = utcnow()
    with pytest.raises(ValidationFailed) as ahead:
        add_event(db, client.id, "note", now + timedelta(hours=1), {"text": "sutra"})
    assert _codes(ahead.value) == [("occurred_at", "field.future")]
    hearing = {"court": "Viši sud u Beogradu", "proceeding": "criminal"}
    planned = add_event(db, client.id, "court_hearing", now + timedelta(days=30), hearing)
    with pytest.raises(ValidationFailed) as far:
        add_event(db, client.id, "court_hearing", now + timedelta(days=6 * 365), hearing)
    assert _codes(far.value) == [("occurred_at", "field.far_future")]
    note = add_event(db, client.id, "note", now - timedelta(days=1), {"text": "juče"})
    with pytest.raises(ValidationFailed) as moved:
        correct_event(
            db, note.id, {"text": "juče"}, "pogrešan dan", occurred_at=now + timedelta(days=2)
        )
    assert _codes(moved.value) == [("occurred_at", "field.future")]
    assert check_event_time("note", now + CLOCK_SKEW / 2) == []
    assert planned.kind == "court_hearing"
