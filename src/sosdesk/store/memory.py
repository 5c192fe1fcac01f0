"""Giving back the memory of a read done once.

A read that walks many pages once (retention's daily count at unlock, a migration's index
build) leaves them in its pooled connection's page cache until that connection needs the room:
tens of MB of a desk whose whole budget is 300 MB. `release_pages` empties that connection's
cache and hands the freed heap back to the system: glibc keeps memory freed by a worker thread
in that thread's arena, out of reach of the others, unless asked to trim. Hand-written because
it is one pragma and one C call; no library wraps them.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

from sqlalchemy.orm import Session

from sosdesk.store.raw import driver_connection


def release_pages(session: Session) -> None:
    """Drop the page cache of `session`'s connection and return freed heap to the system."""
    driver_connection(session).execute("PRAGMA shrink_memory")
    trim_heap()


def trim_heap() -> None:
    """Ask glibc to return free heap pages of every arena to the system (no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)
