"""Human client codes, unique across desks: `<DESK>-<YEAR>-<NNNN>` such as `BG1-2026-0142`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sosdesk.domain.messages import CodedError

DESK_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_CLIENT_CODE = re.compile(r"^([A-Z][A-Z0-9]{1,5})-(\d{4})-(\d{4,6})$")


class CodeError(CodedError, ValueError):
    """A desk or client code that does not follow the pattern (codes `code.*`)."""

    code = "code.bad_client_code"


@dataclass(frozen=True)
class ClientCode:
    """A parsed client code."""

    desk: str
    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.desk}-{self.year:04d}-{self.number:04d}"


def check_desk_code(desk: str) -> str:
    """Return the desk code if valid (2–6 capital letters/digits, starting with a letter)."""
    if not DESK_CODE.match(desk):
        raise CodeError("code.bad_desk")
    return desk


def format_client_code(desk: str, year: int, number: int) -> str:
    """The code of the `number`-th client registered at `desk` in `year`."""
    check_desk_code(desk)
    if not 1 <= number <= 999_999 or not 1900 <= year <= 9999:
        raise CodeError("code.number_range")
    return str(ClientCode(desk, year, number))


def parse_client_code(text: str) -> ClientCode:
    """Parse `BG1-2026-0142` (case-insensitive, surrounding spaces ignored)."""
    m = _CLIENT_CODE.match(text.strip().upper())
    if not m:
        raise CodeError("code.bad_client_code")
    return ClientCode(m.group(1), int(m.group(2)), int(m.group(3)))
