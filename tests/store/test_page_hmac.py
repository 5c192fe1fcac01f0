"""A backup's pages are checked as they are written: the check finds exactly the pages
SQLCipher's own `cipher_integrity_check` finds, a damaged database is never backed up as
sound, and a file whose format the check does not know gets SQLCipher's check instead."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from sosdesk.store import backup as backup_module
from sosdesk.store import direct_read, page_checks, page_hmac, snapshot_copy
from sosdesk.store.backup import backup_engine
from sosdesk.store.database import Database
from sosdesk.store.errors import DatabaseDamaged
from sosdesk.store.page_checks import HMAC, run_check
from sosdesk.store.page_hmac import LOCK_PAGE, PAGE_SIZE, PageHmacs
from tests.factory import calls_in_file, take_call


def _with_calls(db: Database, n: int = 12) -> None:
    for i in range(n):
        take_call(db, "Jelena", summary=f"poziv broj {i} " + "opis " * 40)
    with db.engine.connect() as c:  # everything into the file, as a backup copies it
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _flip(path: Path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([byte ^ 0x01]))


def _sqlcipher_finds(path: Path, key: bytes) -> list[int]:
    rows = run_check(path, key, HMAC, readonly=True)
    return sorted(int(m.group(1)) for r in rows if (m := re.search(r"page (\d+)", str(r[0]))))


def test_the_check_finds_the_pages_sqlcipher_finds(db: Database, tmp_path: Path) -> None:
    _with_calls(db)
    still = tmp_path / "mirna.db"
    shutil.copyfile(db.path, still)
    key = db.data_key
    data = still.read_bytes()
    pages = len(data) // PAGE_SIZE
    assert pages >= 8
    assert PageHmacs(key, data[:PAGE_SIZE]).known
    assert PageHmacs(key, data[:PAGE_SIZE]).damaged(data, 1) == [] == _sqlcipher_finds(still, key)
    # A byte of content, of the IV and of the tag itself.
    for page, within in ((3, 100), (5, PAGE_SIZE - 70), (pages, PAGE_SIZE - 1)):
        _flip(still, (page - 1) * PAGE_SIZE + within)
    data = still.read_bytes()
    found = PageHmacs(key, data[:PAGE_SIZE]).damaged(data, 1)
    assert found == [3, 5, pages] == _sqlcipher_finds(still, key)
    # A range on its own, numbered from where it starts: the number is part of the HMAC.
    assert PageHmacs(key, data[:PAGE_SIZE]).damaged(data[4 * PAGE_SIZE : 8 * PAGE_SIZE], 5) == [5]
    assert PageHmacs(key, data[:PAGE_SIZE]).damaged(data[5 * PAGE_SIZE : 6 * PAGE_SIZE], 5) == [5]


def test_the_page_of_sqlite_s_lock_bytes_is_not_checked(db: Database) -> None:
    # A file past 1 GiB has a page SQLite never writes (the lock bytes); like SQLCipher's own
    # check, this one skips it, and only it.
    pages = PageHmacs(db.data_key, db.path.read_bytes()[:PAGE_SIZE])
    blank = bytes(2 * PAGE_SIZE)
    assert LOCK_PAGE == 262_145
    assert pages.damaged(blank, LOCK_PAGE - 1) == [LOCK_PAGE - 1]
    assert pages.damaged(blank, LOCK_PAGE) == [LOCK_PAGE + 1]


def test_a_first_page_that_does_not_authenticate_is_not_known(db: Database, tmp_path: Path) -> None:
    _with_calls(db, 2)
    first = db.path.read_bytes()[:PAGE_SIZE]
    assert not PageHmacs(bytes(32), first).known  # another key
    changed = bytearray(first)
    changed[40] ^= 0x01
    assert not PageHmacs(db.data_key, bytes(changed)).known


def test_a_backup_checks_its_pages_as_it_writes_them(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_calls(db)
    monkeypatch.setattr(snapshot_copy, "_CHUNK", 3 * PAGE_SIZE)  # many ranges, the last short

    def no_second_check(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("the copy's pages were checked as it was written")

    monkeypatch.setattr(backup_module, "side_by_side", no_second_check)
    folder = tmp_path / "kopije"
    folder.mkdir()
    out = backup_engine(db.engine, db.data_key, folder / "kopija.db")
    assert calls_in_file(out, db.data_key) == 12
    assert _sqlcipher_finds(out, db.data_key) == []

    last = db.path.stat().st_size // PAGE_SIZE
    _flip(db.path, (last - 1) * PAGE_SIZE + 200)  # the medium under the live database rots
    with pytest.raises(DatabaseDamaged) as refused:
        backup_engine(db.engine, db.data_key, folder / "druga.db")
    assert refused.value.code == "store.damaged"
    assert sorted(p.name for p in folder.iterdir()) == ["kopija.db"]  # no copy, no temp file


def test_a_format_the_check_does_not_know_gets_sqlcipher_s_own_check(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_calls(db)
    monkeypatch.setattr(page_hmac, "_HMAC_ROUNDS", 3)  # as if SQLCipher changed its format
    checked: list[str | None] = []
    real = page_checks.side_by_side

    def counted(path: Path, key: bytes | None, structure: str | None, **kw: Any) -> Any:
        checked.append(structure)
        return real(path, key, structure, **kw)

    monkeypatch.setattr(backup_module, "side_by_side", counted)
    out = backup_engine(db.engine, db.data_key, tmp_path / "kopija.db")
    assert checked == [None] and calls_in_file(out, db.data_key) == 12  # the HMAC check alone

    with db.engine.connect() as c:
        pages = int(c.execute(text("PRAGMA page_count")).scalar_one())
    _flip(db.path, (pages - 1) * PAGE_SIZE + 200)
    with pytest.raises(DatabaseDamaged):
        backup_engine(db.engine, db.data_key, tmp_path / "druga.db")
    assert checked == [None, None]


def test_a_file_is_read_whole_in_ranges_past_the_cache_or_through_it(tmp_path: Path) -> None:
    # The last range is short and not a multiple of a block: direct reads must still end it.
    data = bytes(range(256)) * (3 * PAGE_SIZE // 256) + b"konac"
    path = tmp_path / "stranice.bin"
    path.write_bytes(data)
    for uncached in (True, False):
        ranges = [bytes(r) for r in direct_read.chunks(path, PAGE_SIZE, uncached=uncached)]
        assert [len(r) for r in ranges] == [PAGE_SIZE] * 3 + [5]
        assert b"".join(ranges) == data
    (tmp_path / "prazno.bin").write_bytes(b"")
    assert list(direct_read.chunks(tmp_path / "prazno.bin")) == []
    with pytest.raises(ValueError):
        next(direct_read.chunks(path, 1000))


def test_a_large_file_s_pages_are_checked_in_a_process_of_its_own(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_calls(db)
    still = tmp_path / "velika.db"
    shutil.copyfile(db.path, still)
    pages = still.stat().st_size // PAGE_SIZE
    for page, within in ((2, 300), (pages, PAGE_SIZE - 1)):
        _flip(still, (page - 1) * PAGE_SIZE + within)

    def not_here(*_args: Any) -> list[int]:
        raise AssertionError("the pages were checked in this process")

    # Every file counts as large, as the packaging smoke test asks.
    monkeypatch.setenv(page_checks.ENV_OWN_PROCESS_FROM, "0")
    monkeypatch.setattr(PageHmacs, "damaged", not_here)  # the other process imports its own
    rows = page_checks.hmac_rows(still, db.data_key, readonly=True)
    found = [int(m.group(1)) for r in rows if (m := re.search(r"page (\d+)", str(r[0])))]
    assert found == [2, pages] == _sqlcipher_finds(still, db.data_key)
    assert page_checks.soundness(still, db.data_key) == [
        "encryption integrity check found 2 damaged pages"
    ]
    monkeypatch.delenv(page_checks.ENV_OWN_PROCESS_FROM)  # a small file: checked here
    assert still.stat().st_size < page_checks.OWN_PROCESS_FROM
    with pytest.raises(AssertionError, match="in this process"):
        page_checks.hmac_rows(still, db.data_key, readonly=True)
