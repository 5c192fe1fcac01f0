"""Encrypted backups (the bytes of one snapshot, or SQLite's online backup of it), every page's
HMAC checked; a fail-safe restore.

A backup is restored only when it is a complete SOS Desk database of the same identity: it opens
with this database's key, its schema is one this program knows (at or below head), it belongs to
the same desk, and `integrity_check` and `cipher_integrity_check` pass. The file it replaces is
kept aside until the restored copy has been opened and verified, and put back otherwise.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine

from sosdesk.files import TEMP_SUFFIX, FileProblem, check_regular_file, fsync_folder, open_bounded
from sosdesk.store import migrate
from sosdesk.store.engine import open_raw, page_format_of
from sosdesk.store.errors import (
    DatabaseDamaged,
    NotADatabase,
    StorageFull,
    StoreError,
    named,
)
from sosdesk.store.page_checks import FULL, HMAC, side_by_side
from sosdesk.store.page_hmac import CopiedPages
from sosdesk.store.raw import pooled_connection
from sosdesk.store.snapshot_copy import copy_snapshot

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileIdentity:
    """What a verified database file is: its schema revision and its desk."""

    revision: str
    device_id: str
    desk_code: str
    tables: int


def inspect_file(
    path: Path, key: bytes, *, readonly: bool = True, check: str | None = FULL
) -> FileIdentity:
    """Open `path` with `key` (read-only by default), check it and say what it is.

    `check`: FULL (every page's HMAC and the whole structure) for a file from elsewhere;
    HMAC for a copy just made, page for page, of a database or a file checked whole (a
    backup, a restore): its structure is its source's, and what the copy can have got wrong
    are its bytes, which every page's HMAC proves, content and place; None when the copy's
    pages were checked as it was written (page_hmac.py).
    """
    conn = open_raw(path, key, readonly=readonly)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = migrate.known_revision(None if row is None else str(row[0]), path)
        if check is not None:
            structure = None if check == HMAC else check
            damaged, found = side_by_side(path, key, structure, readonly=readonly)
            if damaged or found != [("ok",)]:
                raise DatabaseDamaged("store.damaged", **named(path))
        idents = conn.execute("SELECT device_id, desk_code FROM device_identity").fetchall()
        if len(idents) != 1:
            raise NotADatabase("store.no_identity", **named(path))
        tables = int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])
        return FileIdentity(revision, str(idents[0][0]), str(idents[0][1]), tables)
    except sqlcipher3.dbapi2.DatabaseError:
        raise DatabaseDamaged("store.damaged", **named(path)) from None
    finally:
        conn.close()


def verify_file(path: Path, key: bytes) -> int:
    """Open a database file with `key` and check it; returns its table count or raises."""
    return inspect_file(path, key).tables


def _temp_beside(target: Path) -> tuple[Path, int]:
    """A new private temp file in `target`'s folder (named so a later start cleans it up)."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o600)
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", target) from None
    except OSError as exc:
        raise _os_problem(exc, target) from None
    return tmp, fd


def _os_problem(exc: OSError, target: Path) -> StoreError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return StorageFull("store.disk_full", **named(target))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageFull("store.folder_not_writable", **named(target))
    return StorageFull("store.backup_failed", **named(target))


def _check_new_target(out: Path) -> None:
    try:
        str(out).encode("utf-8")
        os.lstat(out)
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", out) from None
    except FileNotFoundError:
        if not out.parent.is_dir():
            raise FileProblem("file.no_folder", out) from None
        return
    raise FileProblem("file.exists", out)


def backup_engine(engine: Engine, key: bytes, out: Path) -> Path:
    """Write an encrypted copy of the database to a new file `out` (temp file, verify, rename)."""
    out = Path(os.path.abspath(out))
    _check_new_target(out)
    tmp, fd = _temp_beside(out)
    try:
        try:
            checked = _export(engine, key, tmp, fd, out)
        finally:
            os.close(fd)
        inspect_file(tmp, key, check=None if checked else HMAC)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        _check_new_target(out)
        os.replace(tmp, out)
    except OSError as exc:
        raise _os_problem(exc, out) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_folder(out.parent)
    return out


def _export(engine: Engine, key: bytes, tmp: Path, fd: int, out: Path) -> bool:
    """Write the copy; True when every page of it was checked as it was written."""
    raw, conn = pooled_connection(engine)
    try:
        try:
            # The snapshot's file bytes when it is all in the file (snapshot_copy.py), each
            # range's pages checked as soon as written; otherwise SQLite's online backup,
            # which re-encrypts every page into a file keyed alike.
            pages = CopiedPages(key)
            damaged = copy_snapshot(conn, fd, pages)
            if damaged:
                raise DatabaseDamaged("store.damaged", **named(out))
            if damaged is not None:
                return pages.checked
            # The online backup copies pages as they are: the copy keeps the source's format.
            target = open_raw(tmp, key, create=True, page_format=page_format_of(conn))
            try:
                # The copy is a temp file, checked and renamed only when whole: it needs no
                # journal, and in WAL mode every page would be written twice (log, checkpoint).
                target.execute("PRAGMA journal_mode = OFF")
                conn.backup(target)
            finally:
                target.close()
            return False
        except sqlcipher3.dbapi2.DatabaseError as exc:
            low = str(exc).lower()
            if "full" in low:
                raise StorageFull("store.disk_full", **named(out)) from None
            if "readonly" in low or "read-only" in low:
                raise StorageFull("store.folder_not_writable", **named(out)) from None
            raise StorageFull("store.backup_failed", **named(out)) from None
    finally:
        raw.close()


def _copy_bounded(source: Path, size: int, target: Path) -> Path:
    tmp, fd = _temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as dst, open_bounded(source, size) as src:
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _os_problem(exc, target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _sidecars(db_path: Path) -> list[Path]:
    return [db_path, *(db_path.with_name(db_path.name + s) for s in ("-wal", "-shm"))]


def restore_file(
    db_path: Path,
    source: Path,
    key: bytes,
    *,
    desk_code: str,
    device_id: str | None,
    check: Callable[[], None],
) -> None:
    """Replace the (closed or lost) database with a verified backup of the same desk.

    `check` opens the restored database as the user will; if it fails, the old files return.
    """
    size = check_regular_file(source)
    try:
        found = inspect_file(source, key)
    except NotADatabase as exc:
        code = "store.backup_newer" if exc.code == "store.newer_schema" else "store.backup_not_ours"
        raise NotADatabase(code, **named(source)) from None
    if found.desk_code != desk_code or (device_id is not None and found.device_id != device_id):
        raise NotADatabase(
            "store.backup_other_desk", found=found.desk_code, expected=desk_code, **named(source)
        )
    tmp = _copy_bounded(source, size, db_path)
    try:
        inspect_file(tmp, key, check=HMAC)  # the bytes of a file checked whole just above
    except StoreError:
        tmp.unlink(missing_ok=True)
        raise NotADatabase("store.backup_not_ours", **named(source)) from None
    token = secrets.token_hex(4)
    aside: list[tuple[Path, Path]] = []
    try:
        for p in _sidecars(db_path):
            if os.path.lexists(p):
                kept = p.with_name(f".{p.name}.{token}.replaced")
                os.replace(p, kept)
                aside.append((p, kept))
        os.replace(tmp, db_path)
        fsync_folder(db_path.parent)
        check()
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        for p in _sidecars(db_path):
            if not any(p == orig for orig, _ in aside):
                with contextlib.suppress(OSError):
                    p.unlink()
        for orig, kept in aside:
            os.replace(kept, orig)
        fsync_folder(db_path.parent)
        if isinstance(exc, OSError):
            raise _os_problem(exc, db_path) from None
        if isinstance(exc, Exception):
            raise StorageFull("store.restore_failed") from exc
        raise
    for _orig, kept in aside:
        with contextlib.suppress(OSError):
            kept.unlink()
