"""The `sosdesk` command for the store: init, demo, verify, backup/restore, passwd, user, search."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from sosdesk.cli import main
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE

ENV = {"SOSDESK_PASSPHRASE": PASSPHRASE, "SOSDESK_USER": "ana", "SOSDESK_LANG": "en"}


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SOSDESK_NEW_PASSPHRASE", raising=False)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_init_then_refuse_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "desk.db"
    code, out, _ = _run(capsys, "init", "--db", str(db), "--desk", "BG1")
    assert code == 0 and "RECOVERY KEY" in out
    recovery = out.split("RECOVERY KEY", 1)[1].splitlines()[1].strip()
    assert len(recovery.replace("-", "")) == 32
    code, _, err = _run(capsys, "init", "--db", str(db), "--desk", "BG1")
    assert code == 2 and "already exists" in err


def test_bad_input_is_one_clear_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.db"
    _run(capsys, "init", "--db", str(db), "--desk", "BG1")
    before = _digest(tmp_path)
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "pogrešna lozinka")
    code, _, err = _run(capsys, "verify", "--db", str(db))
    assert code == 2 and err.count("\n") == 1 and "Wrong passphrase" in err
    assert _digest(tmp_path) == before
    code, _, err = _run(capsys, "verify", "--db", str(tmp_path / "drugi.db"))
    assert code == 2 and "No database" in err and not (tmp_path / "drugi.db").exists()
    code, _, err = _run(capsys, "init", "--db", str(tmp_path / "x.db"), "--desk", "bg 1")
    assert code == 2 and "desk code" in err
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "kratka")
    code, _, err = _run(capsys, "init", "--db", str(tmp_path / "y.db"), "--desk", "BG1")
    assert code == 2 and "at least 10" in err


def test_demo_verify_search_and_tamper(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    code, out, _ = _run(capsys, "demo", "--db", str(db), "--calls", "400", "--seed", "5")
    assert code == 0 and "Added 400 calls" in out
    code, out, _ = _run(capsys, "demo", "--db", str(db), "--calls", "100", "--seed", "6")
    assert code == 0 and "Added 100 calls" in out
    code, out, _ = _run(capsys, "verify", "--db", str(db))
    assert code == 0 and out.startswith("ok:")
    opened = Database.open(db, user="ana", passphrase=PASSPHRASE)
    with opened.session() as s:
        name, code_ = s.execute(
            text("SELECT family_name, code FROM clients WHERE family_name GLOB '[A-Za-z]*' LIMIT 1")
        ).one()
    with opened.engine.begin() as c:
        c.execute(text("UPDATE audit_entries SET actor = 'x' WHERE seq = 2"))
    opened.close()
    code, out, _ = _run(capsys, "search", "--db", str(db), name)
    assert code == 0 and any(line.startswith(code_) for line in out.splitlines())
    code, out, _ = _run(capsys, "verify", "--db", str(db))
    assert code == 1 and "UNSOUND: audit chain: entry 2 was changed" in out


def test_backup_restore_and_foreign_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, other = tmp_path / "desk.db", tmp_path / "other.db"
    _run(capsys, "demo", "--db", str(db), "--calls", "50")
    _run(capsys, "init", "--db", str(other), "--desk", "NS1")
    code, out, _ = _run(capsys, "backup", "--db", str(db), "--out", str(tmp_path / "b1.bak"))
    assert code == 0 and "verified" in out
    assert not (tmp_path / "b1.bak").read_bytes().startswith(b"SQLite format 3")
    _run(capsys, "backup", "--db", str(other), "--out", str(tmp_path / "foreign.bak"))
    opened = Database.open(db, user="ana", passphrase=PASSPHRASE)
    with opened.engine.begin() as c:
        c.execute(text("DELETE FROM followups"))
    opened.close()
    before = _digest(tmp_path)
    code, _, err = _run(capsys, "restore", "--db", str(db), "--from", str(tmp_path / "foreign.bak"))
    assert code == 2 and "does not open with this database's key" in err
    assert _digest(tmp_path) == before
    code, _, _ = _run(capsys, "restore", "--db", str(db), "--from", str(tmp_path / "b1.bak"))
    assert code == 0
    opened = Database.open(db, user="ana", passphrase=PASSPHRASE)
    with opened.session() as s:
        assert s.execute(text("SELECT count(*) FROM followups")).scalar_one() > 0
    opened.close()
    assert _run(capsys, "verify", "--db", str(db))[0] == 0


def test_passwd_and_users(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "desk.db"
    _run(capsys, "init", "--db", str(db), "--desk", "BG1")
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "lozinka-za-marka")
    code, _, _ = _run(
        capsys, "user", "add", "--db", str(db), "--name", "marko", "--role", "operator"
    )
    assert code == 0
    code, out, _ = _run(capsys, "user", "list", "--db", str(db))
    assert out.split() == ["marko", "ana"]
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "sasvim-nova-lozinka")
    assert _run(capsys, "passwd", "--db", str(db))[0] == 0
    code, _, err = _run(capsys, "verify", "--db", str(db))
    assert code == 2 and "Wrong passphrase" in err
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "sasvim-nova-lozinka")
    assert _run(capsys, "verify", "--db", str(db))[0] == 0
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "lozinka-za-marka")
    code, _, err = _run(
        capsys, "user", "remove", "--db", str(db), "--user", "marko", "--name", "ana"
    )
    assert code == 2 and "only a coordinator" in err
