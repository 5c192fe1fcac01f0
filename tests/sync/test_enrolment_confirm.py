"""Enrolment and trust show the fingerprint and need it confirmed; re-enrolment is explicit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk.cli import main
from sosdesk.sync.identity import read_identity, write_identity
from tests.conftest import PASSPHRASE
from tests.sync.helpers import OFFICE_USER, make_db


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_LANG", "en")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    office = make_db(tmp_path, "HQ", office=True, user=OFFICE_USER)
    desk = make_db(tmp_path, "BG1")
    write_identity(office, tmp_path / "hq.sosid")
    write_identity(desk, tmp_path / "bg1.sosid")
    office.close()
    desk.close()
    return office.path, desk.path, tmp_path / "hq.sosid", tmp_path / "bg1.sosid"


def _enrol(capsys: pytest.CaptureFixture[str], office: Path, ident: Path, *extra: str):  # type: ignore[no-untyped-def]
    return _run(
        capsys, "office", "enroll", "--db", str(office), "--user", OFFICE_USER, *extra, str(ident)
    )


def test_without_a_terminal_and_without_fingerprint_nothing_is_enrolled(
    files: tuple[Path, Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, desk, hq_id, bg1_id = files
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    fp = read_identity(bg1_id).fingerprint
    code, out = _enrol(capsys, office, bg1_id)
    assert code == 2 and fp in out and "--fingerprint" in out
    assert len(out.strip().splitlines()) == 1
    code, out = _run(capsys, "sync", "trust-office", "--db", str(desk), "--user", "ana", str(hq_id))
    assert code == 2 and read_identity(hq_id).fingerprint in out
    code, out = _run(capsys, "office", "desks", "--db", str(office), "--user", OFFICE_USER)
    assert "No desk is enrolled" in out


def test_an_interactive_yes_enrols_and_a_no_does_not(
    files: tuple[Path, Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office, _desk, _hq, bg1_id = files
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": "no")
    code, out = _enrol(capsys, office, bg1_id)
    assert code == 2 and read_identity(bg1_id).fingerprint in out
    monkeypatch.setattr("builtins.input", lambda prompt="": "da")
    code, out = _enrol(capsys, office, bg1_id)
    assert code == 0 and "Desk BG1 enrolled" in out


def test_a_wrong_fingerprint_is_refused(
    files: tuple[Path, Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    office, _desk, _hq, bg1_id = files
    code, out = _enrol(capsys, office, bg1_id, "--fingerprint", "12345 12345 12345 12345 12345")
    assert code == 2 and "does not match" in out


def test_a_revoked_desk_comes_back_only_with_re_enrol(
    files: tuple[Path, Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    office, _desk, _hq, bg1_id = files
    fp = read_identity(bg1_id).fingerprint
    assert _enrol(capsys, office, bg1_id, "--fingerprint", fp)[0] == 0
    code, out = _enrol(capsys, office, bg1_id, "--fingerprint", fp, "--re-enrol")
    assert code == 2 and "not revoked" in out
    assert (
        _run(
            capsys, "office", "revoke", "--db", str(office), "--user", OFFICE_USER, "--desk", "BG1"
        )[0]
        == 0
    )
    code, out = _enrol(capsys, office, bg1_id, "--fingerprint", fp)
    assert code == 2 and "--re-enrol" in out
    code, out = _enrol(capsys, office, bg1_id, "--fingerprint", fp, "--re-enrol")
    assert code == 0 and "enrolled" in out
    code, out = _run(capsys, "office", "desks", "--db", str(office), "--user", OFFICE_USER)
    assert "BG1" in out and "active" in out
