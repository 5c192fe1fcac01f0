"""The checks of every page of a database file, run side by side on the desk's cores.

SQLite runs a pragma's check in C without holding Python's lock, so checks on two connections
(and the audit chain walked in Python meanwhile) overlap on a two-core desk PC. The levels:

- every page's HMAC (`cipher_integrity_check`): each page is exactly as SQLCipher wrote it,
  so nothing on the medium rotted, was torn or was changed without the key; it reads the
  file once (about 2.5 s per GB here), and it is all a page-for-page copy needs (backup.py);
- the full structure with every index checked against its table (`integrity_check`, eight
  times the first), for files from elsewhere and for `verify --full` after a crash or a disk
  error: an index disagreeing with its table is written by SQLite itself (a bug, or a disk
  that lied about flushing), not by the medium, and at a million calls (7 GB) this check
  alone takes minutes.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from sosdesk.store.engine import open_raw
from sosdesk.store.errors import DatabaseDamaged, NotADatabase

HMAC = "cipher_integrity_check"
FULL = "integrity_check"
_UNREADABLE = [("a page cannot be read (damaged)",)]


def run_check(
    path: Path, key: bytes | None, pragma: str, *, readonly: bool
) -> list[tuple[Any, ...]]:
    """The rows of one check pragma on a connection of its own (a damaged page: one row)."""
    conn = open_raw(path, key, readonly=readonly)
    try:
        return [tuple(r) for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlcipher3.dbapi2.DatabaseError:
        return list(_UNREADABLE)
    finally:
        conn.close()


def side_by_side(
    path: Path, key: bytes | None, structure: str | None, *, readonly: bool
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The HMAC check's rows (none: sound) and the structure check's (["ok"]: sound), run at
    the same time; without `structure`, the HMAC check alone."""
    if structure is None:
        return run_check(path, key, HMAC, readonly=readonly), [("ok",)]
    with ThreadPoolExecutor(max_workers=1) as pool:
        hmac = pool.submit(run_check, path, key, HMAC, readonly=readonly)
        found = run_check(path, key, structure, readonly=readonly)
        return hmac.result(), found


def soundness(path: Path, key: bytes, *, full: bool = False) -> list[str]:
    """What is wrong with the pages of the database at `path` (empty when sound): every page's
    HMAC, and with `full` the complete structure beside it."""
    try:
        damaged, found = side_by_side(path, key, FULL if full else None, readonly=False)
    except (DatabaseDamaged, NotADatabase) as exc:
        if exc.code not in ("store.damaged", "store.not_ours"):
            raise
        # The key file's slot opened, so the key is right: the first page itself is damaged.
        return ["the file does not open with its key (damaged first page, or a foreign key file)"]
    problems: list[str] = []
    if damaged:
        problems.append(f"encryption integrity check found {len(damaged)} damaged pages")
    if found != [("ok",)]:
        lines = [ln for row in found for ln in str(row[0]).splitlines() if not ln.startswith("***")]
        first = lines[0] if lines else "?"
        problems.append(f"integrity check failed: {first} ({len(lines)} problems)")
    return problems


@contextmanager
def pages_checked_beside(path: Path, key: bytes, *, full: bool) -> Iterator[Future[list[str]]]:
    """The page checks of `path` running in a thread while the caller walks the audit chain:
    on two cores the whole check takes the longer of the two, not their sum."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(soundness, path, key, full=full)
