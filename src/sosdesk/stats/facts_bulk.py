"""Statistics facts for rows inserted in bulk (a sync import): one set-based statement per
fact table instead of the insert trigger running once per row, which cost about a second of
an office import of 100,000 changes (issue 21).

For the block, the table's insert trigger is dropped and the facts of every row inserted
meanwhile (rowid above the largest one before) are added when it ends; then the trigger is
created again. It all happens inside the caller's transaction, so SQLite's transactional
schema undoes the drop with everything else if the import fails or the process dies: no
reader ever sees the database without its trigger. Update and delete triggers are untouched.
The statements count exactly what `facts_sql.TRIGGERS` and `facts_sql.REBUILD` count; the
tests compare the three.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sosdesk.stats.facts_sql import KINDS_SQL, TRIGGERS, bucket, event_key, json_array

_NEW_CALLS = "FROM calls AS c WHERE c.rowid > ?1"


def _upsert(table: str, columns: str, key: str, select: str) -> str:
    # `WHERE true` keeps SQLite from reading ON CONFLICT as a join constraint.
    return (
        f"INSERT INTO {table} ({columns}) SELECT * FROM ({select}) WHERE true "
        f"ON CONFLICT ({key}) DO UPDATE SET n = n + excluded.n"
    )


_ADD: dict[str, tuple[str, tuple[str, ...]]] = {
    "calls": (
        "stat_calls_insert",
        (
            _upsert(
                "stat_call_hours",
                "hour, n",
                "hour",
                f"SELECT substr(c.started_at, 1, 13), count(*) {_NEW_CALLS} GROUP BY 1",
            ),
            _upsert(
                "stat_call_counts",
                "bucket, dim, code, n",
                "bucket, dim, code",
                f"SELECT b, dim, code, count(*) FROM ("
                f"SELECT {bucket('c.started_at')} AS b, 'line' AS dim, "
                f"coalesce(c.line, '') AS code {_NEW_CALLS} "
                f"UNION ALL SELECT {bucket('c.started_at')}, 'caller', "
                f"coalesce(c.caller_type, '') {_NEW_CALLS} "
                f"UNION ALL SELECT {bucket('c.started_at')}, 'urgency', "
                f"coalesce(c.urgency, '') {_NEW_CALLS} "
                f"UNION ALL SELECT {bucket('s')}, 'category', code FROM (SELECT DISTINCT "
                f"c.rowid, c.started_at AS s, CAST(j.value AS TEXT) AS code FROM calls AS c, "
                f"{json_array('c.categories')} AS j WHERE c.rowid > ?1) "
                f"UNION ALL SELECT {bucket('c.started_at')}, 'uncategorised', '' {_NEW_CALLS} "
                f"AND NOT EXISTS (SELECT 1 FROM {json_array('c.categories')})"
                f") GROUP BY 1, 2, 3",
            ),
        ),
    ),
    "events": (
        "stat_events_insert",
        (
            "INSERT INTO stat_event_facts (kind, occurred_at, event_id, stat_key, client_id, "
            f"amount_minor, currency) SELECT e.kind, e.occurred_at, e.id, {event_key('e')}, "
            "e.client_id, e.amount_minor, e.currency FROM events AS e "
            f"WHERE e.rowid > ?1 AND +e.kind IN {KINDS_SQL}",
        ),
    ),
}


@contextmanager
def facts_added_in_bulk(conn: Any, table: str) -> Iterator[None]:
    """Rows inserted into `table` within the block (on `conn`, a DB-API connection inside a
    transaction) get their statistics facts in bulk when it ends; other tables pass through."""
    found = _ADD.get(table)
    present = found is not None and (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (found[0],)
        ).fetchone()
        is not None
    )
    if found is None or not present:
        # A missing trigger means the facts are already being rebuilt (facts.ensure_facts).
        yield
        return
    trigger, statements = found
    (after,) = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()
    conn.execute(f"DROP TRIGGER {trigger}")
    yield  # an exception leaves the drop to the caller's rollback
    for statement in statements:
        conn.execute(statement, (after,))
    conn.execute(TRIGGERS[trigger])
