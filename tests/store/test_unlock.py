"""Unlocking, key slots and every way opening can go wrong: clear errors, nothing changed."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from sosdesk.services.clients import create_client
from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.store.errors import (
    DatabaseExists,
    DatabaseMissing,
    KeyFileError,
    NotADatabase,
    StorageFull,
    UnknownUser,
    WeakPassphrase,
    WrongPassphrase,
)
from sosdesk.store.keyfile import KeyFile, keyfile_path
from tests.conftest import PASSPHRASE, USER


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_wrong_passphrase_is_refused_and_changes_nothing(db: Database) -> None:
    create_client(db, {"given_name": "Jelena"})
    db.close()
    before = _fingerprint(db.path.parent)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase"):
        Database.open(db.path, user=USER, passphrase="pogrešna-lozinka")
    with pytest.raises(UnknownUser):
        Database.open(db.path, user="niko", passphrase=PASSPHRASE)
    assert _fingerprint(db.path.parent) == before


def test_missing_database_is_never_created(tmp_path: Path) -> None:
    path = tmp_path / "nema.db"
    with pytest.raises(DatabaseMissing):
        Database.open(path, user=USER, passphrase=PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_missing_or_damaged_key_file(db: Database) -> None:
    db.close()
    kpath = keyfile_path(db.path)
    good = kpath.read_bytes()
    kpath.write_bytes(b"{not json")
    with pytest.raises(KeyFileError, match="damaged"):
        Database.open(db.path, user=USER, passphrase=PASSPHRASE)
    doc = json.loads(good)
    doc["slots"][0]["kdf"]["memory_kib"] = 1 << 40  # a hostile file asking for a terabyte
    kpath.write_text(json.dumps(doc))
    with pytest.raises(KeyFileError, match="out of range"):
        Database.open(db.path, user=USER, passphrase=PASSPHRASE)
    kpath.unlink()
    with pytest.raises(KeyFileError, match="missing"):
        Database.open(db.path, user=USER, passphrase=PASSPHRASE)
    kpath.write_bytes(good)
    Database.open(db.path, user=USER, passphrase=PASSPHRASE).close()


def test_key_slots_derive_with_the_lanes_stored_with_them(tmp_path: Path) -> None:
    """New slots fill two Argon2id lanes (two cores, half the wait); the lanes are part of the
    derivation, so a slot opens only with the parameters it was written with."""
    assert kdf.KdfParams().parallelism == 2  # (tests swap DEFAULT_KDF for a fast one)
    path = tmp_path / "desk.db"
    two_lanes = kdf.KdfParams(time_cost=2, memory_kib=8 * 1024, parallelism=2)
    db, _ = Database.create(path, user=USER, passphrase=PASSPHRASE, desk="BG1", kdf=two_lanes)
    db.close()
    kpath = keyfile_path(path)
    doc = json.loads(kpath.read_bytes())
    assert doc["slots"][0]["kdf"]["parallelism"] == 2
    Database.open(path, user=USER, passphrase=PASSPHRASE).close()
    doc["slots"][0]["kdf"]["parallelism"] = 1
    kpath.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        Database.open(path, user=USER, passphrase=PASSPHRASE)


def test_foreign_database_and_foreign_key_file(db: Database, tmp_path: Path) -> None:
    db.close()
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.commit()
    keyfile_path(plain).write_bytes(keyfile_path(db.path).read_bytes())
    before = plain.read_bytes()
    with pytest.raises(NotADatabase, match="not an SOS Desk database"):
        Database.open(plain, user=USER, passphrase=PASSPHRASE)
    assert plain.read_bytes() == before


def test_weak_passphrase_existing_database_and_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(WeakPassphrase, match="at least 10"):
        Database.create(tmp_path / "a.db", user=USER, passphrase="kratka", desk="BG1")
    assert not (tmp_path / "a.db").exists()
    db, _ = Database.create(tmp_path / "b.db", user=USER, passphrase=PASSPHRASE, desk="BG1")
    db.close()
    with pytest.raises(DatabaseExists):
        Database.create(tmp_path / "b.db", user=USER, passphrase=PASSPHRASE, desk="BG1")
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(StorageFull, match="cannot be created"):
        Database.create(blocker / "c.db", user=USER, passphrase=PASSPHRASE, desk="BG1")


def test_change_passphrase_add_and_remove_users_and_recovery(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    db, recovery = Database.create(path, user=USER, passphrase=PASSPHRASE, desk="BG1")
    db.add_user("marko", "Marko Ilić", "operator", "markova-lozinka-1")
    db.set_passphrase(USER, "nova-lozinka-za-anu")
    db.close()
    with pytest.raises(WrongPassphrase):
        Database.open(path, user=USER, passphrase=PASSPHRASE)
    Database.open(path, user=USER, passphrase="nova-lozinka-za-anu").close()
    marko = Database.open(path, user="marko", passphrase="markova-lozinka-1")
    assert marko.actor.role == "operator"
    marko.close()
    with pytest.raises(WrongPassphrase):
        Database.open_with_recovery(path, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", USER)
    rescued = Database.open_with_recovery(path, recovery.lower().replace("-", " "), USER)
    rescued.remove_user("marko")
    with pytest.raises(KeyFileError, match="last user"):
        rescued.remove_user(USER)
    rescued.close()
    with pytest.raises(UnknownUser):
        Database.open(path, user="marko", passphrase="markova-lozinka-1")
    assert KeyFile.load(keyfile_path(path)).users() == [USER]
