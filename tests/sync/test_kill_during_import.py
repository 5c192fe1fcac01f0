"""kill -9 of a real `sosdesk office import` while it writes: the office is afterwards either
exactly before the batch or exactly after it, never in between."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.sync_bench import fill_outbox
from sqlalchemy import text

from sosdesk.store.database import Database
from sosdesk.store.keyfile import keyfile_path
from sosdesk.sync.export import export_desk
from tests.conftest import PASSPHRASE
from tests.sync.helpers import OFFICE_USER, Net


def _state(path: Path) -> tuple[int, int, int, int]:
    db = Database.open(path, user=OFFICE_USER, passphrase=PASSPHRASE)
    try:
        with db.engine.connect() as c:
            assert c.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            return tuple(  # type: ignore[return-value]
                c.execute(text(q)).scalar_one()
                for q in (
                    "SELECT count(*) FROM clients",
                    "SELECT count(*) FROM events",
                    "SELECT count(*) FROM changes WHERE origin_device != "
                    "(SELECT device_id FROM device_identity)",
                    "SELECT count(*) FROM sync_batches WHERE state = 'applied'",
                )
            )
    finally:
        db.close()


def _import(office: Path, batch: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOSDESK_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sosdesk",
            "office",
            "import",
            "--db",
            str(office),
            "--user",
            OFFICE_USER,
            str(batch),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.mark.slow
def test_kill_9_during_import_leaves_before_or_after(pair: Net, tmp_path: Path) -> None:
    fill_outbox(pair.desks["BG1"], 1500)
    [batch] = export_desk(pair.desks["BG1"], pair.stick("s")).files
    pair.office.checkpoint()
    pair.office.close()
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    for p in (pair.office.path, keyfile_path(pair.office.path)):
        shutil.copy2(p, pristine / p.name)
    before = _state(pristine / pair.office.path.name)
    seen = set()
    # 0.3: a baseline run slowed by other load must not leave every kill after the commit.
    for trial, fraction in enumerate((None, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97)):
        work = tmp_path / f"t{trial}"
        work.mkdir()
        for p in pristine.iterdir():
            shutil.copy2(p, work / p.name)
        office = work / pair.office.path.name
        started = time.monotonic()
        proc = _import(office, batch)
        if fraction is None:  # the undisturbed run: how long it takes, what "after" is
            assert proc.wait(timeout=300) == 0
            full = time.monotonic() - started
            after = _state(office)
            assert after != before
            continue
        # Kill it at points spread over its run: most land inside the import transaction.
        time.sleep(max(0.0, started + fraction * full - time.monotonic()))
        proc.kill()
        proc.wait()
        state = _state(office)
        assert state in (before, after), f"kill at {fraction:.0%}: half-applied {state}"
        seen.add("after" if state == after else "before")
    assert seen == {"before", "after"} or seen == {"before"}
