"""Phone numbers: normalisation to E.164 (Serbia by default) and searchable digit forms."""

from __future__ import annotations

import re

from sosdesk.domain.messages import CodedError

DEFAULT_COUNTRY_CODE = "381"
_ALLOWED = re.compile(r"^[+()\d\s./-]+$")


class PhoneError(CodedError, ValueError):
    """A phone number that cannot be a phone number (`phone.bad_chars`, `phone.bad_length`)."""

    code = "phone.bad_chars"


def normalise_phone(raw: str, country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """Return the E.164 form (`+381631234567`) of a number typed in any common format."""
    text = raw.strip()
    if not text or not _ALLOWED.match(text):
        raise PhoneError("phone.bad_chars")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        full = digits
    elif digits.startswith("00"):
        full = digits[2:]
    elif digits.startswith("0"):
        full = country_code + digits[1:]
    elif digits.startswith(country_code) and len(digits) > 9:
        full = digits
    else:
        full = country_code + digits
    if not 7 <= len(full) <= 15:
        raise PhoneError("phone.bad_length")
    return "+" + full


def phone_search_forms(e164: str, country_code: str = DEFAULT_COUNTRY_CODE) -> list[str]:
    """Digit strings under which a number is found: international and national forms."""
    digits = e164.lstrip("+")
    forms = [digits]
    if digits.startswith(country_code):
        forms.append("0" + digits[len(country_code) :])
    return forms


def digits_of(text: str) -> str:
    """The digits of a query, for matching phone fragments typed with separators."""
    return re.sub(r"\D", "", text)
