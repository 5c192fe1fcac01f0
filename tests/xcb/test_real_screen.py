"""The desk on a real X server (Xvfb, Qt's `xcb` platform), as `make run` opens it: the
libraries the Makefile installs must be enough to reach the unlock screen, unlock and open
every area. Offscreen tests cannot see a missing X library; this one does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sosdesk.store.database import Database
from sosdesk.ui.areas import AREAS
from tests.artifacts import screenshots_dir
from tests.conftest import PASSPHRASE, USER

DRIVER = Path(__file__).with_name("drive_desk.py")


def test_desk_opens_unlocks_and_shows_every_area_on_xcb(db: Database, db_path: Path) -> None:
    assert shutil.which("Xvfb"), "Xvfb is missing: `make test` installs it (package xvfb)"
    display = os.environ.get("DISPLAY")
    assert display, "pytest-xvfb did not start an X server (is pytest-xvfb installed?)"
    db.close()
    shot = screenshots_dir() / "real-screen-xcb.png"
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": os.pathsep.join([str(root), str(root / "src")]),
    }
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(db_path), USER, PASSPHRASE, str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr[-2000:]
    assert "platform xcb" in out
    assert "unlock-screen shown" in out and "unlocked" in out
    areas = [line.split()[1] for line in out.splitlines() if line.startswith("ctrl+")]
    assert len(areas) == len(AREAS) and len(set(areas)) == len(AREAS), out
    colours = int(out.split("screenshot colours ")[1].split()[0])
    assert colours > 3, "the window on the X server looks blank"
    assert "could not load the Qt platform plugin" not in done.stderr
