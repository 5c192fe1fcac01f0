"""Writing a finished PDF where the user said: owner-readable only, never half-written."""

from __future__ import annotations

import errno
from pathlib import Path

from sosdesk import files


def write_private(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` atomically at mode 0600, never through a symbolic link.

    The save dialog has already asked before replacing a file, hence `overwrite` by default.
    A refusal comes as an OSError (what the dialog reports), carrying the coded problem.
    """
    try:
        files.write_private(path, data, overwrite=overwrite)
    except files.FileProblem as exc:
        raise OSError(errno.EIO, exc.text("en")) from exc


def suggested_name(number: str) -> str:
    """A file name that says which document it is but nothing about the client."""
    return f"{number}.pdf"
