"""Encrypted backups with `sqlcipher_export`, verified after writing; verified restore."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from sqlalchemy import Engine

from sosdesk.store.engine import open_raw
from sosdesk.store.errors import NotADatabase, StorageFull


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def verify_file(path: Path, key: bytes) -> int:
    """Open a database file with `key` and check it; returns its table count or raises."""
    conn = open_raw(path, key)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall()
        if ok != [("ok",)]:
            raise NotADatabase(f"{path.name} failed its integrity check")
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise NotADatabase(f"{path.name} failed its encryption integrity check")
        return int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
    finally:
        conn.close()


def backup_engine(engine: Engine, key: bytes, out: Path) -> Path:
    """Write an encrypted copy of the database to `out` (temp file, verify, rename)."""
    out = out.resolve()
    if out.exists():
        raise StorageFull(f"{out.name} already exists; choose another name.")
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            conn.execute(f"ATTACH DATABASE {_quote(tmp)} AS backup KEY \"x'{key.hex()}'\"")
            try:
                conn.execute("SELECT sqlcipher_export('backup')")
                # user_version carries nothing today, but a copy must be a copy.
                uv = conn.execute("PRAGMA main.user_version").fetchone()[0]
                conn.execute(f"PRAGMA backup.user_version = {int(uv)}")
            finally:
                conn.execute("DETACH DATABASE backup")
        except Exception as exc:
            tmp.unlink(missing_ok=True)
            raise StorageFull(
                f"The backup could not be written ({exc}). Free disk space or choose another "
                "folder; the database itself is unchanged."
            ) from None
    finally:
        raw.close()
    try:
        verify_file(tmp, key)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def restore_file(db_path: Path, source: Path, key: bytes) -> None:
    """Replace the (closed) database with a verified backup encrypted with the same key."""
    if not source.exists():
        raise NotADatabase(f"No backup at {source}.")
    try:
        verify_file(source, key)
    except NotADatabase:
        raise NotADatabase(
            f"{source.name} does not open with this database's key: it is not a backup of this "
            "database, or it is damaged. Nothing was changed."
        ) from None
    tmp = db_path.with_name(f".{db_path.name}.{secrets.token_hex(4)}.restore")
    try:
        with open(source, "rb") as src, open(tmp, "xb") as dst:
            os.chmod(tmp, 0o600)
            while chunk := src.read(1 << 20):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
        for suffix in ("-wal", "-shm"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageFull(f"Restore failed ({exc.strerror}); the database is unchanged.") from None
    verify_file(db_path, key)
