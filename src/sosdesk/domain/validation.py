"""Field validation shared by services, the GUI and the CLI: one coded problem per bad field.

`Checker` records `FieldError(field, code, **params)` (codes in `messages/m_fields.py`) and
raises them all at once as `ValidationFailed`. Parameters are limits, counts and codes, never
what the user typed: an exception's text is safe to log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sosdesk.domain.messages import CodedError, FieldError, ValidationFailed
from sosdesk.domain.messages.core import Param
from sosdesk.domain.vocab import Vocabulary

MAX_NAME = 120
MAX_TEXT = 20_000
MAX_AMOUNT = Decimal("1000000000")
MAX_CODE_SHOWN = 40  # an unknown value is a code; a longer one is cut, never echoed whole

__all__ = [
    "MAX_NAME",
    "MAX_TEXT",
    "Checker",
    "FieldError",
    "ValidationFailed",
    "format_minor",
]


class Checker:
    """Collects field errors; `done()` raises them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field_name: str, code: str, /, **params: Param) -> None:
        """Record a coded problem for a field."""
        self.errors.append(FieldError(field_name, code, **params))

    def fail_with(self, field_name: str, error: CodedError) -> None:
        """Record a coded error raised by a helper (a phone number, a code) for a field."""
        self.errors.append(FieldError(field_name, error.code, **error.params))

    def add(self, errors: Iterable[FieldError]) -> None:
        """Record problems found by a rule that checks several fields (e.g. a follow-up)."""
        self.errors.extend(errors)

    def text(
        self, name: str, value: str | None, *, required: bool = False, max_len: int = MAX_TEXT
    ) -> str | None:
        """A free-text field: trimmed, bounded, optionally required."""
        v = (value or "").strip()
        if required and not v:
            self.fail(name, "field.required")
            return None
        if len(v) > max_len:
            self.fail(name, "field.too_long", max=max_len, now=len(v))
            return None
        return v or None

    def _unknown(self, name: str, vocab: Vocabulary, value: object) -> None:
        shown = str(value)[:MAX_CODE_SHOWN]
        self.fail(name, "field.unknown_value", list=vocab.name, value=shown)

    def choice(
        self, name: str, value: str | None, vocab: Vocabulary, *, required: bool = False
    ) -> str | None:
        """A code from a vocabulary."""
        if value in (None, ""):
            if required:
                self.fail(name, "field.required")
            return None
        if value not in vocab:
            self._unknown(name, vocab, value)
            return None
        return value

    def choices(self, name: str, values: Iterable[str] | None, vocab: Vocabulary) -> list[str]:
        """Several codes from a vocabulary, duplicates removed, order kept."""
        out: list[str] = []
        for v in values or ():
            if v not in vocab:
                self._unknown(name, vocab, v)
            elif v not in out:
                out.append(v)
        return out

    def past_date(self, name: str, value: date | None, *, today: date | None = None) -> date | None:
        """A date that is not in the future and not before 1900."""
        if value is None:
            return None
        today = today or date.today()
        if value > today:
            self.fail(name, "field.future")
            return None
        if value.year < 1900:
            self.fail(name, "field.before_1900")
            return None
        return value

    def span(self, start_name: str, start: datetime | None, end: datetime | None) -> None:
        """An end that is not before its start."""
        if start and end and end < start:
            self.fail(start_name, "field.end_before_start")

    def amount(self, name: str, value: str | Decimal | int | None) -> int | None:
        """A non-negative money amount with at most two decimals, in minor units (cents)."""
        if value in (None, ""):
            return None
        try:
            d = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            self.fail(name, "field.amount_not_number")
            return None
        if not d.is_finite() or d < 0:
            self.fail(name, "field.amount_negative")
            return None
        if d.as_tuple().exponent < -2:  # type: ignore[operator]
            self.fail(name, "field.amount_decimals")
            return None
        if d > MAX_AMOUNT:
            self.fail(name, "field.amount_too_large")
            return None
        return int(d * 100)

    def done(self) -> None:
        """Raise ValidationFailed if any error was recorded."""
        if self.errors:
            raise ValidationFailed(list(self.errors))


def format_minor(amount_minor: int, currency: str) -> str:
    """`123456, "RSD"` -> `1.234,56 RSD` (Serbian grouping)."""
    whole, cents = divmod(abs(amount_minor), 100)
    grouped = f"{whole:,}".replace(",", ".")
    sign = "-" if amount_minor < 0 else ""
    return f"{sign}{grouped},{cents:02d} {currency}"
