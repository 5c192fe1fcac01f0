"""A read done once gives its pages back: retention's daily count at unlock walked tens of MB
of index pages, which then sat in a pooled connection's cache for the rest of the night."""

from __future__ import annotations

import ctypes
from datetime import UTC, datetime, timedelta

import pytest
import sqlcipher3._sqlite3 as driver  # type: ignore[import-not-found]
from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.services import retention
from sosdesk.services.calls import CallInput, save_call
from sosdesk.store.database import Database
from sosdesk.store.memory import release_pages

_lib = ctypes.CDLL(driver.__file__)
_lib.sqlite3_memory_used.restype = ctypes.c_int64


def sqlite_heap() -> int:
    """Bytes SQLite holds in this process (every connection's page cache included)."""
    return int(_lib.sqlite3_memory_used())


def test_release_pages_empties_the_connections_cache(db: Database) -> None:
    with db.transaction() as tx:
        tx.session.execute(text("CREATE TABLE bulk (x TEXT)"))
        tx.session.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) "
                "INSERT INTO bulk SELECT hex(randomblob(500)) FROM n"
            )
        )
    with db.session() as s:
        release_pages(s)  # the insert may have left the table's pages in this connection
        before = sqlite_heap()
        s.execute(text("SELECT count(*) FROM bulk WHERE x LIKE '%zz%'")).scalar_one()
        read = sqlite_heap()
        release_pages(s)
        after = sqlite_heap()
    assert read - before > 3_000_000  # about 4 MB of pages came into the cache
    assert read - after > 3_000_000  # and went out again


def test_the_daily_retention_count_keeps_no_pages(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = datetime.now(UTC) - timedelta(days=800)
    for _ in range(3):
        save_call(db, CallInput(categories=["victim_support"], started_at=old, summary="x" * 900))
    seen: list[Session] = []

    def spy(session: Session) -> None:
        seen.append(session)
        release_pages(session)

    monkeypatch.setattr(retention, "release_pages", spy)
    assert retention.due(db).calls == 3
    assert len(seen) == 1
