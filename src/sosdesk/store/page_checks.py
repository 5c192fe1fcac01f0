"""The checks of every page of a database file, run side by side on the desk's cores.

Each check runs beside the audit chain walked in Python, so on a two-core desk PC the whole
takes about the longer of the two: a pragma's check in C releases Python's lock, and the page
HMACs of a large file are computed in a process of their own. The levels:

- every page's HMAC: each page is exactly as SQLCipher wrote it, so nothing on the medium
  rotted, was torn or was changed without the key; it is all a page-for-page copy needs
  (backup.py). It is computed from the file's bytes, read once past the OS cache
  (page_hmac.py, direct_read.py): about 1.2 s per GB here whether or not the file was in the
  cache, where SQLCipher's own `cipher_integrity_check` took 1.7 s per GB from the cache and
  3.8 s per GB from the disk (filling the cache on the way). A file larger than
  `OWN_PROCESS_FROM` is checked in a process of its own, since hashing in Python would take
  turns with the audit chain's walk for the interpreter; the process gets the pages' HMAC
  key, which cannot decrypt them, not the data key. SQLCipher's check remains for a file
  whose format page_hmac.py does not know, and for plain files;
- the full structure with every index checked against its table (`integrity_check`, eight
  times the first), for files from elsewhere and for `verify --full` after a crash or a disk
  error: an index disagreeing with its table is written by SQLite itself (a bug, or a disk
  that lied about flushing), not by the medium, and at a million calls (7 GB) this check
  alone takes minutes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from multiprocessing import current_process, get_context
from pathlib import Path
from typing import Any

import sqlcipher3

from sosdesk.store.engine import open_raw
from sosdesk.store.errors import DatabaseDamaged, NotADatabase
from sosdesk.store.page_hmac import PAGE_SIZE, PageHmacs, damaged_in_file

HMAC = "cipher_integrity_check"
FULL = "integrity_check"
_UNREADABLE = [("a page cannot be read (damaged)",)]
# From this size on a file's page HMACs are computed in a process of their own (0.1 s to
# start); a smaller file's take under a third of a second in a thread. The packaging smoke
# test sets the variable to 0, so the bundle's own process start is tried on a small file.
OWN_PROCESS_FROM = 256 * 2**20
ENV_OWN_PROCESS_FROM = "SOSDESK_PAGE_CHECK_PROCESS_FROM"


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


def hmac_rows(path: Path, key: bytes | None, *, readonly: bool) -> list[tuple[Any, ...]]:
    """The rows of every page's HMAC check (none: sound), one per damaged page; SQLCipher's
    own check for a plain file or a first page in no format known here."""
    if key is not None:
        try:
            with open(path, "rb") as f:
                pages = PageHmacs(key, f.read(PAGE_SIZE))
            if pages.known:
                from_size = int(os.environ.get(ENV_OWN_PROCESS_FROM, OWN_PROCESS_FROM))
                big = path.stat().st_size >= from_size
                found = _in_own_process(path, pages) if big else damaged_in_file(path, pages)
                return [(f"HMAC verification failed for page {n}",) for n in found]
        except OSError:
            return list(_UNREADABLE)
    return run_check(path, key, HMAC, readonly=readonly)


def _in_own_process(path: Path, pages: PageHmacs) -> list[int]:
    """`damaged_in_file` in a spawned process. A process that ends without an answer is an
    error (BrokenProcessPool), not a reason to do the work here: it would hide a bundle that
    cannot start its processes."""
    if current_process().daemon:  # a daemonic process may start none
        return damaged_in_file(path, pages)
    try:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        future = pool.submit(damaged_in_file, path, pages)
    except OSError:  # no process to be had (a limit on processes): the same work here
        return damaged_in_file(path, pages)
    with pool:
        return future.result()


def side_by_side(
    path: Path, key: bytes | None, structure: str | None, *, readonly: bool
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The HMAC check's rows (none: sound) and the structure check's (["ok"]: sound), run at
    the same time; without `structure`, the HMAC check alone."""
    if structure is None:
        return hmac_rows(path, key, readonly=readonly), [("ok",)]
    with ThreadPoolExecutor(max_workers=1) as pool:
        hmac = pool.submit(hmac_rows, path, key, readonly=readonly)
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
