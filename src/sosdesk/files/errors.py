"""The coded error of file handling; parameters name the file, never its content."""

from __future__ import annotations

import errno
from pathlib import Path

from sosdesk.domain.messages import CodedError


def display_name(path: Path | str) -> str:
    """The file's own name (no folders: no machine paths in messages), safe to print."""
    name = Path(path).name or str(path)
    return name.encode("utf-8", "replace").decode("utf-8")


class FileProblem(CodedError):
    """A file cannot be read or written; `code` is one of `file.*`."""

    def __init__(self, code: str, path: Path | str, **params: str | int) -> None:
        super().__init__(code, name=display_name(path), **params)
        self.path = Path(path)


def from_os_error(exc: OSError, path: Path | str) -> FileProblem:
    """Map an OSError to the coded problem a user can act on."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return FileProblem("file.no_space", path)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return FileProblem("file.not_writable", path)
    if exc.errno == errno.ELOOP:
        return FileProblem("file.symlink", path)
    if exc.errno == errno.EEXIST:
        return FileProblem("file.exists", path)
    if exc.errno == errno.ENOENT:
        return FileProblem("file.no_folder", path)
    if exc.errno in (errno.EISDIR, errno.ENOTDIR):
        return FileProblem("file.not_regular", path)
    return FileProblem("file.unreadable", path)
