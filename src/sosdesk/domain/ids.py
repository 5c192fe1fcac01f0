"""Record ids: UUIDv7 (time-ordered) as text."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    """A new time-ordered UUIDv7 as a 36-character string."""
    return str(uuid6.uuid7())
