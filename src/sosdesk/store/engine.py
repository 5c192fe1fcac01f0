"""SQLCipher (or, for benchmarks, plain SQLite) engines with the pragmas of DESIGN.md §4."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

from sosdesk.store.errors import DatabaseBusy, DatabaseMissing, NotADatabase

WRITE_OPTION = "sosdesk_write"
_BUSY_TIMEOUT_MS = 5000


def _apply_pragmas(conn: Any, encrypted: bool) -> None:
    if encrypted:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA cipher_memory_security = ON")
    for pragma in (
        "temp_store = MEMORY",
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "secure_delete = ON",
        f"busy_timeout = {_BUSY_TIMEOUT_MS}",
    ):
        conn.execute(f"PRAGMA {pragma}")


def open_raw(path: Path, key: bytes | None, *, create: bool = False) -> Any:
    """A DBAPI connection with the key applied first, pragmas set and a test read done."""
    if not create and not path.exists():
        raise DatabaseMissing(
            f"No database at {path}. Check --db, or create one with `sosdesk init`."
        )
    mode = "rwc" if create else "rw"
    uri = f"file:{path}?mode={mode}"
    # Plain databases (benchmarks) use the same SQLCipher build without a key: same SQLite
    # version and features, only the encryption differs.
    module: Any = sqlcipher3.dbapi2
    try:
        conn = module.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except module.OperationalError as exc:
        raise NotADatabase(f"cannot open the database file: {exc}") from None
    try:
        if key is not None:
            if len(key) != 32:
                raise NotADatabase("the data key must be 32 bytes")
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if key is not None:
            version = conn.execute("PRAGMA cipher_version").fetchone()
            if not version or not str(version[0]).startswith("4"):
                raise NotADatabase("SQLCipher 4 is required to open this database")
        _apply_pragmas(conn, key is not None)
    except module.DatabaseError as exc:
        conn.close()
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            raise DatabaseBusy(
                "The database is in use by another program; close it and retry."
            ) from None
        raise NotADatabase(
            "This file is not an SOS Desk database, or the key file beside it belongs to "
            "another database."
        ) from None
    return conn


def make_engine(path: Path, key: bytes | None, *, create: bool = False) -> Engine:
    """An engine whose every connection is keyed; `key=None` gives plain SQLite (benchmarks)."""
    first = open_raw(path, key, create=create)  # fail here, before anything is pooled
    pending = [first]

    def creator() -> Any:
        return pending.pop() if pending else open_raw(path, key)

    # The URL names no file (the creator opens it), so SQLAlchemy would assume an in-memory
    # database and pick SingletonThreadPool, which closes connections under other threads.
    engine = create_engine(
        "sqlite://",
        creator=creator,
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        pool_pre_ping=False,
        pool_use_lifo=True,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front, so a transaction never fails half-way on a busy file.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
