"""`sosdesk client merge|anonymise|erase` and `sosdesk retention`: roles enforced, bad input is
one coded line with exit 2 and an unchanged file, the work done is printed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import find_by_code, get_client
from sosdesk.store.database import Database
from tests.cli.helpers import digest, run, set_env
from tests.conftest import PASSPHRASE
from tests.factory import take_call
from tests.forgetting.canary import canary_client, found_in


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def _desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, list[str]]:
    path = tmp_path / "d" / "desk.db"
    assert run(capsys, "init", "--db", str(path), "--desk", "BG1")[0] == 0
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        _cid, code, _ = canary_client(db)
        a = take_call(db, "Jovana", summary="prvi")
        b = take_call(db, "Jovanka", summary="drugi")
        codes = [code, *(get_client(db, c, audit_view=False).code for c in (a, b))]
        db.add_user("marko", "Marko", "operator", PASSPHRASE)
    finally:
        db.close()
    return path, codes


def test_merge_then_erase_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, (canary, keep, absorb) = _desk(tmp_path, capsys)
    db_arg = ("--db", str(path))
    code, out, err = run(
        capsys,
        "client",
        "merge",
        *db_arg,
        "--keep",
        keep,
        "--absorb",
        absorb,
        "--reason",
        "ista osoba",
        "--take",
        "given_name=absorb",
    )
    assert (code, err) == (0, "") and f"{absorb} merged into {keep}" in out
    code, out, err = run(capsys, "client", "erase", *db_arg, "--client", canary, "--reason", "z")
    assert (code, err) == (0, "") and f"{canary} erased" in out
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        survivor = find_by_code(db, absorb)
        assert (survivor.code, survivor.given_name) == (keep, "Jovanka")
        assert found_in(db) == {}
    finally:
        db.close()


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (("client", "merge", "--keep", "{1}", "--absorb", "{1}", "--reason", "x"), "itself"),
        (("client", "merge", "--keep", "{1}", "--absorb", "{2}"), "same person"),
        (("client", "erase", "--client", "{0}"), "say why"),
        (("client", "erase", "--client", "BG1-2026-0999", "--reason", "x"), "BG1-2026-0999"),
        (("client", "anonymise", "--client", "{0}", "--reason", "x", "--user", "marko"), "role"),
        (("retention", "--apply", "--user", "marko"), "role"),
        (("retention", "--set", "call_text_months=0"), "from 1 to 120"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str
) -> None:
    path, codes = _desk(tmp_path, capsys)
    before = digest(path.parent)
    args = [a.format(*codes) for a in argv]
    code, out, err = run(capsys, *args, "--db", str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and says in err
    assert digest(path.parent) == before


def test_retention_lists_then_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _codes = _desk(tmp_path, capsys)
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        old = datetime.now(UTC) - timedelta(days=400)
        for summary in ("plavobradi zvao", "nepoznat"):
            save_call(
                db,
                CallInput(
                    categories=["victim_support"],
                    started_at=old,
                    caller_phone="064 998 7766",
                    summary=summary,
                ),
            )
    finally:
        db.close()
    code, out, err = run(capsys, "retention", "--db", str(path))
    assert (code, err) == (0, "")
    assert "due\tcalls\t2" in out and "rule\tcall_text_months\t12" in out
    code, out, err = run(capsys, "retention", "--db", str(path), "--apply")
    assert (code, err) == (0, "") and "applied\tcalls\t2" in out
    code, out, _ = run(capsys, "retention", "--db", str(path))
    assert "due\tcalls\t0" in out
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        with db.engine.connect() as c:
            rows = c.execute(
                text("SELECT summary, caller_phone FROM calls WHERE client_id IS NULL")
            ).all()
        assert [tuple(r) for r in rows] == [(None, None), (None, None)]
    finally:
        db.close()


def test_a_restored_backup_forgets_again_before_it_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, (canary, keep, absorb) = _desk(tmp_path, capsys)
    backup = tmp_path / "jutros.bak"
    assert run(capsys, "backup", "--db", str(path), "--out", str(backup))[0] == 0
    db_arg = ("--db", str(path))
    assert run(capsys, "client", "erase", *db_arg, "--client", canary, "--reason", "z")[0] == 0
    merge = ("--keep", keep, "--absorb", absorb, "--reason", "ista")
    assert run(capsys, "client", "merge", *db_arg, *merge)[0] == 0
    code, _, err = run(capsys, "restore", *db_arg, "--from", str(backup))
    assert code == 0, err
    db = Database.open(path, user="ana", passphrase=PASSPHRASE)
    try:
        assert found_in(db) == {}
        assert find_by_code(db, absorb).code == keep
        with db.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM erasures")).scalar_one() == 1
    finally:
        db.close()
    assert run(capsys, "verify", *db_arg)[0] == 0
