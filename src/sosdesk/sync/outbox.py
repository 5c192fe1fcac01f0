"""Reading the change outbox as payload lines (desk batches and office relays alike).

A line is the outbox row with its stored field JSON embedded as it is, so the same rows
always give the same bytes: an undelivered batch written again has the same hash.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring
from typing import Any

from sosdesk.sync.schema import (
    AUTHORS_ONLY,
    LOCAL_ONLY,
    NOT_TO_DESKS,
    entities,
    travelling_fields,
)

# An outbox row as a line is made of it; WIDTH columns, so a reader may add its own after them.
COLUMNS = "seq, entity, entity_id, op, fields, base_version, hlc, origin_device"
WIDTH = 8

# A desk's batch holds the outbox range first_change..last_change of its ledger row: numbering
# a batch writes one row, not a mark on each of its 100,000 changes (rewriting them cost half a
# second, most of it encrypting pages). A change waits for a batch while it lies after every
# batch numbered so far and has no mark. Marks remain on the changes of set-aside records (never
# sent again) and on changes batched before batches were ranges (their batch's id).
WAITING = (
    "batch_id IS NULL AND seq > (SELECT coalesce(max(last_change), 0) FROM sync_batches "
    "WHERE direction = 'out')"
)
_FETCH = 2000


def _q(v: str) -> str:
    # What json.dumps(v, ensure_ascii=False) gives for a str, without building an encoder per
    # value: five per line, a second of every 100,000-change export.
    return encode_basestring(v)


def _line(row: tuple[Any, ...]) -> tuple[bytes, str] | None:
    seq, entity, entity_id, op, fields, base, hlc, origin = row
    if entity in LOCAL_ONLY or entity in AUTHORS_ONLY:
        doc = travelling_fields(entity, op, json.loads(fields))
        if doc is None:
            return None  # only local settings changed, or a user's update: nothing to send
        fields = json.dumps(doc, ensure_ascii=False)
    text = (
        f'{{"base":{int(base)},"entity":{_q(entity)},"fields":{fields},"hlc":{_q(hlc)},'
        f'"id":{_q(entity_id)},"op":{_q(op)},"origin":{_q(origin)},"seq":{int(seq)}}}\n'
    )
    return text.encode(), origin


def _rows(
    conn: Any,
    sql: str,
    params: tuple[Any, ...],
    skip: frozenset[int] = frozenset(),
    note: Callable[[tuple[Any, ...]], None] | None = None,
) -> Iterator[tuple[bytes, str]]:
    cur = conn.execute(sql, params)
    while True:
        rows = cur.fetchmany(_FETCH)
        if not rows:
            return
        for row in rows:
            if note is not None:
                note(row)
                row = row[:WIDTH]
            if row[0] in skip:
                continue
            out = _line(row)
            if out is not None:
                yield out


def unbatched(
    conn: Any, upto: int, columns: str = "", note: Callable[[tuple[Any, ...]], None] | None = None
) -> Iterator[tuple[bytes, str]]:
    """Desk: changes waiting for a batch, up to outbox seq `upto`; `note` sees each row read,
    with the `columns` asked for after the outbox's own."""
    return _rows(
        conn,
        f"SELECT {COLUMNS}{columns} FROM changes WHERE {WAITING} AND seq <= ? ORDER BY seq",
        (upto,),
        note=note,
    )


def in_batch(
    conn: Any, first: int | None, last: int | None, batch_id: str
) -> Iterator[tuple[bytes, str]]:
    """Desk: the changes of one numbered batch, its outbox range (to write it again)."""
    return _rows(
        conn,
        f"SELECT {COLUMNS} FROM changes WHERE seq BETWEEN ? AND ? "
        "AND (batch_id IS NULL OR batch_id = ?) ORDER BY seq",
        (first or 0, last or 0, batch_id),
    )


def relay_entities() -> list[str]:
    """What the office sends to desks."""
    return sorted(name for name in entities() if name not in NOT_TO_DESKS)


def relayed(
    conn: Any, desk_device: str, first: int, last: int, skip: frozenset[int] = frozenset()
) -> Iterator[tuple[bytes, str]]:
    """Office: every change in [first, last] not made by that desk, of the relayed entities,
    except the outbox positions in `skip` (withheld for the desk's roles)."""
    names = relay_entities()
    marks = ",".join("?" * len(names))
    return _rows(
        conn,
        f"SELECT {COLUMNS} FROM changes WHERE seq BETWEEN ? AND ? AND "
        f"origin_device != ? AND entity IN ({marks}) ORDER BY seq",
        (first, last, desk_device, *names),
        skip,
    )


def unmarked_in(conn: Any, first: int, last: int) -> int:
    """How many changes in outbox positions first..last carry no mark. When a batch of that
    range is numbered this must still be the count its spool read, or a mark landed meanwhile."""
    row = conn.execute(
        "SELECT count(*) FROM changes WHERE batch_id IS NULL AND seq BETWEEN ? AND ?",
        (first, last),
    ).fetchone()
    return int(row[0])


def count_unbatched(conn: Any) -> tuple[int, int, int]:
    """(count, first seq, last seq) of changes waiting for a batch."""
    row = conn.execute(
        "SELECT count(*), coalesce(min(seq), 0), coalesce(max(seq), 0) FROM changes "
        f"WHERE {WAITING}"
    ).fetchone()
    return int(row[0]), int(row[1]), int(row[2])
