"""Errors of sync: a refused batch names its reason in words an operator can act on."""

from __future__ import annotations


class SyncError(Exception):
    """A sync operation cannot go ahead (wrong database role, missing enrolment, bad file)."""


class Rejected(SyncError):
    """A batch or receipt is refused; `reason` is a stable code, the message says why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
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
