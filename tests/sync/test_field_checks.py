"""The column checks looked up once per entity refuse what the checks always refused, and the
default rows they start from are never shared between records."""

from __future__ import annotations

import pytest

from sosdesk.sync.schema import BadField, check_fields, entities

NOW = "2026-03-01T10:00:00.000000+00:00"
CALL = {
    "line": "sos_24_7",
    "direction": "incoming",
    "started_at": NOW,
    "categories": ["victim_support"],
    "caller_type": "victim",
    "created_at": NOW,
}


def test_a_good_call_is_stored_as_sqlite_keeps_it() -> None:
    values = check_fields(entities()["calls"], "insert", CALL)
    assert values["started_at"] == "2026-03-01T10:00:00.000000Z"
    assert values["categories"] == '["victim_support"]'
    assert values["line"] == "sos_24_7"


@pytest.mark.parametrize(
    ("change", "column", "why"),
    [
        ({"bogus": 1}, "bogus", "unknown field calls.bogus"),
        ({"line": None}, "line", "calls.line cannot be empty"),
        ({"line": "pigeon"}, "line", "unknown"),
        ({"started_at": "2026-03-01T10:00:00"}, "started_at", "a time without time zone"),
        ({"categories": "victim_support"}, "categories", "expected a list"),
        ({"categories": ["flying"]}, "categories", "unknown"),
        ({"summary": 7}, "summary", "expected text"),
        ({"line": 7}, "line", "expected text"),
        ({"line": ["sos_24_7"]}, "line", "expected text"),
        ({"caller_phone": "+381" + "1" * 40}, "caller_phone", "longer than"),
        ({"categories": [["victim_support"]]}, "categories", "unknown"),
        ({"categories": ["victim_support", 3]}, "categories", "unknown"),
        ({"started_at": "2026-02-30T10:00:00+00:00"}, "started_at", "date and time"),
        ({"started_at": ""}, "started_at", "date and time"),
    ],
)
def test_every_bad_column_is_still_refused(
    change: dict[str, object], column: str, why: str
) -> None:
    with pytest.raises(BadField) as caught:
        check_fields(entities()["calls"], "insert", {**CALL, **change})
    assert caught.value.column == column and why in caught.value.why


@pytest.mark.parametrize(
    ("column", "why"),
    [
        ("birth_year", "whole number"),
        ("consent_share_institutions", "true or false"),
        ("birth_date", "expected a date"),
        ("phones", "expected a list"),
    ],
)
def test_empty_text_is_no_value_of_a_column_that_is_not_text(column: str, why: str) -> None:
    with pytest.raises(BadField) as caught:
        check_fields(entities()["clients"], "update", {column: ""})
    assert caught.value.column == column and why in caught.value.why


def test_an_insert_without_a_required_column_is_refused() -> None:
    fields = {k: v for k, v in CALL.items() if k != "started_at"}
    with pytest.raises(BadField) as caught:
        check_fields(entities()["calls"], "insert", fields)
    assert "missing" in caught.value.why and "started_at" in caught.value.why
    assert check_fields(entities()["calls"], "update", fields)  # an update need not carry it


def test_default_rows_are_fresh_for_every_record() -> None:
    clients = entities()["clients"]
    first = clients.default_row()
    first["notes"] = "changed"
    first["not_a_column"] = 1
    second = clients.default_row()
    assert second.get("notes") != "changed" and "not_a_column" not in second
