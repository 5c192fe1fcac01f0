"""One running desk window per database: an advisory lock on a file beside the database.

The operating system drops the lock when the process ends, also after a crash or a kill, so a
stale lock file never keeps anyone out. The file holds nothing but this process's id.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from sosdesk.store.errors import DatabaseBusy


class DatabaseInUse(DatabaseBusy):
    """Another SOS Desk window has this database open."""

    code = "store.in_use"

    def __init__(self, name: str) -> None:
        super().__init__("store.in_use", name=name)


def lock_path(db_path: Path) -> Path:
    """Where the instance lock of a database lives."""
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class InstanceLock:
    """Held from the moment the window opens a database until it quits (not across a lock)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> None:
        """Take the lock; DatabaseInUse when another instance holds it."""
        if self._handle is not None:
            return
        old_umask = os.umask(0o077)
        try:
            handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 (held open)
        finally:
            os.umask(old_umask)
        if not _try_lock(handle):
            handle.close()
            raise DatabaseInUse(self.db_path.name)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Let another instance open the database."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            self._handle.close()  # closing the descriptor releases the lock
        self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()
