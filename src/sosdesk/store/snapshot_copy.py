"""Copy one committed snapshot of a live database as the bytes of its file.

SQLite's online backup decrypts every page and encrypts it again for the copy, through the
pager: at a million calls (7 GB) that is most of a minute of CPU. When the snapshot lives
entirely in the database file, its bytes already are an encrypted copy under the same key
(the salt is in the file's first bytes), and the kernel copies them in a fraction of the time.

Why the file cannot change under the copy: the copy runs inside a read transaction begun when
the write-ahead log was empty. Such a reader reads the database file only (SQLite's read lock
0), and a checkpoint must take that lock exclusively before it writes a single page into the
file; new commits go to the log meanwhile, and the copy does not see them. In rollback-journal
mode the reader's shared lock keeps writers out of the file the same way. When the log cannot
be emptied (another reader holds it), `copy_snapshot` says so and the caller uses SQLite's
online backup instead. No library copies a snapshot this way, hence these few lines.

The copy goes range by range, and a check of each range written (page_hmac.py) runs on
another thread while the kernel copies the next: the check takes about as long as the copy,
so the two together take little more than either.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

_CHUNK = 16 << 20  # a whole number of pages of any size SQLite allows
_TRIES = 2  # each waits up to the busy timeout for readers of the log


def _database_path(conn: Any) -> Path | None:
    for _seq, name, file in conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


def _wal_is_empty(path: Path) -> bool:
    try:
        return os.stat(f"{path}-wal").st_size == 0
    except FileNotFoundError:
        return True


RangeCheck = Callable[[int, int], list[int]]
"""Checks the `length` bytes written at `offset`; returns the numbers of damaged pages."""


def _copy_range(src: Any, fd: int, offset: int, length: int) -> None:
    """Write `length` bytes of the file `src` at `offset` to `fd` at the same offset (in the
    kernel where it can; seek and write elsewhere, Windows included)."""
    done = 0
    if hasattr(os, "copy_file_range"):
        with contextlib.suppress(OSError):  # another file system, or none: copy below
            while done < length:
                moved = os.copy_file_range(
                    src.fileno(), fd, length - done, offset + done, offset + done
                )
                if moved == 0:
                    break
                done += moved
    src.seek(offset + done)
    os.lseek(fd, offset + done, os.SEEK_SET)
    while done < length:
        chunk = src.read(min(_CHUNK, length - done))
        if not chunk:
            raise OSError("the database file ended before its last page")
        done += os.write(fd, chunk)


def _copy_bytes(source: Path, fd: int, size: int, check: RangeCheck | None) -> list[int]:
    """Write the first `size` bytes of `source` to `fd`, each range checked once written."""
    checks: list[Future[list[int]]] = []
    with open(source, "rb") as src, ThreadPoolExecutor(max_workers=1) as pool:
        try:
            for offset in range(0, size, _CHUNK):
                length = min(_CHUNK, size - offset)
                _copy_range(src, fd, offset, length)
                if check is not None:
                    checks.append(pool.submit(check, offset, length))
        except BaseException:
            for pending in checks:
                pending.cancel()
            raise
        return [page for done in checks for page in done.result()]


def copy_snapshot(conn: Any, fd: int, check: RangeCheck | None = None) -> list[int] | None:
    """Copy the database of `conn` (a driver connection outside any transaction) to `fd`,
    `check` run on each range once written; returns the pages it found damaged.

    Returns None, having written nothing, when no snapshot could be had in the file alone.
    """
    path = _database_path(conn)
    if path is None:
        return None
    wal = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    for _ in range(_TRIES):
        if wal:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("BEGIN")
        try:
            # The first read fixes the snapshot; the log, checked after it, was empty then too
            # (a log in use by a reader is never truncated).
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            size = pages * int(conn.execute("PRAGMA page_size").fetchone()[0])
            if wal and not _wal_is_empty(path):
                continue
            return _copy_bytes(path, fd, size, check)
        finally:
            conn.execute("ROLLBACK")
    return None
