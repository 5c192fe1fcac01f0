"""Backups copy the bytes of one snapshot: what another connection commits, or tries to
checkpoint into the file, while the copy runs is not in the copy, and the copy is a sound
database under the same key; when the log cannot be emptied, SQLite's online backup is used."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sosdesk.store import backup as backup_module
from sosdesk.store import snapshot_copy
from sosdesk.store.backup import backup_engine
from sosdesk.store.database import Database
from sosdesk.store.engine import open_raw
from sosdesk.store.errors import StorageFull
from tests.factory import calls_in_file, take_call


def _live_calls(db: Database) -> int:
    with db.engine.connect() as c:
        return int(c.execute(text("SELECT count(*) FROM calls")).scalar_one())


def test_commits_and_checkpoints_during_the_copy_stay_out_of_it(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_call(db, "Jelena", summary="prvi poziv")
    before = _live_calls(db)
    real_copy = snapshot_copy._copy_bytes
    copied: list[bool] = []

    def copy_after_a_commit(
        source: Path, fd: int, size: int, check: snapshot_copy.RangeCheck | None
    ) -> list[int]:
        take_call(db, "Marija", summary="drugi poziv")  # another pooled connection commits
        other = open_raw(db.path, db.data_key)
        other.execute("PRAGMA busy_timeout = 0")
        try:  # and tries to move the log into the file the copy is reading
            busy = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            other.close()
        assert busy == 1  # the copy's read lock held the checkpoint off
        copied.append(True)
        return real_copy(source, fd, size, check)

    monkeypatch.setattr(snapshot_copy, "_copy_bytes", copy_after_a_commit)
    out = backup_engine(db.engine, db.data_key, tmp_path / "kopija.db")
    assert copied == [True]  # the file bytes were copied, not SQLite's backup
    assert calls_in_file(out, db.data_key) == before  # the snapshot, without the later call
    assert _live_calls(db) == before + 1  # which the desk kept


def test_a_log_held_by_a_reader_is_not_copied_as_bytes(db: Database) -> None:
    take_call(db, "Jelena", summary="prvi poziv")
    reader = open_raw(db.path, db.data_key)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM calls").fetchone()  # holds the log's frames
    copier = open_raw(db.path, db.data_key)
    copier.execute("PRAGMA busy_timeout = 0")
    try:
        # An fd of -1: any attempt to copy would raise.
        assert snapshot_copy.copy_snapshot(copier, -1) is None
    finally:
        reader.execute("ROLLBACK")
        reader.close()
        copier.close()


def test_without_a_file_snapshot_the_online_backup_is_used(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    take_call(db, "Jelena", summary="prvi poziv")
    monkeypatch.setattr(backup_module, "copy_snapshot", lambda _conn, _fd, _check: None)
    out = backup_engine(db.engine, db.data_key, tmp_path / "kopija.db")
    assert calls_in_file(out, db.data_key) == _live_calls(db) > 0


def test_a_medium_that_fills_during_the_copy_gets_a_coded_message_and_no_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(12):
        take_call(db, "Jelena", summary=f"poziv broj {i} " + "opis " * 40)
    monkeypatch.setattr(snapshot_copy, "_CHUNK", 4096)  # the second range finds the medium full
    real_pwrite = os.pwrite
    writes: list[int] = []

    def full_after_one(fd: int, data: Any, offset: int) -> int:
        writes.append(offset)
        if offset > 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_pwrite(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", full_after_one)
    folder = tmp_path / "usb"
    folder.mkdir()
    with pytest.raises(StorageFull) as full:
        backup_engine(db.engine, db.data_key, folder / "kopija.db")
    assert full.value.code == "store.disk_full"
    assert writes[:2] == [0, 4096]  # the copy was under way, page by page
    assert list(folder.iterdir()) == []  # no copy and no temp file left behind
    assert _live_calls(db) == 12  # the desk's data untouched
