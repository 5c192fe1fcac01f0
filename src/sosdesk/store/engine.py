"""SQLCipher (or, for benchmarks, plain SQLite) engines with the pragmas of DESIGN.md §4."""

from __future__ import annotations

import contextlib
import shutil
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import QueuePool

from sosdesk.files.errors import FileProblem, from_os_error
from sosdesk.store.cipher_format import CURRENT, KNOWN, PageFormat, by_hmac
from sosdesk.store.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseMissing,
    NotADatabase,
    StorageFull,
    StoreError,
    named,
)
from sosdesk.store.json_text import dump_json

WRITE_OPTION = "sosdesk_write"
_BUSY_TIMEOUT_MS = 5000
_VERSION_TABLE = "alembic_version"
# Below this much free space an I/O error while opening is a full disk, not damage.
_FULL_BELOW = 1 << 20
_SHM_BLOCK = 32 * 1024


# Page cache per connection (KiB): decrypting a page again is what makes an encrypted read
# slower than a plain one, so hot readers keep more pages than SQLite's 2 MB default; checks
# of a whole file (verify, backup) read every page once and get a larger one.
CACHE_KIB = 32 * 1024
# Statistics compare two periods of calls, events and their facts. A year at a million calls
# reads about 96 MB of pages (with the year before, 136 MB): with less cache than that the
# encrypted store decrypts the same pages again for every table (year: 1.57 s in CPU with
# 64 MiB, 1.1-1.26 s with 128 MiB; plain 1.34 s). 128 MiB keeps the desk with a year compared
# on screen at 282 MB (budget 300), and bounds it at any size. Only the statistics reader's
# connection grows to it (`sosdesk.stats.rawsql.stats_session`), and only as far as pages are read.
STATS_CACHE_KIB = 128 * 1024
MAINTENANCE_CACHE_KIB = 128 * 1024


def _as_is(value: Any) -> Any:
    return value


# sqlcipher3 binds a value that is not int, float or str through its adaptation protocol:
# two failed attribute lookups, each raising and discarding an AttributeError, about 3 µs
# per None. An identity adapter is found in its registry instead: 100,000 rows of 16 empty
# columns bind in 0.4 s instead of 4.7 s. Registering these types leaves the fast path of
# int, float and str as it is (only adapting those turns it off).
for _kind in (type(None), bytes):
    sqlcipher3.dbapi2.register_adapter(_kind, _as_is)


def _apply_pragmas(conn: Any, encrypted: bool) -> None:
    if encrypted:
        # OFF (SQLCipher's own default since 4.5): the decrypted rows also live in Python and
        # Qt objects nobody wipes, so wiping SQLCipher's buffers protects little and costs an
        # mlock/munlock pair per allocation. Core dumps are refused instead (hardening.py).
        conn.execute("PRAGMA cipher_memory_security = OFF")
    for pragma in (
        f"cache_size = -{CACHE_KIB}",
        "temp_store = MEMORY",
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "secure_delete = ON",
        f"busy_timeout = {_BUSY_TIMEOUT_MS}",
    ):
        conn.execute(f"PRAGMA {pragma}")


def _disk_is_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _FULL_BELOW
    except OSError:
        return False


def classify(message: str, path: Path, *, opening: bool = False) -> StoreError:
    """The coded store error for an SQLite/SQLCipher error message about `path`."""
    low = message.lower()
    if "locked" in low or "busy" in low:
        return DatabaseBusy(**named(path))
    if "full" in low or (("disk i/o" in low or "unable to open" in low) and _disk_is_full(path)):
        return StorageFull("store.disk_full", **named(path))
    if "readonly" in low or "read-only" in low:
        return StorageFull("store.folder_not_writable", **named(path))
    if opening:
        return NotADatabase("store.not_ours", **named(path))
    return DatabaseDamaged("store.damaged", **named(path))


def check_database_file(path: Path) -> None:
    """An existing ordinary, non-empty file: anything else is refused before SQLite sees it."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DatabaseMissing("store.missing", **named(path)) from None
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", path) from None
    except OSError as exc:
        raise from_os_error(exc, path) from None
    if not stat.S_ISREG(st.st_mode):
        raise NotADatabase("store.not_a_file", **named(path))
    if st.st_size == 0:
        # SQLite would happily turn an empty file into a new database on the first write.
        raise NotADatabase("store.empty_file", **named(path))


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def open_raw(
    path: Path,
    key: bytes | None,
    *,
    create: bool = False,
    readonly: bool = False,
    page_format: PageFormat | None = None,
) -> Any:
    """A DBAPI connection with the key applied first, pragmas set and a test read done.

    Without `create`, the file must already be an SOS Desk database (it has the migrations'
    version table) before a single pragma that writes is run; `readonly` never writes at all.
    An encrypted file is opened in `page_format`, or else in the first known format its first
    page authenticates under (cipher_format.py); a new one is written in the current format.
    """
    if not create:
        check_database_file(path)
    elif path.is_symlink():
        raise NotADatabase("store.symlink", **named(path))
    # `immutable`: a file only being checked gets no -wal/-shm beside it and no lock.
    mode = "rwc" if create else ("ro&immutable=1" if readonly else "rw")
    try:
        uri = f"file:{quote(str(path))}?mode={mode}"
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", path) from None
    if key is None:
        formats: tuple[PageFormat | None, ...] = (None,)
    elif page_format is not None or create:
        formats = (page_format or CURRENT,)
    else:
        formats = KNOWN
    for fmt in formats[:-1]:
        try:
            return _open_in(uri, path, key, fmt, create=create, readonly=readonly)
        except NotADatabase as exc:
            if exc.code != "store.not_ours":
                raise
    return _open_in(uri, path, key, formats[-1], create=create, readonly=readonly)


def _open_in(
    uri: str, path: Path, key: bytes | None, fmt: PageFormat | None, *, create: bool, readonly: bool
) -> Any:
    """`open_raw` in one page format (None: plain SQLite)."""
    fresh = [p for p in _sidecars(path) if not p.exists()]
    # Plain databases (benchmarks) use the same SQLCipher build without a key: same SQLite
    # version and features, only the encryption differs.
    module: Any = sqlcipher3.dbapi2
    try:
        conn = module.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    except module.DatabaseError as exc:
        raise classify(str(exc), path, opening=True) from None
    try:
        if key is not None and fmt is not None:
            if len(key) != 32:
                raise NotADatabase("store.not_ours", **named(path))
            # Before the key: a wrong key must not print "hmac check failed" noise.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            conn.execute(f"PRAGMA cipher_hmac_algorithm = {fmt.hmac}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if key is not None:
            version = conn.execute("PRAGMA cipher_version").fetchone()
            if not version or not str(version[0]).startswith("4"):
                raise NotADatabase("store.sqlcipher_version")
        if not create:
            ours = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                (_VERSION_TABLE,),
            ).fetchone()[0]
            if not ours:
                raise NotADatabase("store.not_ours", **named(path))
        if readonly:
            if key is not None:
                conn.execute("PRAGMA cipher_memory_security = OFF")
            conn.execute(f"PRAGMA cache_size = -{MAINTENANCE_CACHE_KIB}")
            conn.execute("PRAGMA query_only = ON")
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        else:
            _apply_pragmas(conn, key is not None)
    except module.DatabaseError as exc:
        _close_failed(conn, fresh)
        raise classify(str(exc), path, opening=True) from None
    except BaseException:
        _close_failed(conn, fresh)
        raise
    return conn


def page_format_of(conn: Any) -> PageFormat | None:
    """The page format an open connection reads and writes (None: plain SQLite)."""
    row = conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()
    return by_hmac(str(row[0])) if row and row[0] else None


def _close_failed(conn: Any, fresh: list[Path]) -> None:
    """Close a connection that failed to open; remove the empty side files it made."""
    with contextlib.suppress(Exception):
        conn.close()
    for p in fresh:
        with contextlib.suppress(OSError):
            # An empty WAL holds nothing; a shared-memory index shorter than one 32 KiB block
            # was cut short by the failure (a full disk) and is of use to nobody.
            size = p.stat().st_size
            if size == 0 or (p.name.endswith("-shm") and size < _SHM_BLOCK):
                p.unlink()


def make_engine(path: Path, key: bytes | None, *, create: bool = False) -> Engine:
    """An engine whose every connection is keyed; `key=None` gives plain SQLite (benchmarks)."""
    first = open_raw(path, key, create=create)  # fail here, before anything is pooled
    pending = [first]
    fmt = page_format_of(first) if key is not None else None  # the others need not look for it

    def creator() -> Any:
        return pending.pop() if pending else open_raw(path, key, create=create, page_format=fmt)

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
        # Text as written, not \uXXXX escapes: a Cyrillic letter takes 2 bytes instead of 6
        # in every JSON column and outbox row, so in every page encrypted and batch sent.
        json_serializer=dump_json,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front, so a transaction never fails half-way on a busy file.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
