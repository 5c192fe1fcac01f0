"""Publishing from the command line: DP reports against the ledger, and the coded refusals
for files that exist, read-only folders, a full disk and file names that are not text."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from sosdesk.files import writing
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from tests.cli.helpers import run, set_env
from tests.conftest import PASSPHRASE
from tests.stats.handmade import build


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def _releases(db_path: Path) -> list[dict[str, object]]:
    db = Database.open(db_path, user="ana", passphrase=PASSPHRASE)
    try:
        with db.session() as s:
            found = s.execute(
                select(AuditEntry.detail).where(AuditEntry.action == "privacy_release")
            )
            return [dict(d) for d in found.scalars()]
    finally:
        db.close()


def _dp(db_path: Path, out: Path, *more: str) -> list[str]:
    return [
        "stats",
        "report",
        "--db",
        str(db_path),
        "--year",
        "2025",
        "--out",
        str(out),
        "--mode",
        "dp",
        "--lang",
        "en",
        *more,
    ]


def test_dp_report_consumes_the_budget_and_is_refused_when_spent(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(db, monkeypatch)
    db.close()
    code, _, err = run(capsys, *_dp(db_path, tmp_path / "a.pdf", "--epsilon", "1"))
    assert code == 2 and "No privacy budget is set for 2025" in err
    assert not (tmp_path / "a.pdf").exists()
    code, text, _ = run(
        capsys, "stats", "budget", "--db", str(db_path), "--year", "2025", "--set", "1"
    )
    assert code == 0 and "ε = 1, spent 0 in 0 release(s)" in text
    folder = tmp_path / "dp-csv"
    code, text, _ = run(
        capsys, *_dp(db_path, tmp_path / "a.pdf", "--epsilon", "0.5", "--csv", str(folder))
    )
    assert code == 0 and "accuracy ±" in text and "left 0.5" in text
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o600
    gender = (folder / "new_clients_by_gender.csv").read_text(encoding="utf-8-sig")
    assert gender.splitlines()[0] == "code,Figure,2025,accuracy_95"
    assert "trans_nonbinary" in gender  # every public key, empty or not
    code, text, err = run(
        capsys, *_dp(db_path, tmp_path / "b.pdf", "--epsilon", "0.5", "--tables", "victims")
    )
    assert code == 0, err
    assert "over 4 tables" in text and "victims_by_gender" in text and "calls_by" not in text
    code, _, err = run(capsys, *_dp(db_path, tmp_path / "c.pdf", "--epsilon", "0.5"))
    assert code == 2 and "cannot pay for this release" in err and "nothing was released" in err
    assert not (tmp_path / "c.pdf").exists()
    assert [r["epsilon"] for r in _releases(db_path)] == [0.5, 0.5]


def test_existing_outputs_are_kept_unless_overwrite(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    args = ["stats", "report", "--db", str(db_path), "--year", "2025", "--out", str(out)]
    code, _, err = run(capsys, *args)
    assert code == 2 and "already exist" in err and "--overwrite" in err
    assert out.read_bytes() == b"old"
    code, _, _ = run(capsys, *args, "--overwrite")
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    csv_out = tmp_path / "c.csv"
    csv_out.write_text("old")
    ctdc = ["stats", "ctdc", "--db", str(db_path), "--year", "2025", "--out", str(csv_out)]
    code, _, err = run(capsys, *ctdc)
    assert code == 2 and "already exist" in err and csv_out.read_text() == "old"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_coded_refusal(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run(
            capsys,
            *["stats", "ctdc", "--db", str(db_path), "--year", "2025"],
            *["--out", str(folder / "c.csv")],
        )
    finally:
        folder.chmod(0o700)
    assert code == 2 and "Cannot write into the folder of c.csv" in err
    assert list(folder.iterdir()) == []


def test_read_only_file_system_is_a_coded_refusal(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.close()
    real_open = writing.os.open

    def read_only(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).startswith(str(tmp_path / "media")):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    (tmp_path / "media").mkdir()
    monkeypatch.setattr(writing.os, "open", read_only)
    code, _, err = run(
        capsys,
        *["stats", "report", "--db", str(db_path), "--year", "2025"],
        *["--out", str(tmp_path / "media" / "r.pdf")],
    )
    assert code == 2 and "Cannot write into the folder of r.pdf" in err
    assert list((tmp_path / "media").iterdir()) == []


def test_full_disk_is_a_coded_refusal(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.close()

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "fsync", full)
    out = tmp_path / "r.pdf"
    code, _, err = run(
        capsys, "stats", "report", "--db", str(db_path), "--year", "2025", "--out", str(out)
    )
    assert code == 2 and "is full" in err and "nothing was written" in err
    assert list(tmp_path.glob("*.pdf")) == [] and not list(tmp_path.glob(".*tmp"))


def test_out_name_that_is_not_text_is_refused(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    name = os.fsdecode(b"izve\xa8taj.pdf")  # Latin-2 bytes, not UTF-8
    code, _, err = run(
        capsys,
        *["stats", "report", "--db", str(db_path), "--year", "2025"],
        *["--out", str(tmp_path / name)],
    )
    assert code == 2 and "not valid text" in err
    assert list(tmp_path.glob("*.pdf")) == []


def test_operator_cannot_set_the_budget(
    db: Database,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.add_user("mina", "Mina", "operator", "druga-lozinka-77")
    db.close()
    monkeypatch.setenv("SOSDESK_USER", "mina")
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "druga-lozinka-77")
    monkeypatch.setenv("SOSDESK_LANG", "sr-Latn")
    code, _, err = run(
        capsys, "stats", "budget", "--db", str(db_path), "--year", "2025", "--set", "1"
    )
    assert code == 2 and "Samo koordinatorka postavlja budžet privatnosti" in err


def test_a_failure_midway_leaves_no_part_of_the_release(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.close()
    real_fsync, calls = writing.os.fsync, []

    def fails_on_the_third(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(writing.os, "fsync", fails_on_the_third)
    folder = tmp_path / "tabele"
    code, _, err = run(
        capsys,
        *["stats", "report", "--db", str(db_path), "--year", "2025"],
        *["--out", str(tmp_path / "r.pdf"), "--csv", str(folder)],
    )
    assert code == 2 and "is full" in err
    assert not (tmp_path / "r.pdf").exists() and list(folder.iterdir()) == []
