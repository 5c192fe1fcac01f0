"""The one atomic private writer: a temp file in the target's folder (O_EXCL, O_NOFOLLOW,
0600), fsync, rename over the target, fsync the folder. A crash leaves either the old file or
the new one, plus at most a temp file that `clean_stale_temps` removes on the next start.

Never follows a symbolic link at the target and never changes the mode of an existing folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from sosdesk.files.errors import FileProblem, from_os_error

TEMP_SUFFIX = ".sosdesk-tmp"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (best effort where folders cannot be fsynced, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` (0700) if missing; an existing folder keeps its mode. Refuses a dangling
    or any symbolic link in place of the folder itself."""
    if folder.is_symlink() and not folder.exists():
        raise FileProblem("file.symlink", folder)
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        raise FileProblem("file.not_regular", folder) from None
    except OSError as exc:
        raise from_os_error(exc, folder) from None


def _check_target(path: Path, overwrite: bool) -> None:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", path) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if stat.S_ISLNK(st.st_mode):
        raise FileProblem("file.symlink", path)
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem("file.not_regular", path)
    if not overwrite:
        raise FileProblem("file.exists", path)


@contextlib.contextmanager
def private_output(path: Path, *, overwrite: bool = False) -> Iterator[BinaryIO]:
    """Write `path` atomically at mode 0600: yields a binary file; on success it replaces the
    target, on any error the target is untouched and the temp file is gone."""
    path = Path(path)
    _check_target(path, overwrite)
    if not path.parent.is_dir():
        raise FileProblem("file.no_folder", path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        fd = os.open(
            tmp,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0),
            0o600,
        )
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", path) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        _check_target(path, overwrite)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise from_os_error(exc, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def write_private(path: Path, data: bytes | Iterable[bytes], *, overwrite: bool = False) -> None:
    """Write `data` (bytes or chunks) to `path` atomically at mode 0600."""
    with private_output(path, overwrite=overwrite) as fh:
        if isinstance(data, bytes | bytearray | memoryview):
            fh.write(data)
        else:
            for chunk in data:
                fh.write(chunk)


def clean_stale_temps(folder: Path) -> int:
    """Remove temp files a killed writer left in `folder`; returns how many were removed."""
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX):
            with contextlib.suppress(OSError):
                if stat.S_ISREG(os.lstat(entry).st_mode):
                    entry.unlink()
                    removed += 1
    return removed
