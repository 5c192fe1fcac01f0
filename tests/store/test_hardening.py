"""Decrypted data stays in the process: no core dump, and SQLCipher's wiping is off on purpose
(docs/architecture.md, "Memory and core dumps")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from sosdesk.store.database import Database

_PROBE = """
import ctypes
from sosdesk.cli import main
try:
    main(["--version"])
except SystemExit:
    pass
print(open("/proc/self/limits").read())
print("dumpable", ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the kernel's /proc")
def test_any_sosdesk_command_refuses_core_dumps() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    # The kernel's own account of the process, not our code's.
    [core] = [line for line in out.splitlines() if line.startswith("Max core file size")]
    assert core.split()[4:6] == ["0", "0"], core
    assert "dumpable 0" in out


def test_store_connections_do_not_wipe_or_lock_memory(db: Database, db_path: Path) -> None:
    with db.engine.connect() as c:
        assert c.execute(text("PRAGMA cipher_memory_security")).scalar() in (0, "0")
        # A page cache large enough that hot readers do not decrypt the same pages again.
        assert int(c.execute(text("PRAGMA cache_size")).scalar() or 0) <= -32 * 1024
