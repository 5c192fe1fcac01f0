"""The write history of a desk, for benchmark data sets shaped like the design (DESIGN.md §8).

The demo generator writes sample data without the outbox and the audit chain (it is never
synced). A desk that really took the calls has more: the design's two timeline events per call,
follow-ups, and for every synced row the services inserted one outbox row and one audit entry
(`Tx.insert`). `add_history` tops a generated database up to those rates, in bulk: one
transaction per chunk, outbox rows built inside SQLite, the audit chain hashed as it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON

from sosdesk.demo.bulk import CHUNK, Bulk, insert_rows, iso
from sosdesk.demo.casework import FOLLOWUP_COLS, TASKS
from sosdesk.demo.context import DemoContext, Progress
from sosdesk.demo.directory import directory_names
from sosdesk.demo.events import EVENT_COLS, EXTRA_KINDS, EXTRA_WEIGHTS
from sosdesk.demo.events import _payload as event_payload
from sosdesk.demo.events import _row as event_row
from sosdesk.domain.ids import new_id
from sosdesk.store import audit
from sosdesk.store.canonical_json import canonical
from sosdesk.store.database import Database
from sosdesk.store.models import Base

EVENTS_PER_CALL = 2.0  # DESIGN.md §8: 2,000,000 events for 1,000,000 calls
# The intake form's mix (benchmarks/intake_bench.py): 15% of calls register a client inline
# with a follow-up; most of them are long done by the time the data set is measured.
FOLLOWUPS_PER_CALL = 0.15
FOLLOWUPS_OPEN = 0.05
# Tables the services write through `Tx.insert` (directory entries already are, in the demo).
SYNCED = ("clients", "calls", "events", "followups", "cases")
# The audit detail each service records (services/calls.py, services/events.py, ...).
_DETAIL_SQL = {
    "calls": "client_id",
    "events": "kind, client_id",
}
EXPORTED_PER_BATCH = 10_000  # a desk exports its outbox in batches; the newest rows wait
PENDING = 500


@dataclass(frozen=True)
class History:
    """What `add_history` added."""

    events: int
    followups: int
    outbox: int
    audit: int


def add_history(
    db: Database, seed: int, calls: int, keep_client: str | None, report: Progress | None = None
) -> History:
    """Top a generated database up to the design's events, follow-ups, outbox and audit rates.

    `keep_client` (a client code) keeps its timeline as generated: benchmarks open it.
    """
    g = DemoContext(db, seed)
    say = report or (lambda done, total, label: None)
    bulk = Bulk(db)
    try:
        conn = bulk.conn
        g.directory_ids = [r[0] for r in conn.execute("SELECT id FROM directory_entries")]
        clients = [
            (r[0], datetime.fromisoformat(r[1]))
            for r in conn.execute(
                "SELECT id, created_at FROM clients WHERE code IS NOT ? ORDER BY rowid",
                (keep_client,),
            )
        ]
        have = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        events = _events(g, bulk, clients, max(0, round(EVENTS_PER_CALL * calls) - have), say)
        followups = _followups(g, bulk, clients, round(FOLLOWUPS_PER_CALL * calls))
        outbox = sum(_outbox(bulk, table) for table in SYNCED)
        say(outbox, outbox, "outbox rows")
        entries = sum(_audit(bulk, table, db.actor.name) for table in SYNCED)
        say(entries, entries, "audit entries")
    finally:
        bulk.close()
    return History(events, followups, outbox, entries)


def _events(
    g: DemoContext,
    bulk: Bulk,
    clients: list[tuple[str, datetime]],
    n: int,
    report: Progress,
) -> int:
    """`n` more timeline events, spread over the clients."""
    if not clients:
        return 0
    r, names, done = g.r, directory_names(g.db), 0
    while done < n:
        rows: list[tuple[Any, ...]] = []
        for _ in range(min(CHUNK, n - done)):
            # Spread evenly: the demo's long timelines (and the benchmarks' 2,000-event one)
            # stay the longest, so the benchmarks that open them open what they always did.
            client_id, registered = r.choice(clients)
            kind = r.choices(EXTRA_KINDS, EXTRA_WEIGHTS)[0]
            payload, amount, currency = event_payload(g, kind, names)
            at = r.uniform(registered.timestamp(), g.now - 60)
            rows.append(event_row(g, client_id, kind, at, payload, amount, currency))
        with bulk as conn:
            insert_rows(conn, "events", EVENT_COLS, rows)
        done += len(rows)
        report(done, n, "events added")
    return done


def _followups(g: DemoContext, bulk: Bulk, clients: list[tuple[str, datetime]], n: int) -> int:
    """`n` follow-ups: all but a few done, the open ones due from three days ago to next week."""
    r, done = g.r, 0
    while done < n and clients:
        rows: list[tuple[Any, ...]] = []
        for _ in range(min(CHUNK, n - done)):
            client_id, registered = r.choice(clients)
            is_open = r.random() < FOLLOWUPS_OPEN
            if is_open:
                due = g.now + r.uniform(-3 * 86400, 7 * 86400)
            else:
                due = r.uniform(registered.timestamp(), g.now - 86400) + 86400
                due = min(due, g.now - 3600)
            rows.append(
                (
                    new_id(),
                    iso(due - 86400),
                    g.hlc(),
                    g.device,
                    1,
                    iso(due),
                    r.choice(list(TASKS)),
                    client_id,
                    None,
                    g.user,
                    None if is_open else iso(due + r.uniform(0, 86400)),
                    None if is_open else g.user,
                )
            )
        with bulk as conn:
            insert_rows(conn, "followups", FOLLOWUP_COLS, rows)
        done += len(rows)
    return done


def _ranges(bulk: Bulk, table: str) -> Iterator[tuple[int, int]]:
    """Rowid ranges of `table` of at most CHUNK rows each."""
    low, high = bulk.conn.execute(f"SELECT min(rowid), max(rowid) FROM {table}").fetchone()
    if low is None:
        return
    for start in range(low, high + 1, CHUNK):
        yield start, start + CHUNK - 1


def _outbox(bulk: Bulk, table: str) -> int:
    """One outbox row per row of `table`, with the row's columns as the change's fields."""
    columns = Base.metadata.tables[table].columns
    fields = ", ".join(
        f"'{c.name}', " + (f"json({c.name})" if isinstance(c.type, JSON) else c.name)
        for c in columns
    )
    added = 0
    for low, high in _ranges(bulk, table):
        with bulk as conn:
            # Exported in batches as a desk does (the batch named as it is written: setting it
            # afterwards would grow every row and split the pages).
            cur = conn.execute(
                "INSERT INTO changes (entity, entity_id, op, fields, base_version, hlc, "
                f"origin_device, batch_id) SELECT '{table}', id, 'insert', json_object({fields}), "
                f"0, updated_hlc, origin_device, printf('bench-{table}-%08d', rowid / ?) "
                f"FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid",
                (EXPORTED_PER_BATCH, low, high),
            )
            added += cur.rowcount
    if table == SYNCED[-1]:  # only the newest changes wait for the next export
        with bulk as conn:
            conn.execute(
                "UPDATE changes SET batch_id = NULL WHERE seq > (SELECT max(seq) FROM changes) - ?",
                (PENDING,),
            )
    return added


def _audit(bulk: Bulk, table: str, actor: str) -> int:
    """One `create` entry per row of `table`, chained on from the log's last entry."""
    conn = bulk.conn
    last = conn.execute(
        "SELECT seq, entry_hash FROM audit_entries ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    seq, prev = (last[0], last[1]) if last else (0, audit.GENESIS)
    extra = _DETAIL_SQL.get(table)
    cols = "id, created_at" + (f", {extra}" if extra else "")
    keys = [k.strip() for k in extra.split(",")] if extra else []
    added = 0
    for low, high in _ranges(bulk, table):
        source = conn.execute(
            f"SELECT {cols} FROM {table} WHERE rowid BETWEEN ? AND ? ORDER BY rowid", (low, high)
        ).fetchall()
        rows = []
        for row in source:
            stamp = row[1]
            at = datetime.fromisoformat(stamp)  # the stored form ends in Z: UTC
            detail = dict(zip(keys, row[2:], strict=True))
            seq += 1
            h = audit.entry_hash(at, actor, "create", table, row[0], detail, prev)
            rows.append((seq, stamp, actor, "create", table, row[0], canonical(detail), prev, h))
            prev = h
        with bulk as c:
            insert_rows(
                c,
                "audit_entries",
                (
                    "seq",
                    "at",
                    "actor",
                    "action",
                    "entity",
                    "entity_id",
                    "detail",
                    "prev_hash",
                    "entry_hash",
                ),
                rows,
            )
        added += len(rows)
    return added
