"""Problems with codes, coded errors, and rendering them from the merged message tables."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from sosdesk.domain.translit import latin_to_cyrillic

LANGS = ("sr-Latn", "sr-Cyrl", "en")
Param = str | int | float

_EMPTY: Mapping[str, Param] = MappingProxyType({})


@dataclass(frozen=True)
class Problem:
    """One thing wrong: a stable code, its parameters and, for a form, the field it belongs to."""

    code: str
    params: Mapping[str, Param] = field(default_factory=lambda: _EMPTY)
    field: str | None = None

    def text(self, lang: str = "en") -> str:
        """The sentence in `lang`."""
        return render(self.code, self.params, lang)


class CodedError(Exception):
    """Base of every error a user sees: a code and parameters, rendered by the message table."""

    code: str = "internal.unexpected"

    def __init__(self, code: str | None = None, /, **params: Param) -> None:
        self.code = code or type(self).code
        self.params: Mapping[str, Param] = MappingProxyType(dict(params))
        super().__init__(self.code)

    @property
    def problem(self) -> Problem:
        """The error as a `Problem` (no field)."""
        return Problem(self.code, self.params)

    def text(self, lang: str = "en") -> str:
        """The sentence in `lang`."""
        return render(self.code, self.params, lang)

    def __str__(self) -> str:
        return self.text("en")


class FieldError(CodedError):
    """One field of a form is refused: the field's name, a code and its parameters."""

    def __init__(self, field_name: str, code: str, /, **params: Param) -> None:
        super().__init__(code, **params)
        self.field = field_name

    @property
    def problem(self) -> Problem:
        """The error as a `Problem` attached to its field."""
        return Problem(self.code, self.params, self.field)

    @property
    def message(self) -> str:
        """The English sentence (for logs and tests; screens render `code` in their language)."""
        return self.text("en")


class ValidationFailed(CodedError):
    """Input refused, field by field (all problems at once); nothing has been written."""

    code = "field.invalid"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("field.invalid", count=len(errors))
        self.errors = list(errors)

    @property
    def problems(self) -> list[Problem]:
        """Every field problem, in the order found."""
        return [e.problem for e in self.errors]

    def __str__(self) -> str:
        return "; ".join(f"{e.field}: {e.text('en')}" for e in self.errors)


@cache
def _table() -> Mapping[str, tuple[str, str]]:
    from sosdesk.domain.messages import tables

    merged: dict[str, tuple[str, str]] = {}
    for module in tables.MODULES:
        for code, pair in module.MESSAGES.items():
            if code in merged:
                raise RuntimeError(f"message code defined twice: {code}")
            merged[code] = pair
    return MappingProxyType(merged)


def all_codes() -> frozenset[str]:
    """Every code of the table (for tests and tooling)."""
    return frozenset(_table())


class _Defaulting(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, params: Mapping[str, Param]) -> str:
    return string.Formatter().vformat(template, (), _Defaulting(params))


def render(code: str, params: Mapping[str, Param] | None = None, lang: str = "en") -> str:
    """The sentence for `code` in `lang`; an unknown code renders as itself (never blank)."""
    pair = _table().get(code)
    values = params or {}
    if pair is None:
        return code
    en, latin = pair
    if lang == "en":
        return _fill(en, values)
    if lang == "sr-Cyrl":
        # Parameters (codes, file names, numbers) stay as they are; only our words change script.
        return _fill(latin_to_cyrillic(latin), values)
    return _fill(latin, values)


def render_problem(problem: Problem, lang: str = "en") -> str:
    """`problem.text(lang)`, as a function for `map()`."""
    return render(problem.code, problem.params, lang)
