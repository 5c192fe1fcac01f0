"""New databases authenticate their pages with HMAC-SHA256; a database written in SQLCipher 4's
default format (HMAC-SHA512, every desk before the change) still unlocks, reads, writes and is
backed up, page by page checked, in its own format."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sosdesk.store import backup as backup_module
from sosdesk.store import snapshot_copy
from sosdesk.store.backup import backup_engine
from sosdesk.store.cipher_format import CURRENT, SQLCIPHER4_DEFAULT, PageFormat
from sosdesk.store.database import Database
from sosdesk.store.engine import open_raw, page_format_of
from sosdesk.store.errors import DatabaseDamaged, NotADatabase
from sosdesk.store.keyfile import keyfile_path
from sosdesk.store.page_checks import HMAC, run_check
from sosdesk.store.page_hmac import PAGE_SIZE, PageHmacs
from tests.conftest import PASSPHRASE, USER
from tests.factory import calls_in_file, take_call


def _file_format(path: Path, key: bytes) -> PageFormat | None:
    with open(path, "rb") as f:
        return PageHmacs(key, f.read(PAGE_SIZE)).format


def _legacy_copy(db: Database, target: Path) -> Path:
    """The desk's database rewritten in SQLCipher 4's default format, with its key file."""
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    conn = open_raw(db.path, db.data_key)
    try:
        keyed = f"\"x'{db.data_key.hex()}'\""
        conn.execute(f"ATTACH DATABASE '{target}' AS old KEY {keyed}")
        conn.execute(f"PRAGMA old.cipher_hmac_algorithm = {SQLCIPHER4_DEFAULT.hmac}")
        conn.execute("SELECT sqlcipher_export('old')")
        conn.execute("DETACH DATABASE old")
    finally:
        conn.close()
    shutil.copyfile(keyfile_path(db.path), keyfile_path(target))
    return target


def test_a_new_database_authenticates_its_pages_with_hmac_sha256(db: Database) -> None:
    take_call(db, "Jelena", summary="prvi poziv")
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        setting = c.exec_driver_sql("PRAGMA cipher_hmac_algorithm").scalar_one()
    assert setting == "HMAC_SHA256" == CURRENT.hmac
    assert _file_format(db.path, db.data_key) == CURRENT
    # Every page carries a 32-byte SHA-256 tag where the check reads it, as SQLCipher agrees.
    data = db.path.read_bytes()
    assert PageHmacs(db.data_key, data[:PAGE_SIZE]).damaged(data, 1) == []
    assert run_check(db.path, db.data_key, HMAC, readonly=True) == []


def test_a_database_in_sqlcipher_4_s_default_format_unlocks_and_stays_in_it(
    db: Database, tmp_path: Path
) -> None:
    for i in range(3):
        take_call(db, "Jelena", summary=f"poziv {i}")
    old = _legacy_copy(db, tmp_path / "stara.db")
    assert _file_format(old, db.data_key) == SQLCIPHER4_DEFAULT

    desk = Database.open(old, user=USER, passphrase=PASSPHRASE)
    try:
        take_call(desk, "Jelena", summary="poziv posle nadogradnje")
        # Every pooled connection reads and writes the file's own format.
        with desk.engine.connect() as a, desk.engine.connect() as b:
            for c in (a, b):
                assert c.exec_driver_sql("PRAGMA cipher_hmac_algorithm").scalar_one() == (
                    SQLCIPHER4_DEFAULT.hmac
                )
                assert c.execute(text("SELECT count(*) FROM calls")).scalar_one() == 4
    finally:
        desk.close()
    assert _file_format(old, db.data_key) == SQLCIPHER4_DEFAULT
    assert run_check(old, db.data_key, HMAC, readonly=True) == []


def test_neither_format_opens_under_another_key(db: Database, tmp_path: Path) -> None:
    old = _legacy_copy(db, tmp_path / "stara.db")
    for path in (db.path, old):
        with pytest.raises(NotADatabase) as refused:
            open_raw(path, bytes(32))
        assert refused.value.code == "store.not_ours"


def test_a_backup_of_an_old_format_database_is_checked_page_by_page(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(12):
        take_call(db, "Jelena", summary=f"poziv broj {i} " + "opis " * 40)
    old = _legacy_copy(db, tmp_path / "stara.db")
    monkeypatch.setattr(snapshot_copy, "_CHUNK", 3 * PAGE_SIZE)

    def no_second_check(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the copy's pages were checked as it was written")

    monkeypatch.setattr(backup_module, "side_by_side", no_second_check)
    desk = Database.open(old, user=USER, passphrase=PASSPHRASE)
    try:
        with desk.engine.connect() as c:  # everything into the file, as a backup copies it
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        out = backup_engine(desk.engine, desk.data_key, tmp_path / "kopija.db")
        assert _file_format(out, db.data_key) == SQLCIPHER4_DEFAULT
        assert calls_in_file(out, db.data_key) == 12

        pages = old.stat().st_size // PAGE_SIZE
        with open(old, "r+b") as f:  # the medium under the old database rots
            f.seek((pages - 1) * PAGE_SIZE + 200)
            byte = f.read(1)[0]
            f.seek((pages - 1) * PAGE_SIZE + 200)
            f.write(bytes([byte ^ 0x01]))
        with pytest.raises(DatabaseDamaged):
            backup_engine(desk.engine, desk.data_key, tmp_path / "druga.db")
    finally:
        desk.close()


def test_sqlite_s_online_backup_keeps_the_source_s_format(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_call(db, "Jelena", summary="poziv")
    old = _legacy_copy(db, tmp_path / "stara.db")
    # As when the snapshot is not all in the file: SQLite's online backup makes the copy.
    monkeypatch.setattr(backup_module, "copy_snapshot", lambda *_a: None)
    desk = Database.open(old, user=USER, passphrase=PASSPHRASE)
    try:
        with desk.engine.connect() as c:
            assert page_format_of(c.connection.driver_connection) == SQLCIPHER4_DEFAULT
        out = backup_engine(desk.engine, desk.data_key, tmp_path / "kopija.db")
    finally:
        desk.close()
    assert _file_format(out, db.data_key) == SQLCIPHER4_DEFAULT
    assert calls_in_file(out, db.data_key) == 1
