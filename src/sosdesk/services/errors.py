"""Coded errors the services raise besides field problems (`ValidationFailed`).

Each keeps the built-in base callers already catch (`LookupError`, `PermissionError`,
`ValueError`, `RuntimeError`), so nothing that handled the old prose errors changes.
Parameters are ids, codes and numbers only (codes in `domain/messages/m_services.py`).
"""

from __future__ import annotations

from sosdesk.domain.messages import CodedError


class NotFound(CodedError, LookupError):
    """No record with that id or code (`not_found.<kind>` with `id` or `code`)."""

    code = "not_found.client"


class NotAllowed(CodedError, PermissionError):
    """The unlocked user may not do this (a coordinator's task, another user's draft)."""

    code = "organisation.coordinator_only"


class NotFoundUser(CodedError, LookupError):
    """The unlocked user's own row is gone (deactivated and removed under us)."""

    code = "prefs.user_gone"
