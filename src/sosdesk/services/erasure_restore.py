"""Tombstones and merges survive a restore: they are read from the database being replaced
(while it still opens) and applied to the restored copy before anyone can open it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sosdesk.services import forgetting
from sosdesk.services.erasure import compact_file
from sosdesk.store.database import Database
from sosdesk.store.engine import open_raw
from sosdesk.store.errors import StoreError
from sosdesk.store.raw import driver_connection

_TABLES = ("erasures", "client_merges")
Remembered = list[tuple[str, dict[str, Any]]]


def remembered(path: Path, key: bytes) -> Remembered:
    """Every tombstone and merge of the database at `path`, oldest first (empty if it is lost
    or does not open)."""
    if not path.exists():
        return []
    try:
        conn = open_raw(path, key)
    except StoreError:
        return []
    try:
        out: Remembered = []
        for table in _TABLES:
            try:
                cur = conn.execute(f"SELECT * FROM {table}")
            except Exception:  # an older database without the tables: nothing to keep
                continue
            names = [d[0] for d in cur.description]
            out.extend((table, dict(zip(names, row, strict=True))) for row in cur.fetchall())
    finally:
        conn.close()
    return sorted(out, key=lambda item: str(item[1]["updated_hlc"]))


def reapply(db: Database, rows: Remembered) -> int:
    """Record and apply, on the restored database, what it does not know yet; returns how
    many tombstones and merges were applied."""
    applied = 0
    with db.transaction() as tx:
        conn = driver_connection(tx.session)
        for table, row in rows:
            known = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row["id"],)).fetchone()
            if known is not None:
                continue
            cols = list(row)
            conn.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [row[c] for c in cols],
            )
            if table == "erasures":
                calls = json.loads(row["call_ids"] or "[]")
                forgetting.forget_client(conn, row["client_id"], calls, row["mode"])
            else:
                forgetting.merge_into(conn, row["keep_id"], row["absorb_id"], row["absorb_code"])
            applied += 1
        if applied:
            tx.audit("restore_reapplied", "erasures", None, {"count": applied})
    if applied:
        compact_file(db)
    return applied
