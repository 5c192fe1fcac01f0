"""Field validation shared by services, the GUI and the CLI: one message per bad field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sosdesk.domain.vocab import Vocabulary

MAX_NAME = 120
MAX_TEXT = 20_000


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field, in words a user can act on."""

    field: str
    message: str


@dataclass
class ValidationFailed(ValueError):
    """Raised by services when input is refused; nothing has been written."""

    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(f"{e.field}: {e.message}" for e in self.errors)


class Checker:
    """Collects field errors; `done()` raises them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field_name: str, message: str) -> None:
        """Record an error for a field."""
        self.errors.append(FieldError(field_name, message))

    def text(
        self, name: str, value: str | None, *, required: bool = False, max_len: int = MAX_TEXT
    ) -> str | None:
        """A free-text field: trimmed, bounded, optionally required."""
        v = (value or "").strip()
        if required and not v:
            self.fail(name, "required")
            return None
        if len(v) > max_len:
            self.fail(name, f"at most {max_len} characters (now {len(v)})")
            return None
        return v or None

    def choice(
        self, name: str, value: str | None, vocab: Vocabulary, *, required: bool = False
    ) -> str | None:
        """A code from a vocabulary."""
        if value in (None, ""):
            if required:
                self.fail(name, "required")
            return None
        if value not in vocab:
            self.fail(name, f"unknown {vocab.name}: {value}")
            return None
        return value

    def choices(self, name: str, values: Iterable[str] | None, vocab: Vocabulary) -> list[str]:
        """Several codes from a vocabulary, duplicates removed, order kept."""
        out: list[str] = []
        for v in values or ():
            if v not in vocab:
                self.fail(name, f"unknown {vocab.name}: {v}")
            elif v not in out:
                out.append(v)
        return out

    def past_date(self, name: str, value: date | None, *, today: date | None = None) -> date | None:
        """A date that is not in the future and not before 1900."""
        if value is None:
            return None
        today = today or date.today()
        if value > today:
            self.fail(name, "cannot be in the future")
            return None
        if value.year < 1900:
            self.fail(name, "before 1900 is not plausible")
            return None
        return value

    def span(self, start_name: str, start: datetime | None, end: datetime | None) -> None:
        """An end that is not before its start."""
        if start and end and end < start:
            self.fail(start_name, "the end is before the start")

    def amount(self, name: str, value: str | Decimal | int | None) -> int | None:
        """A non-negative money amount with at most two decimals, in minor units (cents)."""
        if value in (None, ""):
            return None
        try:
            d = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            self.fail(name, "not an amount: use digits, e.g. 1500.00")
            return None
        if not d.is_finite() or d < 0:
            self.fail(name, "must be zero or more")
            return None
        if d.as_tuple().exponent < -2:  # type: ignore[operator]
            self.fail(name, "at most two decimals")
            return None
        if d > Decimal("1000000000"):
            self.fail(name, "implausibly large")
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
