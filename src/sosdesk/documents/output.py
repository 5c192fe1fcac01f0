"""Writing a finished PDF where the user said: owner-readable only, never half-written."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` (mode 0600, fsynced); on failure no partial file remains."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError:
        path.unlink(missing_ok=True)
        raise


def suggested_name(number: str) -> str:
    """A file name that says which document it is but nothing about the client."""
    return f"{number}.pdf"
