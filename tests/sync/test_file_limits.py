"""Files a user names are read bounded; refusals are one coded line; the quarantine is capped."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from sosdesk.cli import main
from sosdesk.store.models.sync import SyncQuarantine
from sosdesk.sync import quarantine
from sosdesk.sync.importer import import_batches
from tests.conftest import PASSPHRASE
from tests.sync.helpers import OFFICE_USER, Net, count, snapshot

ZERO = "/dev/zero"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_LANG", "en")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "unexpected" not in out.err
    return code, out.out + out.err


@pytest.fixture
def closed(pair: Net) -> Net:
    """The pair, closed so the commands can open the databases."""
    pair.close()
    return pair


def _office(net: Net, *argv: str) -> list[str]:
    return ["office", argv[0], "--db", str(net.office.path), "--user", OFFICE_USER, *argv[1:]]


def _desk(net: Net, *argv: str) -> list[str]:
    return ["sync", argv[0], "--db", str(net.desks["BG1"].path), "--user", "ana", *argv[1:]]


@pytest.mark.parametrize("bad", [ZERO, "FOLDER", "HUGE"])
def test_devices_folders_and_huge_files_are_refused_in_one_line(
    closed: Net, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    if bad == "FOLDER":
        bad = str(tmp_path)
    elif bad == "HUGE":
        huge = tmp_path / "huge.bin"
        with open(huge, "wb") as fh:
            fh.truncate(3 << 30)  # sparse: 3 GB that take no disk
        bad = str(huge)
    fp = "00000 00000 00000 00000 00000"
    for argv in (
        _desk(closed, "trust-office", "--fingerprint", fp, bad),
        _office(closed, "enroll", "--fingerprint", fp, bad),
        _office(closed, "import", bad),
        _desk(closed, "import", bad),
        _desk(closed, "receipt", bad),
    ):
        code, out = _run(capsys, *argv)
        assert code == 2, (argv, out)
        assert Path(bad).name in out or "refused" in out, (argv, out)
    # Nothing of the huge file was copied into the quarantine.
    folder = closed.office.path.parent / f"{closed.office.path.stem}-sync" / "quarantine"
    assert sum(f.stat().st_size for f in folder.glob("*")) < 1 << 20 if folder.exists() else True


@pytest.mark.parametrize("size", ["nan", "-1", "0", "inf"])
def test_max_size_must_be_a_positive_number(
    closed: Net, tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str
) -> None:
    batch = tmp_path / "x.sosbatch"
    batch.write_bytes(b"x")
    code, out = _run(capsys, *_office(closed, "import", "--max-size", size, str(batch)))
    assert code == 2 and "--max-size" in out
    assert len(out.strip().splitlines()) == 1


def test_identity_into_a_read_only_folder_leaves_nothing(
    closed: Net, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    real_open = os.open

    def read_only(path: object, flags: int, mode: int = 0o777, **kw: object) -> int:
        if Path(str(path)).parent == folder and flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    code, out = _run(capsys, *_desk(closed, "identity", "--out", str(folder / "bg1.sosid")))
    assert code == 2 and "read-only" in out
    assert list(folder.iterdir()) == []


def test_the_quarantine_is_capped_and_old_copies_expire(
    pair: Net, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quarantine, "MAX_FILES", 2)
    junk = []
    for i in range(3):
        p = tmp_path / f"junk{i}.sosbatch"
        p.write_bytes(os.urandom(200))
        junk.append(p)
    before = snapshot(pair.office)
    outcomes = import_batches(pair.office, junk)
    assert [o.status for o in outcomes] == ["rejected"] * 3
    assert snapshot(pair.office) == before
    folder = quarantine.sync_folder(pair.office, "quarantine")
    assert len(list(folder.iterdir())) == 2
    with pair.office.session() as s:
        rows = s.execute(select(SyncQuarantine).order_by(SyncQuarantine.received_at)).scalars()
        kept = [(r.file_name, r.stored_as is not None, r.sha256) for r in rows]
    assert [k[1] for k in kept] == [True, True, False]
    assert all(k[2] != quarantine.NOT_HASHED for k in kept)  # registered with its hash
    # Copies older than the retention period go at the next refusal.
    old = time.time() - (quarantine.RETENTION_DAYS + 1) * 86400
    for f in folder.iterdir():
        os.utime(f, (old, old))
    import_batches(pair.office, [junk[0]])
    assert len(list(folder.iterdir())) == 1
    assert count(pair.office, "sync_quarantine") == 4
    with pair.office.session() as s:
        stored = [r.stored_as for r in s.execute(select(SyncQuarantine)).scalars()]
    assert sum(x is not None for x in stored) == 1


def test_an_oversized_file_is_neither_read_nor_copied(pair: Net, tmp_path: Path) -> None:
    from sosdesk.sync.batch_format import Limits

    big = tmp_path / "big.sosbatch"
    with open(big, "wb") as fh:
        fh.truncate(50 << 20)
    [outcome] = import_batches(pair.office, [big], limits=Limits(max_file_bytes=1 << 20))
    assert (outcome.status, outcome.reason) == ("rejected", "too_large")
    with pair.office.session() as s:
        row = s.execute(select(SyncQuarantine)).scalar_one()
    assert row.stored_as is None and row.sha256 == quarantine.NOT_HASHED


def test_a_killed_copy_into_the_quarantine_is_swept_at_the_next_refusal(
    pair: Net, tmp_path: Path
) -> None:
    folder = quarantine.sync_folder(pair.office, "quarantine")
    stale = folder / ".20260101T000000-aa.sosbatch.0123abcd.sosdesk-tmp"
    stale.write_bytes(b"half a copy")
    junk = tmp_path / "junk.sosbatch"
    junk.write_bytes(os.urandom(64))
    import_batches(pair.office, [junk])
    assert not stale.exists()
    assert len(list(folder.iterdir())) == 1
