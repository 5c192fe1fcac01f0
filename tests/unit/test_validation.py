"""The Checker records coded problems with their parameters, and they render in every language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sosdesk.domain.codes import CodeError, parse_client_code
from sosdesk.domain.messages import ValidationFailed
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import GENDER


def _found(c: Checker) -> list[tuple[str, str, dict[str, object]]]:
    return [(e.field, e.code, dict(e.params)) for e in c.errors]


def test_each_check_records_its_code_and_parameters() -> None:
    c = Checker()
    assert c.text("notes", "  ", required=True) is None
    assert c.text("given_name", "x" * 121, max_len=120) is None
    assert c.choice("gender", "martian", GENDER) is None
    assert c.choices("gender", ["female", "female", "z"], GENDER) == ["female"]
    assert c.past_date("birth_date", date(2999, 1, 1), today=date(2026, 1, 1)) is None
    assert c.past_date("birth_date", date(1850, 1, 1), today=date(2026, 1, 1)) is None
    start = datetime(2026, 1, 1, 10, tzinfo=UTC)
    c.span("ended_at", start, start - timedelta(minutes=1))
    for value in ("abc", "-1", "1.234", "2000000000"):
        assert c.amount("amount", value) is None
    assert c.amount("amount", "1 500,50") == 150050
    assert _found(c) == [
        ("notes", "field.required", {}),
        ("given_name", "field.too_long", {"max": 120, "now": 121}),
        ("gender", "field.unknown_value", {"list": GENDER.name, "value": "martian"}),
        ("gender", "field.unknown_value", {"list": GENDER.name, "value": "z"}),
        ("birth_date", "field.future", {}),
        ("birth_date", "field.before_1900", {}),
        ("ended_at", "field.end_before_start", {}),
        ("amount", "field.amount_not_number", {}),
        ("amount", "field.amount_negative", {}),
        ("amount", "field.amount_decimals", {}),
        ("amount", "field.amount_too_large", {}),
    ]
    with pytest.raises(ValidationFailed) as err:
        c.done()
    assert err.value.code == "field.invalid" and len(err.value.problems) == 11
    texts = [e.text("sr-Latn") for e in err.value.errors]
    assert texts[1] == "Predugačko: najviše 120 znakova (sada 121)"
    assert texts[2] == "Nije vrednost sa liste: martian"
    assert "Предугачко" in err.value.errors[1].text("sr-Cyrl")


def test_an_unknown_value_is_cut_short_in_the_message() -> None:
    c = Checker()
    c.choice("gender", "x" * 500, GENDER)
    assert len(str(c.errors[0].params["value"])) == 40


def test_phone_and_code_errors_are_coded_and_keep_their_old_bases() -> None:
    with pytest.raises(PhoneError) as bad_chars:
        normalise_phone("063-ABC")
    with pytest.raises(PhoneError) as bad_length:
        normalise_phone("12")
    with pytest.raises(CodeError) as bad_code:
        parse_client_code("BG1-26")
    assert (bad_chars.value.code, bad_length.value.code) == ("phone.bad_chars", "phone.bad_length")
    assert bad_code.value.code == "code.bad_client_code"
    assert isinstance(bad_chars.value, ValueError) and isinstance(bad_code.value, ValueError)
    assert str(bad_chars.value) == "use digits, spaces and + ( ) / . - only"
    assert bad_length.value.text("sr-Latn").startswith("Broj telefona ima od 7 do 15 cifara")
