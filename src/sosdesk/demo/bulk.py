"""Writing demo rows in bulk: chunked IMMEDIATE transactions on the raw keyed connection.

Demo rows go straight into the tables (and the search index) without the per-row outbox:
they are local sample data, never to be synced.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sosdesk.store.database import Database
from sosdesk.store.raw import pooled_connection

CHUNK = 20_000


def iso(ts: float) -> str:
    """POSIX seconds as the stored UTC timestamp text."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)) + ".000000Z"


def js(v: Any) -> str:
    """A JSON column value (UTF-8 kept readable)."""
    return json.dumps(v, ensure_ascii=False)


def insert_rows(conn: Any, table: str, cols: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Insert many rows of `cols` into `table`."""
    marks = ", ".join("?" for _ in cols)
    conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)


class Bulk:
    """Raw keyed connection with chunked IMMEDIATE transactions (`with bulk as conn:`)."""

    def __init__(self, db: Database) -> None:
        self.raw, self.conn = pooled_connection(db.engine)

    def __enter__(self) -> Any:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")

    def close(self) -> None:
        """Give the connection back."""
        self.raw.close()
