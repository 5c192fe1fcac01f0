"""Running the `sosdesk` command in tests: English messages, one line, no traceback."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sosdesk.cli import main
from tests.conftest import PASSPHRASE

ENV = {"SOSDESK_PASSPHRASE": PASSPHRASE, "SOSDESK_USER": "ana", "SOSDESK_LANG": "en"}


def set_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' environment: user, passphrase and English messages."""
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SOSDESK_NEW_PASSPHRASE", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def digest(folder: Path) -> dict[str, str]:
    """Every file of `folder` with its hash (to prove nothing changed)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@contextmanager
def small_disk(tmp_path: Path, size: str = "2m") -> Iterator[Path]:
    """A tiny tmpfs (needs root and mount; skipped elsewhere) to fill up or make read-only."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0:
        pytest.skip("needs root to mount a small file system")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)
