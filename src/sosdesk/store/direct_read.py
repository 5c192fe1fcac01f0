"""A whole file read once, in order, past the operating system's file cache where it allows.

A check of every page reads gigabytes that nothing reads again soon. Read through the cache,
those bytes push the desk's own pages out of memory, and filling the cache costs CPU time of
its own: here about 2 s per GB, twice the HMAC work of the page check itself. Linux reads
with O_DIRECT straight into our buffer and macOS is told not to cache (F_NOCACHE); elsewhere,
or on a file system that refuses it (tmpfs), the file is read as usual. The next range is read
in a thread while the caller works on the last one. No library reads a file this way (mmap and
buffered reads both go through the cache), hence this module.
"""

from __future__ import annotations

import errno
import mmap
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# A multiple of every block size O_DIRECT asks alignment to; two such buffers are held.
CHUNK = 8 * 2**20


def _open(path: Path, uncached: bool) -> int:
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if uncached and hasattr(os, "O_DIRECT"):
        try:
            return os.open(path, flags | os.O_DIRECT)
        except OSError as exc:
            if exc.errno != errno.EINVAL:  # the file system has no direct reads
                raise
    fd = os.open(path, flags)
    if uncached and hasattr(os, "F_NOCACHE"):  # pragma: no cover - macOS
        import fcntl

        fcntl.fcntl(fd, os.F_NOCACHE, 1)
    return fd


def _fill(fd: int, buffer: mmap.mmap, offset: int, want: int) -> int:
    """Read `want` bytes at `offset` into `buffer` (fewer only at the end of the file). Each
    read asks for the rest of the buffer: a direct read's length must stay aligned, so the
    file's last range is read whole and cut here."""
    view, got = memoryview(buffer), 0
    try:
        while got < want:
            if hasattr(os, "preadv"):
                n = os.preadv(fd, [view[got:]], offset + got)
            else:  # pragma: no cover - Windows
                os.lseek(fd, offset + got, os.SEEK_SET)
                n = os.readv(fd, [view[got:]])
            if n == 0:
                break
            got += n
    finally:
        view.release()
    return min(got, want)


def chunks(
    path: Path, size: int = CHUNK, *, uncached: bool = True, length: int | None = None
) -> Iterator[memoryview]:
    """The bytes of `path` in order, `size` at a time (the last range shorter); each view is
    valid until the next one is asked for. The file's size is taken when reading starts;
    `length`: no more than its first `length` bytes."""
    if size <= 0 or size % mmap.PAGESIZE:
        raise ValueError("the range size must be a positive multiple of the memory page")
    buffers = (mmap.mmap(-1, size), mmap.mmap(-1, size))
    fd = _open(path, uncached)
    try:
        total = os.fstat(fd).st_size
        if length is not None:
            total = min(total, length)
        try:
            first = _fill(fd, buffers[0], 0, min(size, total))
        except OSError as exc:
            if exc.errno != errno.EINVAL or not uncached:
                raise
            # Direct reads were opened but refused (the device wants another alignment).
            os.close(fd)
            fd = _open(path, uncached=False)
            first = _fill(fd, buffers[0], 0, min(size, total))
        yield from _ranges(fd, total, first, buffers)
    finally:
        os.close(fd)


def _ranges(
    fd: int, total: int, first: int, buffers: tuple[mmap.mmap, mmap.mmap]
) -> Iterator[memoryview]:
    size = len(buffers[0])
    with ThreadPoolExecutor(max_workers=1) as reader:
        offset, which, got = 0, 0, first
        while offset < total:
            if got < min(size, total - offset):
                raise OSError(errno.EIO, "the file ended before its size")
            offset += got
            pending = None
            if offset < total:
                want = min(size, total - offset)
                pending = reader.submit(_fill, fd, buffers[1 - which], offset, want)
            view = memoryview(buffers[which])[:got]
            try:
                yield view
            finally:
                view.release()
            which = 1 - which
            got = pending.result() if pending is not None else 0
