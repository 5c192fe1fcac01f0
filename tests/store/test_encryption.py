"""The database is really encrypted, and client data never reaches disk in plaintext."""

from __future__ import annotations

import stat
from pathlib import Path

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.store.backup import backup_engine
from sosdesk.store.database import Database
from sosdesk.store.keyfile import keyfile_path

CANARY = "Kanarinka Zzyzxović"


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_database_file_is_not_plain_sqlite(db: Database) -> None:
    create_client(db, {"given_name": "Milica"})
    db.checkpoint()
    assert not db.path.read_bytes().startswith(b"SQLite format 3")


def test_canary_absent_from_every_file_beside_the_database(
    db: Database, tmp_path: Path, capfd
) -> None:  # type: ignore[no-untyped-def]
    client = create_client(db, {"given_name": CANARY, "phones": ["064 555 1234"]})
    save_call(
        db,
        CallInput(
            categories=["victim_support"], client_id=client.id, summary=f"{CANARY} traži pomoć"
        ),
    )
    backup = backup_engine(db.engine, db.data_key, tmp_path / "backup.bak")
    files = _all_bytes(db.path.parent) | {"backup": backup.read_bytes()}
    assert any(name.endswith("-wal") for name in files), "WAL should hold the last writes"
    out, err = capfd.readouterr()
    files["captured output"] = (out + err).encode()
    needles = [CANARY.encode(), CANARY.encode("utf-16-le"), b"Zzyzx", b"645551234"]
    for name, data in files.items():
        for needle in needles:
            assert needle not in data, f"{needle!r} found in plaintext in {name}"


def test_files_are_private(db: Database) -> None:
    create_client(db, {"given_name": "Ana"})
    for p in (db.path, keyfile_path(db.path)):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    assert stat.S_IMODE(db.path.parent.stat().st_mode) == 0o700
