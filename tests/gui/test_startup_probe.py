"""The start-up probe the packaging smoke test drives: a new `sosdesk` process shows the unlock
screen, unlocks through its own button, and says so (or says it failed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sosdesk.demo.generator import generate
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE, USER


def _start(
    db_path: Path, passphrase: str, shot: Path, mode: str = "unlock", year: int = 0
) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SOSDESK_STARTUP_PROBE=mode,
        SOSDESK_PROBE_YEAR=str(year),
        SOSDESK_USER=USER,
        SOSDESK_PASSPHRASE=passphrase,
        SOSDESK_PROBE_SHOT=str(shot),
        XDG_CONFIG_HOME=str(db_path.parent / "config"),
    )
    return subprocess.run(
        [sys.executable, "-m", "sosdesk", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_probe_unlocks_and_reports(db_path: Path, tmp_path: Path) -> None:
    Database.create(db_path, user=USER, passphrase=PASSPHRASE, desk="BG1")[0].close()
    done = _start(db_path, PASSPHRASE, tmp_path / "unlock.png")
    said = [line.split()[0] for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stdout
    assert said == ["unlock-screen", "unlocked"]
    assert (tmp_path / "unlock.png").stat().st_size > 1000


def test_probe_fails_on_a_wrong_passphrase(db_path: Path, tmp_path: Path) -> None:
    Database.create(db_path, user=USER, passphrase=PASSPHRASE, desk="BG1")[0].close()
    done = _start(db_path, "not the passphrase", tmp_path / "unlock.png")
    assert done.returncode == 1
    assert done.stdout.split()[-1] == "unlock-failed"
    assert PASSPHRASE not in done.stdout + done.stderr


def test_probe_shows_a_year_of_statistics(db_path: Path, tmp_path: Path) -> None:
    """The unlock benchmark's desk that also computes a year compared with the one before."""
    db = Database.create(db_path, user=USER, passphrase=PASSPHRASE, desk="BG1")[0]
    generate(db, 60, seed=7)
    db.close()
    done = _start(db_path, PASSPHRASE, tmp_path / "unlock.png", "statistics", 2025)
    said = [line.split()[0] for line in done.stdout.splitlines()]
    assert done.returncode == 0, done.stdout
    assert said == ["unlock-screen", "unlocked", "statistics"]


def test_the_unlock_screen_waits_for_no_report_pdf_or_migration_code(
    db_path: Path, tmp_path: Path
) -> None:
    """Cold start (issue 21): CPython's own import log of a desk up to its unlock screen holds
    none of the code that only commands, documents, publishing or an upgrade use."""
    Database.create(db_path, user=USER, passphrase=PASSPHRASE, desk="BG1")[0].close()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SOSDESK_STARTUP_PROBE="1",
        SOSDESK_USER=USER,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    env.pop("SOSDESK_PASSPHRASE", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sosdesk", "--db", str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.split()[0] == "unlock-screen", done.stdout
    loaded = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "PySide6.QtWidgets" in loaded and "sosdesk.ui.main_window" in loaded  # the log works
    late = ("reportlab", "opendp", "pikepdf", "alembic", "sosdesk.commands.stats_cmd")
    assert not loaded & set(late)
    assert not {m for m in loaded if m.startswith("sosdesk.ui.statistics.")}
