"""The intake form's rules, without Qt: what it refuses before asking the service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sosdesk.ui.intake.form_state import CallFormState

NOW = datetime(2026, 11, 21, 23, 10, tzinfo=UTC)


def test_an_empty_form_needs_a_start_and_a_category() -> None:
    assert CallFormState().rule_problems(NOW) == {
        "started_at": "started_missing",
        "categories": "categories_missing",
    }


def test_danger_needs_a_step() -> None:
    state = CallFormState(
        picks={"urgency": "immediate_danger"}, started_at=NOW, categories=("prevention_info",)
    )
    assert state.rule_problems(NOW) == {"emergency": "emergency_missing"}


def _followup_codes(state: CallFormState) -> dict[str, str]:
    return {e.field: e.code for e in state.followup_problems(NOW)}


def test_the_form_applies_the_services_follow_up_rule() -> None:
    """The form refuses what `save_call` refuses, no more (it once refused 2 minutes ago)."""
    base = {"started_at": NOW, "categories": ("x",), "follow_up_what": "call back"}
    assert _followup_codes(CallFormState(**base, follow_up_at=NOW - timedelta(minutes=2))) == {}
    two_days = CallFormState(**base, follow_up_at=NOW - timedelta(days=2))
    assert _followup_codes(two_days) == {"follow_up_at": "followup.in_past"}
    assert _followup_codes(CallFormState(**base)) == {"follow_up_at": "followup.due_missing"}
    long_text = CallFormState(started_at=NOW, follow_up_at=NOW, follow_up_what="x" * 2001)
    assert _followup_codes(long_text) == {"follow_up_what": "field.too_long"}
    assert CallFormState(started_at=NOW).followup_problems(NOW) == []


def test_the_call_input_fills_the_end_and_trims_the_follow_up() -> None:
    data = CallFormState(
        picks={"line": "sos_24_7", "urgency": "routine"},
        timer_started=NOW - timedelta(minutes=4),
        categories=("prevention_info",),
        caller_phone="  ",
        follow_up_what="  ",
    ).call_input(NOW)
    assert data.started_at == NOW - timedelta(minutes=4) and data.ended_at == NOW
    assert data.caller_phone is None and data.follow_up_what is None
    assert data.line == "sos_24_7" and data.direction == ""
