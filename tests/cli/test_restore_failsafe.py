"""Issue 10, defects 2 and 9: restore and open are fail-safe, reads are bounded."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk.store.database import Database
from tests.cli.helpers import digest, run, set_env


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def _desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "desk.db"
    assert run(capsys, "init", "--db", str(db), "--desk", "BG1")[0] == 0
    return db


def test_restore_from_an_empty_file_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _desk(tmp_path, capsys)
    empty = tmp_path / "empty.bak"
    empty.write_bytes(b"")
    before = digest(tmp_path)
    code, _, err = run(capsys, "restore", "--db", str(db), "--from", str(empty))
    assert code == 2 and err.count("\n") == 1 and "Nothing was changed" in err
    assert digest(tmp_path) == before
    assert run(capsys, "verify", "--db", str(db))[0] == 0


@pytest.mark.parametrize("command", [["verify"], ["search", "ana"], ["backup", "--out", "b.bak"]])
def test_an_empty_database_file_is_never_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    db = _desk(tmp_path, capsys)
    db.write_bytes(b"")  # the database file lost its content; the key file is fine
    argv = [command[0], "--db", str(db), *command[1:]]
    if command[0] == "backup":
        argv[-1] = str(tmp_path / "b.bak")
    code, _, err = run(capsys, *argv)
    assert code == 2 and "empty" in err and err.count("\n") == 1
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk.db", "desk.db.keys"]


def test_restore_in_place_of_a_lost_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _desk(tmp_path, capsys)
    backup = tmp_path / "saved.bak"
    assert run(capsys, "backup", "--db", str(db), "--out", str(backup))[0] == 0
    db.unlink()  # the disk was replaced: only the key file and the backup are left
    code, out, err = run(capsys, "restore", "--db", str(db), "--from", str(backup))
    assert code == 0, err
    assert "Restored" in out
    code, out, _ = run(capsys, "verify", "--db", str(db))
    assert code == 0 and out.startswith("ok:")


def test_a_restore_that_does_not_verify_puts_the_old_database_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _desk(tmp_path, capsys)
    backup = tmp_path / "before-marko.bak"
    assert run(capsys, "backup", "--db", str(db), "--out", str(backup))[0] == 0
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "markova-lozinka-1")
    assert (
        run(capsys, "user", "add", "--db", str(db), "--name", "marko", "--role", "coordinator")[0]
        == 0
    )
    before = digest(tmp_path)
    # Marko may unlock today's database, but he is not in the backup: it cannot verify for him.
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "markova-lozinka-1")
    code, _, err = run(capsys, "restore", "--db", str(db), "--user", "marko", "--from", str(backup))
    assert code == 2 and "put back unchanged" in err
    assert digest(tmp_path) == before
    Database.open(db, user="marko", passphrase="markova-lozinka-1").close()


def test_restore_from_a_device_or_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _desk(tmp_path, capsys)
    folder = tmp_path / "folder"
    folder.mkdir()
    before = digest(tmp_path)
    for source in ("/dev/zero", str(folder)):
        code, _, err = run(capsys, "restore", "--db", str(db), "--from", source)
        assert code == 2 and "not an ordinary file" in err
    assert digest(tmp_path) == before


def test_restoring_a_foreign_backup_prints_no_sqlcipher_noise(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    from sosdesk.cli import main

    db = tmp_path / "desk.db"
    other = tmp_path / "other.db"
    main(["init", "--db", str(db), "--desk", "BG1"])
    main(["init", "--db", str(other), "--desk", "NS1"])
    main(["backup", "--db", str(other), "--out", str(tmp_path / "foreign.bak")])
    capfd.readouterr()
    code = main(["restore", "--db", str(db), "--from", str(tmp_path / "foreign.bak")])
    err = capfd.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "hmac" not in err.lower()


def test_document_verify_of_a_device_is_bounded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _desk(tmp_path, capsys)
    code, _, err = run(capsys, "document", "verify", "--db", str(db), "/dev/zero")
    assert code == 2 and "not an ordinary file" in err
