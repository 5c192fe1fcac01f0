"""Bounded reads: a file a user names is checked to be an ordinary file and is never read past
a limit (the size is checked while reading, so `/dev/zero` or a growing file cannot exhaust
memory or hang a hash)."""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from sosdesk.files.errors import FileProblem, from_os_error


def check_regular_file(path: Path, limit: int | None = None) -> int:
    """The size of `path` if it is an ordinary file within `limit`; a `FileProblem` otherwise."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise FileProblem("file.missing", path) from None
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", path) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem("file.not_regular", path)
    if limit is not None and st.st_size > limit:
        raise FileProblem("file.too_large", path, limit=limit)
    return st.st_size


class _BoundedRaw(io.RawIOBase):
    """Raw reads from a descriptor that fail once more than `limit` bytes have come."""

    def __init__(self, fd: int, path: Path, limit: int) -> None:
        self._fd = fd
        self._path = path
        self._limit = limit
        self._seen = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = os.read(self._fd, len(buffer))
        self._seen += len(data)
        if self._seen > self._limit:
            raise FileProblem("file.too_large", self._path, limit=self._limit)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


@contextlib.contextmanager
def open_bounded(path: Path, limit: int) -> Iterator[BinaryIO]:
    """Open an ordinary file for reading; reading past `limit` bytes raises `file.too_large`."""
    check_regular_file(path, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FileProblem("file.not_regular", path)
    reader = io.BufferedReader(_BoundedRaw(fd, path, limit))
    try:
        yield reader
    finally:
        reader.close()


def read_bounded(path: Path, limit: int) -> bytes:
    """The whole content of an ordinary file of at most `limit` bytes."""
    with open_bounded(path, limit) as fh:
        return fh.read()
