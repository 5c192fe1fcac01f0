"""Errors of sync: coded (`sync.*` in the message table), and a refused batch names its
stable reason (stored in the quarantine register) in words an operator can act on.

Older call sites still pass an English sentence; it is carried as the `detail` parameter of
`sync.failed` / `sync.rejected` (it names desks, numbers and files, never client data).
"""

from __future__ import annotations

from sosdesk.domain.messages import CodedError, all_codes
from sosdesk.domain.messages.core import Param


class SyncError(CodedError):
    """A sync operation cannot go ahead (wrong database role, missing enrolment, bad file)."""

    code = "sync.failed"

    def __init__(self, code_or_detail: str, /, **params: Param) -> None:
        if code_or_detail in all_codes():
            super().__init__(code_or_detail, **params)
        else:
            super().__init__("sync.failed", detail=code_or_detail)


class Rejected(SyncError):
    """A batch or receipt is refused; `reason` is a stable code, `message` says why (English,
    for the register); `text(lang)` renders it in the user's language."""

    def __init__(
        self, reason: str, message: str, code: str = "sync.rejected", **params: Param
    ) -> None:
        if code == "sync.rejected":
            params = {"reason": reason, "detail": message, **params}
        super().__init__(code, **params)
        self.reason = reason
        self.message = message


# Stable reason codes (stored in the quarantine register, shown in the GUI and CLI).
TOO_LARGE = "too_large"
NOT_A_BATCH = "not_a_batch"
WRONG_RECIPIENT = "wrong_recipient"
DAMAGED = "damaged"
TRUNCATED = "truncated"
TRAILING_DATA = "trailing_data"
MALFORMED = "malformed"
UNKNOWN_SENDER = "unknown_sender"
REVOKED = "revoked"
BAD_SIGNATURE = "bad_signature"
FUTURE_SCHEMA = "future_schema"
FORK = "fork"
INVALID_RECORD = "invalid_record"
COUNT_MISMATCH = "count_mismatch"
HASH_MISMATCH = "hash_mismatch"
CLOCK_AHEAD = "clock_ahead"
UNKNOWN_BATCH = "unknown_batch"
NOT_OWNED = "not_owned"
