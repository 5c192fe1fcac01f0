"""Phone numbers: any common way of writing a number gives one E.164 form, and any fragment
of three or more digits finds it through the search tokens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosdesk.domain.phones import PhoneError, digits_of, normalise_phone, phone_search_forms
from sosdesk.services.search_index import phone_tokens


@pytest.mark.parametrize(
    "typed",
    [
        "+381 63 123 4567",
        "063/123-45-67",
        "0631234567",
        "00381631234567",
        "(063) 123.45.67",
        "381631234567",
        "+381631234567",
        " 063 123 45 67 ",
    ],
)
def test_formats_of_one_number_meet(typed: str) -> None:
    assert normalise_phone(typed) == "+381631234567"


def test_foreign_numbers_keep_their_country_code() -> None:
    assert normalise_phone("+49 30 1234567") == "+49301234567"
    assert normalise_phone("0049 30 1234567") == "+49301234567"


@pytest.mark.parametrize("bad", ["", "abc", "063-ABC-123", "12", "+1234567890123456", "063#12"])
def test_what_is_not_a_number_is_refused(bad: str) -> None:
    with pytest.raises(PhoneError):
        normalise_phone(bad)


def test_search_forms_include_the_national_form() -> None:
    assert phone_search_forms("+381631234567") == ["381631234567", "0631234567"]
    assert phone_search_forms("+49301234567") == ["49301234567"]


serbian_mobiles = st.builds(
    lambda op, rest: f"+3816{op}{rest}",
    st.sampled_from("0123459"),
    st.integers(10**5, 10**7 - 1).map(str),
)
separators = st.sampled_from(["", " ", "-", "/", "."])


@given(serbian_mobiles)
def test_normalising_is_idempotent(number: str) -> None:
    once = normalise_phone(number)
    assert normalise_phone(once) == once


@given(serbian_mobiles, st.lists(separators, min_size=20, max_size=20))
def test_national_spelling_with_any_separators_meets_e164(number: str, seps: list[str]) -> None:
    national = "0" + number[4:]
    typed = "".join(ch + seps[i] for i, ch in enumerate(national)).strip(" -/.")
    assert normalise_phone(typed) == number


@given(serbian_mobiles, st.data())
def test_any_fragment_of_three_digits_is_a_token_prefix(number: str, data: st.DataObject) -> None:
    """The lookup finds a number from any part typed (international or national digits)."""
    tokens = phone_tokens([number])
    form = data.draw(st.sampled_from(phone_search_forms(number)))
    start = data.draw(st.integers(0, len(form) - 3))
    end = data.draw(st.integers(start + 3, len(form)))
    fragment = digits_of(form[start:end])
    assert any(t.startswith(fragment) for t in tokens)
