"""`sosdesk stats report` and `sosdesk stats ctdc` from the command line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from sosdesk.cli import main
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from tests.cli.helpers import run, set_env
from tests.conftest import PASSPHRASE
from tests.stats.handmade import build


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def _actions(db_path: Path) -> list[str]:
    db = Database.open(db_path, user="ana", passphrase=PASSPHRASE)
    try:
        with db.session() as s:
            return list(s.execute(select(AuditEntry.action)).scalars())
    finally:
        db.close()


def test_report_with_csv(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(db, monkeypatch)
    db.close()
    out, folder = tmp_path / "izvestaj-2025.pdf", tmp_path / "tabele"
    code, text, _ = run(
        capsys,
        "stats",
        "report",
        "--db",
        str(db_path),
        "--year",
        "2025",
        "--out",
        str(out),
        "--lang",
        "sr-Latn",
        "--csv",
        str(folder),
    )
    assert code == 0 and "Annual report 2025 written" in text and "calls 8" in text
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert (folder / "calls_by_line.csv").read_text(encoding="utf-8-sig").startswith("code,")
    assert len(list(folder.glob("*.csv"))) >= 20
    assert "stats_report" in _actions(db_path)
    assert "Jelena" not in text  # no client data on the terminal


def test_ctdc_prints_what_it_suppressed(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(db, monkeypatch)
    db.close()
    out = tmp_path / "ctdc-2025.csv"
    code, text, _ = run(
        capsys,
        "stats",
        "ctdc",
        "--db",
        str(db_path),
        "--year",
        "2025",
        "--out",
        str(out),
        "--k",
        "2",
    )
    assert code == 0 and "k = 2: 3 of 3 victims written." in text
    assert "suppressed" in text or "generalised" in text
    assert (
        out.read_text().splitlines()[0].startswith("yearOfRegistration,Datasource,gender,ageBroad")
    )
    assert "stats_ctdc_export" in _actions(db_path)


def test_lang_on_the_command_line_wins_over_the_environment_for_method_notes(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(db, monkeypatch)
    db.close()
    monkeypatch.setenv("SOSDESK_LANG", "sr-Latn")
    argv = ["stats", "ctdc", "--db", str(db_path), "--year", "2025", "--k", "2"]
    code, text, _ = run(capsys, "--lang", "en", *argv, "--out", str(tmp_path / "a.csv"))
    assert code == 0 and "k-anonymity: every combination" in text
    assert "k-anonimnost" not in text
    code, text, _ = run(capsys, *argv, "--out", str(tmp_path / "b.csv"))
    assert code == 0 and "k-anonimnost: svaka kombinacija" in text  # the environment again


@pytest.mark.parametrize("command", ["report", "ctdc"])
def test_k_below_two_is_refused_and_nothing_written(
    db: Database, db_path: Path, tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    out = tmp_path / "out.file"
    code, _, err = run(
        capsys,
        "stats",
        command,
        "--db",
        str(db_path),
        "--year",
        "2025",
        "--out",
        str(out),
        "--k",
        "1",
    )
    assert code == 2 and "k = 1" in err and "nothing was written" in err
    assert not out.exists()


def test_empty_year_and_bad_input(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    out = tmp_path / "prazno.pdf"
    code, text, _ = run(
        capsys, "stats", "report", "--db", str(db_path), "--year", "2019", "--out", str(out)
    )
    assert code == 0 and "No calls, clients or activities are recorded for 2019" in text
    assert out.exists()
    code, text, _ = run(
        capsys,
        "stats",
        "ctdc",
        "--db",
        str(db_path),
        "--year",
        "2019",
        "--out",
        str(tmp_path / "c.csv"),
    )
    assert code == 0 and "only the header row" in text
    code, _, err = run(
        capsys,
        "stats",
        "report",
        "--db",
        str(db_path),
        "--year",
        "2025",
        "--out",
        str(tmp_path / "nema" / "r.pdf"),
    )
    assert code == 2 and "does not exist" in err
    with pytest.raises(SystemExit) as exit_:
        main(["stats", "report", "--db", str(db_path), "--year", "20x5", "--out", str(out)])
    assert exit_.value.code == 2
    assert "not a year" in capsys.readouterr().err


def test_operator_cannot_export_row_level_data(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db.add_user("mina", "Mina", "operator", "druga-lozinka-77")
    db.close()
    monkeypatch.setenv("SOSDESK_USER", "mina")
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "druga-lozinka-77")
    out = tmp_path / "c.csv"
    code, _, err = run(
        capsys, "stats", "ctdc", "--db", str(db_path), "--year", "2025", "--out", str(out)
    )
    assert code == 2 and "permission publish" in err and not out.exists()
