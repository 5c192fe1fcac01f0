"""Keeps the search index compact, a short step at a time, while the desk is quiet.

Every transaction that indexes a record adds a small segment to an FTS5 table; FTS5 merges
them four at a time, so a busy desk's table holds ten or more segments of every size. A lookup
reads each segment's b-tree, and with a cold disk cache that is what a lookup waits for: on
3,000,000 calls a 6-digit phone fragment read 104 pages, 78 once the segments were merged into
one (a name of six letters: 62 and 39; see benchmarks/lookup_bench.py).

FTS5 merges on request (`'merge'`, a bounded amount of work per call). A table with more than
`FRAGMENTED` segments is merged whole: the first call with a negative page count puts every
segment on one level and starts the merge, later calls with a positive count carry it on
(FTS5 documents this pair as an incremental `optimize`). A merge never changes what a query
finds. The number of segments is read from the table's `%_idx` shadow table (one row per leaf
page, keyed by segment).
"""

from __future__ import annotations

from typing import Any

from sosdesk.services import search_index
from sosdesk.store.database import Database
from sosdesk.store.raw import driver_connection

FRAGMENTED = 6  # segments a table may hold before it is merged whole
STEP_PAGES = 200  # pages of merged index written per step: a fraction of a second


def segments(db: Database) -> dict[str, int]:
    """How many segments each search table holds."""
    with db.session() as s:
        conn = driver_connection(s)
        return {table: _segments(conn, table) for table in search_index.TABLES.values()}


def _segments(conn: Any, table: str) -> int:
    # Table names are our own constants, never input.
    sql = f"SELECT count(*) FROM (SELECT DISTINCT segid FROM {table}_idx)"
    return int(conn.execute(sql).fetchone()[0])


def tidy_step(db: Database, pages: int = STEP_PAGES) -> bool:
    """Merge up to about `pages` pages of one search table; True when every table is compact
    (nothing was done), False when more steps may follow."""
    with db.transaction() as tx:
        conn = driver_connection(tx.session)
        for table in search_index.TABLES.values():
            merge = f"INSERT INTO {table}({table}, rank) VALUES('merge', ?)"
            before = conn.total_changes
            conn.execute(merge, (pages,))  # carries on a merge already started
            if conn.total_changes - before >= 2:  # FTS5's own sign that it merged something
                return False
            if _segments(conn, table) > FRAGMENTED:
                conn.execute(merge, (-pages,))  # every segment on one level: a whole merge
                return False
    return True
