"""`sosdesk call correct`: one field corrected with a reason; bad input is one coded line,
exit 2, and the database file is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk.services.call_corrections import corrections_of
from sosdesk.services.calls import CallInput, get_call, save_call
from sosdesk.store.database import Database
from tests.cli.helpers import digest, run, set_env
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def _desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    path = tmp_path / "d" / "desk.db"
    assert run(capsys, "init", "--db", str(path), "--desk", "BG1")[0] == 0
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        call = save_call(db, CallInput(categories=["victim_support"], summary="pratnja"))
    finally:
        db.close()
    return path, call.id


def test_correct_a_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, call_id = _desk(tmp_path, capsys)
    argv = ("call", "correct", "--db", str(path), "--call", call_id)
    code, out, err = run(capsys, *argv, "--field", "urgency", "--value", "urgent", "--reason", "x")
    assert (code, err) == (0, "")
    assert "urgency corrected" in out
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        assert get_call(db, call_id).urgency == "urgent"
        assert [c.old_value for c in corrections_of(db, call_id)] == ["routine"]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("field", "value", "reason", "says"),
    [
        ("summary", "nova", "", "say why the call is corrected"),
        ("nickname", "x", "r", "no field nickname"),
        ("urgency", "very", "r", "urgency:"),
        ("client", "BG1-0042", "r", "no client with code BG1-0042"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: str,
    reason: str,
    says: str,
) -> None:
    path, call_id = _desk(tmp_path, capsys)
    before = digest(path.parent)
    code, out, err = run(
        capsys,
        *("call", "correct", "--db", str(path), "--call", call_id, "--field", field),
        *("--value", value, "--reason", reason),
    )
    assert code == 2 and out == ""
    assert says in err and len(err.strip().splitlines()) == 1
    assert "nova" not in err
    assert digest(path.parent) == before
