"""Coded problems and the one message table that serves the GUI and the CLI.

Services, the store and sync raise `CodedError` (or return `Problem`s) that carry a stable code
and parameters, never prose; `render()` turns a code into a sentence in sr-Latn, sr-Cyrl or en.
Parameters never hold client data (ids, codes, counts, field names and file names only), so an
exception's text is safe to log.
"""

from sosdesk.domain.messages.core import (
    LANGS,
    CodedError,
    FieldError,
    Problem,
    ValidationFailed,
    all_codes,
    render,
    render_problem,
)
from sosdesk.domain.messages.lang import resolve_lang

__all__ = [
    "LANGS",
    "CodedError",
    "FieldError",
    "Problem",
    "ValidationFailed",
    "all_codes",
    "render",
    "render_problem",
    "resolve_lang",
]
