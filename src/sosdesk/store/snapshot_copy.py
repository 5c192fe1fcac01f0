"""Copy one committed snapshot of a live database as the bytes of its file.

SQLite's online backup decrypts every page and encrypts it again for the copy, through the
pager: at a million calls (7 GB) that is most of a minute of CPU. When the snapshot lives
entirely in the database file, its bytes already are an encrypted copy under the same key
(the salt is in the file's first bytes), and they are copied as they are in a fraction of the
time.

Why the file cannot change under the copy: the copy runs inside a read transaction begun when
the write-ahead log was empty. Such a reader reads the database file only (SQLite's read lock
0), and a checkpoint must take that lock exclusively before it writes a single page into the
file; new commits go to the log meanwhile, and the copy does not see them. In rollback-journal
mode the reader's shared lock keeps writers out of the file the same way. When the log cannot
be emptied (another reader holds it), `copy_snapshot` says so and the caller uses SQLite's
online backup instead. No library copies a snapshot this way, hence these few lines.

The copy goes range by range. Each range is read past the OS cache (direct_read.py) and
written past it too where the system allows (O_DIRECT), on a thread of its own while this one
checks the range's pages' HMACs (page_hmac.py) and the next range is read meanwhile. Copied
in the kernel through the cache instead (copy_file_range), 8 GB of a file not in the cache
took 37 s here against 13 s, most of it the kernel filling its cache, and the copy pushed the
desk's own pages out of memory. The check is of the bytes handed to the write, the same bytes
reading the copy back would return from the cache.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from sosdesk.store import direct_read

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


RangeCheck = Callable[[memoryview, int], list[int]]
"""Checks the bytes of one range, written at `offset`; returns the numbers of damaged pages."""


def _uncached_writes(fd: int) -> bool:
    """Ask for `fd`'s writes to go past the OS cache (Linux O_DIRECT); False where refused."""
    if not hasattr(os, "O_DIRECT"):
        return False
    import fcntl

    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_DIRECT)
    except OSError:
        return False
    return True


def _cached_writes(fd: int) -> None:
    import fcntl

    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_DIRECT)


def _write_at(fd: int, data: memoryview, offset: int, direct: bool) -> None:
    """Write all of `data` at `offset` (seek and write where there is no pwrite: Windows)."""
    done = 0
    while done < len(data):
        try:
            if hasattr(os, "pwrite"):
                done += os.pwrite(fd, data[done:], offset + done)
            else:  # pragma: no cover - Windows
                os.lseek(fd, offset + done, os.SEEK_SET)
                done += os.write(fd, data[done:])
        except OSError as exc:
            if not direct or exc.errno != errno.EINVAL:
                raise
            _cached_writes(fd)  # the device wants another alignment: write as usual
            direct = False


def _copy_bytes(source: Path, fd: int, size: int, check: RangeCheck | None) -> list[int]:
    """Write the first `size` bytes of `source` to `fd`, read and written past the OS cache
    where the system allows (direct_read.py), each range checked while it is written."""
    damaged: list[int] = []
    direct = _uncached_writes(fd)
    offset = 0
    with ThreadPoolExecutor(max_workers=1) as writer:
        for data in direct_read.chunks(source, _CHUNK, length=size):
            written = writer.submit(_write_at, fd, data, offset, direct)
            try:
                if check is not None:
                    damaged += check(data, offset)
            finally:
                written.result()  # the range's buffer is read again only after its write
            offset += len(data)
    if offset != size:
        raise OSError("the database file ended before its last page")
    return damaged


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
