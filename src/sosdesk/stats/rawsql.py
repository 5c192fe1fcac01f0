"""Hot statistics queries run on the session's own DB-API connection (same transaction),
skipping SQLAlchemy's row objects: tens of thousands of rows, a few columns each."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy.orm import Session

from sosdesk.store.database import Database
from sosdesk.store.engine import STATS_CACHE_KIB
from sosdesk.store.raw import driver_connection


@contextmanager
def stats_session(db: Database) -> Iterator[Session]:
    """A read session whose connection keeps a page cache sized for statistics."""
    with db.session() as s:
        driver_connection(s).execute(f"PRAGMA cache_size = -{STATS_CACHE_KIB}")
        yield s


def rows(
    session: Session, sql: str, params: Mapping[str, Any] | None = None
) -> Iterator[tuple[Any, ...]]:
    """Execute `sql` (named :params) and iterate plain tuples."""
    cursor = driver_connection(session).cursor()
    try:
        cursor.execute(sql, dict(params or {}))
        yield from cast(Iterator[tuple[Any, ...]], cursor)
    finally:
        cursor.close()
