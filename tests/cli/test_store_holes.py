"""Issue 10, defects 4, 5, 6 and 8: init keeps folders as they are, a full disk is a full disk,
a damaged page is reported as such, documents never write through a link."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from sosdesk.store.database import Database
from tests.cli.helpers import run, set_env, small_disk
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def test_init_keeps_the_mode_of_a_shared_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    assert run(capsys, "init", "--db", str(shared / "desk.db"), "--desk", "BG1")[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "desk.db").stat().st_mode) == 0o600


def test_init_does_not_follow_a_dangling_symlink(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elsewhere" / "deep"
    (tmp_path / "link").symlink_to(target)
    code, _, err = run(capsys, "init", "--db", str(tmp_path / "link" / "desk.db"), "--desk", "BG1")
    assert code == 2 and "symbolic link" in err
    (tmp_path / "db-link.db").symlink_to(tmp_path / "missing.db")
    code, _, err = run(capsys, "init", "--db", str(tmp_path / "db-link.db"), "--desk", "BG1")
    assert code == 2 and "symbolic link" in err
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "missing.db").exists()


def test_a_full_disk_is_reported_as_full_and_leaves_no_side_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with small_disk(tmp_path) as disk:
        db = disk / "desk.db"
        assert run(capsys, "init", "--db", str(db), "--desk", "BG1")[0] == 0
        subprocess.run(["dd", "if=/dev/zero", f"of={disk / 'fill'}", "bs=4k"], capture_output=True)
        for argv in (["verify"], ["search", "ana"]):
            code, _, err = run(capsys, argv[0], "--db", str(db), *argv[1:])
            assert code == 2 and "disk is full" in err and err.count("\n") == 1
            assert "not an SOS Desk database" not in err
        assert sorted(p.name for p in disk.iterdir()) == ["desk.db", "desk.db.keys", "fill"]


def test_backup_into_a_read_only_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "desk.db"
    assert run(capsys, "init", "--db", str(db), "--desk", "BG1")[0] == 0
    with small_disk(tmp_path) as disk:
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        code, _, err = run(capsys, "backup", "--db", str(db), "--out", str(disk / "b.bak"))
        assert code == 2 and "Cannot write into the folder" in err and err.count("\n") == 1


def _flip_a_bit_in_the_middle(path: Path, pages: int = 1) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    first = len(data) // page // 2
    for n in range(first, min(first + pages, len(data) // page)):
        data[n * page + 2000] ^= 0x10
    path.write_bytes(bytes(data))


def test_verify_reports_a_damaged_page_as_unsound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(db), "--calls", "300")[0] == 0
    _flip_a_bit_in_the_middle(db)
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert code == 1, err
    assert out.splitlines() and all(ln.startswith("UNSOUND: ") for ln in out.splitlines())
    assert "unexpected" not in err


def test_verify_reports_a_damaged_first_page_as_unsound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The page checks and the audit chain run side by side: the chain's own failure to open
    # a damaged file must not hide the UNSOUND report behind another message.
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(db), "--calls", "300")[0] == 0
    data = bytearray(db.read_bytes())
    data[100] ^= 0x10
    db.write_bytes(bytes(data))
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert code == 1, err
    assert out.startswith("UNSOUND: ") and "unexpected" not in err


def test_commands_on_a_damaged_database_say_so_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(db), "--calls", "300")[0] == 0
    _flip_a_bit_in_the_middle(db, pages=10_000)
    refused = 0
    for argv in (
        ["demo", "--db", str(db), "--calls", "50"],
        ["search", "--db", str(db), "a"],
        ["document", "verify", "--db", str(db), str(db.with_name("demo.db.keys"))],
    ):
        code, _, err = run(capsys, *argv)
        assert code != 1 or argv[1] == "verify", (argv, err)
        assert "unexpected" not in err, (argv, err)
        if code == 2:
            said = [ln for ln in err.splitlines() if ln.startswith("sosdesk:")]
            assert len(said) == 1 and "damaged" in said[0], (argv, err)
            refused += 1
    assert refused


def test_document_overwrite_never_writes_through_a_link_and_makes_the_file_private(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(db), "--calls", "200", "--seed", "3")[0] == 0
    opened = Database.open(db, user="ana", passphrase=PASSPHRASE)
    from sqlalchemy import text

    with opened.session() as s:
        code_ = s.execute(text("SELECT code FROM clients LIMIT 1")).scalar_one()
    opened.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "out.pdf"
    link.symlink_to(victim)
    argv = ["document", "chronology", "--db", str(db), "--client", code_, "--overwrite"]
    code, _, err = run(capsys, *argv, "--out", str(link))
    assert code == 2 and "symbolic link" in err
    assert victim.read_text() == "keep me"
    old = tmp_path / "old.pdf"
    old.write_bytes(b"old")
    os.chmod(old, 0o644)
    code, _, err = run(capsys, *argv, "--out", str(old))
    assert code == 0, err
    assert stat.S_IMODE(old.stat().st_mode) == 0o600 and old.read_bytes().startswith(b"%PDF")
