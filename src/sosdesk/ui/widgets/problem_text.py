"""The one place where a problem becomes a sentence on screen.

Services, the store, sync and the screens' own checks raise coded problems
(`sosdesk.domain.messages`); `error_text` renders them from the message table in the UI's
language. No prose is parsed back.
"""

from __future__ import annotations

from sosdesk.domain.messages import CodedError, Problem, render
from sosdesk.ui.i18n import current_lang


def error_text(exc: CodedError | Problem) -> str:
    """A coded problem in the current language."""
    return render(exc.code, exc.params, current_lang())


def failure_text(exc: BaseException) -> str:
    """What to tell the user about a failed job: its coded reason, or the unexpected kind of it."""
    if isinstance(exc, CodedError):
        return error_text(exc)
    return render("internal.unexpected", {"kind": type(exc).__name__}, current_lang())
