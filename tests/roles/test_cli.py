"""The command line obeys the roles: an operator cannot print a costs statement, publish the
annual report, back up or read the audit (coded refusal in every language, nothing written);
`sosdesk audit` lists a run of actions with its filters and refuses a tampered chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sosdesk.cli import main
from sosdesk.services.clients import get_client
from sosdesk.services.emergency import break_glass
from sosdesk.store.database import Database
from tests.cli.helpers import digest
from tests.conftest import PASSPHRASE
from tests.factory import make_story

OPERATOR, OP_PASS = "mina", "druga-lozinka-77"


@pytest.fixture
def story_code(db: Database) -> str:
    """A client with a full timeline, and an operator `mina` on the same desk."""
    code = make_story(db).code
    db.add_user(OPERATOR, "Mina Marković", "operator", OP_PASS)
    db.close()
    return code


def _as(monkeypatch: pytest.MonkeyPatch, user: str, passphrase: str, lang: str = "en") -> None:
    monkeypatch.setenv("SOSDESK_USER", user)
    monkeypatch.setenv("SOSDESK_PASSPHRASE", passphrase)
    monkeypatch.setenv("SOSDESK_LANG", lang)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


REFUSED = {"en": "may not", "sr-Latn": "ne može da", "sr-Cyrl": "не може да"}


@pytest.mark.parametrize("lang", ["en", "sr-Latn", "sr-Cyrl"])
def test_an_operator_cannot_print_costs_publish_or_back_up(
    story_code: str,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
) -> None:
    _as(monkeypatch, OPERATOR, OP_PASS, lang)
    out = tmp_path / "out"
    out.mkdir()
    db = str(db_path)
    attempts = {
        "print_costs": (
            "document",
            "costs",
            "--db",
            db,
            "--client",
            story_code,
            "--out",
            str(out / "c.pdf"),
        ),
        "print_court": (
            "document",
            "accompaniment",
            "--db",
            db,
            "--client",
            story_code,
            "--out",
            str(out / "a.pdf"),
        ),
        "publish": ("stats", "report", "--db", db, "--year", "2026", "--out", str(out / "r.pdf")),
        "backup_restore": ("backup", "--db", db, "--out", str(out / "desk.bak")),
        "read_audit": ("audit", "--db", db),
        "publish ": ("stats", "ctdc", "--db", db, "--year", "2026", "--out", str(out / "c.csv")),
        "backup_restore ": ("restore", "--db", db, "--from", str(db_path)),
    }
    before = digest(db_path.parent)
    for permission, argv in attempts.items():
        code, _, err = _run(capsys, *argv)
        assert code == 2, permission
        assert permission.strip() in err and REFUSED[lang] in err, err
        assert len(err.strip().splitlines()) == 1
    assert list(out.iterdir()) == []
    assert digest(db_path.parent) == before  # nothing changed, not even the audit


def test_the_coordinator_may(
    story_code: str,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _as(monkeypatch, "ana", PASSPHRASE)
    costs = tmp_path / "c.pdf"
    argv = ("document", "costs", "--db", str(db_path), "--client", story_code, "--out", str(costs))
    assert _run(capsys, *argv)[0] == 0
    assert _run(capsys, "backup", "--db", str(db_path), "--out", str(tmp_path / "d.bak"))[0] == 0
    assert costs.exists() and (tmp_path / "d.bak").exists()


def _lines(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines() if not line.startswith("#")]


def test_audit_lists_a_run_of_actions_with_filters(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    story = make_story(db)
    db.add_user(OPERATOR, "Mina Marković", "operator", OP_PASS)
    get_client(db, story.client_id)  # ana views the file
    db.close()
    op = Database.open(db_path, user=OPERATOR, passphrase=OP_PASS)
    break_glass(op, story.client_id, "Poziv u krizi, treba plan bezbednosti")
    get_client(op, story.client_id)
    op.close()
    _as(monkeypatch, "ana", PASSPHRASE)
    dbp = str(db_path)
    argv = (
        "document",
        "costs",
        "--db",
        dbp,
        "--client",
        story.code,
        "--out",
        str(tmp_path / "c.pdf"),
    )
    assert _run(capsys, *argv)[0] == 0
    assert _run(capsys, "backup", "--db", dbp, "--out", str(tmp_path / "d.bak"))[0] == 0

    code, out, err = _run(capsys, "audit", "--db", dbp, "--user", OPERATOR)
    assert code == 0, err
    assert "audit chain verified" in out
    rows = _lines(out)
    assert [r[3] for r in rows] == ["view", "emergency_access"]  # newest first
    assert all(r[2] == OPERATOR and r[5] == story.code for r in rows)
    assert "Poziv u krizi" in rows[1][6]

    code, out, _ = _run(capsys, "audit", "--db", dbp, "--action", "printed")
    assert [r[3] for r in _lines(out)] == ["document_issued"]
    code, out, _ = _run(capsys, "audit", "--db", dbp, "--action", "backed_up")
    assert [r[3] for r in _lines(out)] == ["backup"]
    code, out, _ = _run(capsys, "audit", "--db", dbp, "--client", story.code, "--action", "viewed")
    assert [(r[2], r[3]) for r in _lines(out)] == [
        (OPERATOR, "view"),
        (OPERATOR, "emergency_access"),
        ("ana", "view"),
    ]
    code, out, _ = _run(capsys, "audit", "--db", dbp, "--from", "2999-01-01")
    assert code == 0 and _lines(out) == []
    code, _, err = _run(capsys, "audit", "--db", dbp, "--from", "yesterday")
    assert code == 2 and "--from" in err

    code, out, _ = _run(capsys, "audit", "--db", dbp, "--emergencies")
    (seq, *_rest) = _lines(out)[0]
    assert _run(capsys, "audit", "--db", dbp, "--review", seq)[0] == 0
    assert _lines(_run(capsys, "audit", "--db", dbp, "--emergencies")[1]) == []


def test_audit_refuses_a_tampered_chain(
    db: Database,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    story = make_story(db)
    get_client(db, story.client_id)
    with db.engine.begin() as c:
        c.execute(text("UPDATE audit_entries SET actor = 'neko drugi' WHERE seq = 3"))
    db.close()
    _as(monkeypatch, "ana", PASSPHRASE)
    code, out, err = _run(capsys, "audit", "--db", str(db_path))
    assert code == 1 and out == ""
    assert "broken at entry 3 (edited)" in err


def test_unknown_role_and_own_role_are_refused(
    db: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    _as(monkeypatch, "ana", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", OP_PASS)
    dbp = str(db_path)
    code, _, err = _run(capsys, "user", "add", "--db", dbp, "--name", "x1", "--role", "boss")
    assert code == 2 and "Unknown role boss" in err
    code, _, err = _run(capsys, "user", "role", "--db", dbp, "--name", "ana", "--role", "operator")
    assert code == 2 and "last active coordinator" in err
    assert _run(capsys, "user", "add", "--db", dbp, "--name", "vesna", "--role", "auditor")[0] == 0
    code, _, err = _run(capsys, "user", "remove", "--db", dbp, "--name", "ana")
    assert code == 2 and "last active coordinator" in err
    assert (
        _run(capsys, "user", "role", "--db", dbp, "--name", "vesna", "--role", "volunteer")[0] == 0
    )
    db2 = Database.open(db_path, user="vesna", passphrase=OP_PASS)
    try:
        assert db2.actor.role == "volunteer"
    finally:
        db2.close()
