"""`verify` checks every page's HMAC beside the audit chain; `verify --full` also checks the
whole structure, every index against its table (issue 21: a routine check that scales)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk.store import migrate
from sosdesk.store.engine import make_engine, open_raw
from sosdesk.store.keyfile import KeyFile, keyfile_path
from tests.cli.helpers import run, set_env
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def _index_out_of_step(db: Path) -> None:
    """Make one index describe another column than the one it was built from: every page is
    still exactly as SQLCipher wrote it, only the index no longer agrees with its table."""
    key = KeyFile.load(keyfile_path(db)).unlock("ana", PASSPHRASE)
    conn = open_raw(db, key)
    try:
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'ix_clients_birth_year'"
        ).fetchone()
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = ? WHERE name = 'ix_clients_birth_year'",
            (sql.replace("(birth_year)", "(family_name)"),),
        )
        conn.execute("PRAGMA writable_schema = OFF")
    finally:
        conn.close()


def test_the_full_check_finds_an_index_out_of_step_that_the_routine_one_leaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(db), "--calls", "200")[0] == 0
    code, out, _ = run(capsys, "verify", "--full", "--db", str(db))
    assert code == 0 and out.startswith("ok: every page, the whole structure")
    _index_out_of_step(db)
    code, out, _ = run(capsys, "verify", "--db", str(db))
    assert code == 0 and out.startswith("ok: every page's encryption and the audit chain")
    code, out, err = run(capsys, "verify", "--full", "--db", str(db))
    assert code == 1, err
    assert out.startswith("UNSOUND: integrity check failed")


def test_verify_checks_an_older_schema_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A desk verified after the program was updated, before anyone unlocked it: the check
    # neither upgrades the database nor writes the upgrade's backup beside it.
    db = tmp_path / "demo.db"
    assert run(capsys, "demo", "--db", str(db), "--calls", "50")[0] == 0
    older = migrate.revisions()[-2]
    key = KeyFile.load(keyfile_path(db)).unlock("ana", PASSPHRASE)
    engine = make_engine(db, key)
    try:
        migrate.downgrade(engine, older)
    finally:
        engine.dispose()
    code, out, err = run(capsys, "verify", "--db", str(db))
    assert code == 0, err
    assert out.startswith("ok: every page's encryption and the audit chain")
    engine = make_engine(db, key)
    try:
        assert migrate.current(engine) == older
    finally:
        engine.dispose()
    assert list(tmp_path.glob("*.pre-migration-*")) == []
