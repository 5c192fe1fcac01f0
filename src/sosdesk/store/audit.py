"""Append-only, hash-chained audit log, and its verification."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from sosdesk.store import migrate
from sosdesk.store.canonical_json import canonical
from sosdesk.store.engine import make_engine
from sosdesk.store.models import AuditEntry
from sosdesk.store.models.base import UtcDateTime
from sosdesk.store.raw import driver_connection

GENESIS = "0" * 64
_DIALECT = sqlite.dialect()


def entry_hash(
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: dict[str, Any],
    prev_hash: str,
) -> str:
    """SHA-256 over the canonical form of an entry and the hash before it.

    The sequence number is left out on purpose: order is carried by the links, so an entry
    moved, inserted or removed shows as a broken link rather than as an "edited" neighbour.
    """
    return _hash(at.isoformat(), actor, action, entity, entity_id, detail, prev_hash)


def _hash(
    at_iso: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: Any,
    prev_hash: str,
) -> str:
    doc = [at_iso, actor, action, entity, entity_id, detail, prev_hash]
    return hashlib.sha256(canonical(doc).encode()).hexdigest()


def _hash_stored(
    at_iso: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail_text: str | None,
    prev_hash: str,
) -> str:
    """`_hash` of an entry whose detail is stored in canonical text, without parsing it.

    The text is hashed as it is: only the exact canonical text of the original detail gives
    the stored hash (the strings around it are encoded whole, so no bytes can move across a
    field boundary); any other form, older entries' included, takes the parsing path.
    """
    e = encode_basestring  # the canonical encoder's own form of a string
    eid = "null" if entity_id is None else e(entity_id)
    detail = "null" if detail_text is None else detail_text
    doc = f"[{e(at_iso)},{e(actor)},{e(action)},{e(entity)},{eid},{detail},{e(prev_hash)}]"
    return hashlib.sha256(doc.encode()).hexdigest()


def _stored_isoformat(stored: str) -> str:
    """`datetime.isoformat()` of a stored `UtcDateTime` text, without building the datetime
    (a long log spends most of its check there); other forms go through the real parser."""
    if len(stored) == 27 and stored[10] == "T" and stored[-1] == "Z":
        # isoformat() leaves out a zero microsecond part; strftime's %f never does.
        return (stored[:19] if stored[20:26] == "000000" else stored[:26]) + "+00:00"
    return UtcDateTime().process_result_value(stored, _DIALECT).isoformat()  # type: ignore[union-attr]


def append_many(
    session: Session,
    at: datetime,
    actor: str,
    entries: list[tuple[str, str, str | None, dict[str, Any]]],
) -> None:
    """Append entries (action, entity, entity_id, detail) inside the caller's write transaction."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq = last.seq if last else 0
    prev = last.entry_hash if last else GENESIS
    rows = []
    for action, entity, entity_id, detail in entries:
        seq += 1
        h = entry_hash(at, actor, action, entity, entity_id, detail, prev)
        rows.append(
            {
                "seq": seq,
                "at": at,
                "actor": actor,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "detail": detail,
                "prev_hash": prev,
                "entry_hash": h,
            }
        )
        prev = h
    session.execute(insert(AuditEntry), rows)


@dataclass(frozen=True)
class AuditProblem:
    """Where the chain breaks and how."""

    seq: int
    kind: str  # edited, deleted, inserted, reordered
    message: str


@dataclass(frozen=True)
class ChainCheck:
    """The audit chain checked: how many entries it holds and where it breaks (if it does)."""

    entries: int
    problems: tuple[AuditProblem, ...]


# `_hash_stored`'s text of an entry, built by SQLite: `json_quote` encodes a string exactly as
# the canonical encoder does (NULL as null), and `at` is turned into its isoformat() as by
# `_stored_isoformat` (NULL, hence no text, when it is in another form). A field of another
# kind gives another text, so the entry goes field by field and is named there.
_AT_ISO = (
    "CASE WHEN length(at) = 27 AND substr(at, 11, 1) = 'T' AND substr(at, 27, 1) = 'Z' THEN "
    "json_quote(CASE WHEN substr(at, 21, 6) = '000000' THEN substr(at, 1, 19) "
    "ELSE substr(at, 1, 26) END || '+00:00') END"
)
_TEXT = (
    f"'[' || {_AT_ISO} || ',' || json_quote(actor) || ',' || json_quote(action) || ',' || "
    "json_quote(entity) || ',' || json_quote(entity_id) || ',' || coalesce(detail, 'null') "
    "|| ',' || json_quote(prev_hash) || ']'"
)
_TABLE = AuditEntry.__tablename__
# A chunk's entries in one row: their texts, stored hashes and seqs, each list joined in the
# order the inner query yields them (seq's, which the walk checks, as it does not rely on it).
# One row per chunk spares the driver a step, a tuple and a round of locks per entry (about
# a tenth of the walk by `perf`; fetching and hashing 5.25M entries took 15.7 s so against
# 19.4 s in one pair of runs). No text holds char(30) (JSON escapes it), no hash a comma: an
# entry that does, or a NULL text, makes the lists uneven.
_TEXT_CHUNK = (
    "SELECT group_concat(t, char(30)), group_concat(h, ','), group_concat(seq, ','), count(*)"
    f" FROM (SELECT seq, {_TEXT} AS t, entry_hash AS h FROM {_TABLE}"
    " WHERE seq > ? ORDER BY seq LIMIT ?)"
)
_FIELD_ROWS = (
    "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, entry_hash"
    f" FROM {_TABLE} WHERE seq > ? ORDER BY seq LIMIT ?"
)


class _Walk:
    """Where a walk along the chain is: entries walked, the hashes one and two entries back,
    and whether the last chunk walked field by field held entries in an older text."""

    def __init__(self) -> None:
        self.walked = 0
        self.before: str | None = None
        self.expected = GENESIS
        self.older = False

    def by_text(self, chunk: tuple[Any, ...]) -> tuple[int, int | None]:
        """Walk a chunk (a row of `_TEXT_CHUNK`) on as far as its entries link on and hash to
        their stored hashes: how many did, and the seq of the last that did (None: none)."""
        texts, hashes, seqs, count = chunk
        if texts is None or hashes is None or seqs is None:
            return 0, None
        text_list, stored, order = texts.split("\x1e"), hashes.split(","), seqs.split(",")
        ascending = list(map(int, order))
        if not len(text_list) == len(stored) == len(order) == count or ascending != sorted(
            ascending
        ):
            return 0, None
        sha = hashlib.sha256
        before, expected = self.before, self.expected
        passed = 0
        for text, hashed in zip(text_list, stored, strict=True):
            # The text ends with the quoted link: `"<64 hex digits>"]`.
            if text[-66:-2] != expected or sha(text.encode()).hexdigest() != hashed:
                break
            before, expected = expected, hashed
            passed += 1
        if not passed:
            return 0, None
        self.walked += passed
        self.before = None if before == GENESIS else before
        self.expected = expected
        return passed, ascending[passed - 1]

    def by_fields(self, session: Session, rows: list[Any]) -> AuditProblem | None:
        """Walk `rows` (every field) on; the first broken entry among them, if any (a broken
        link is told apart in `session`)."""
        # The path that read the last entry goes first: canonical stored text, or older JSON.
        first, second = _own_hash_stored, _own_hash
        before, expected, older = self.before, self.expected, False
        for seq, at, actor, action, entity, entity_id, detail, prev_hash, stored in rows:
            own = first(at, actor, action, entity, entity_id, detail, prev_hash)
            if own != stored:
                own = second(at, actor, action, entity, entity_id, detail, prev_hash)
                if own == stored:
                    first, second = second, first
            if own != stored:
                return AuditProblem(seq, "edited", f"entry {seq} was changed after it was written")
            if prev_hash != expected:
                return _broken_link(session, seq, prev_hash, before, expected)
            older = older or first is _own_hash
            before, expected = (None if expected == GENESIS else expected), stored
        self.walked += len(rows)
        self.before, self.expected, self.older = before, expected, older
        return None


def verify_chain(session: Session, chunk: int = 5000) -> list[AuditProblem]:
    """Walk the chain; name the first edited, deleted, inserted or reordered entry."""
    return list(check_chain(session, chunk).problems)


def check_chain(session: Session, chunk: int = 5000) -> ChainCheck:
    """Walk the chain, counting its entries; name the first broken one (see verify_chain).

    Streams the log in chunks and keeps only the two hashes before the current entry, so the
    memory it needs does not grow with the log; a broken link costs one indexed look-up. The
    count comes with the walk: counting a long log apart reads all of it a second time.
    Each entry's canonical text is built by SQLite (`_TEXT`, `_TEXT_CHUNK`), which takes
    about a quarter off the time of a long check; a chunk holding an entry that text does not
    check (written before details were stored canonically, or edited) is walked field by
    field, as the hash was written.
    """
    # The driver's own cursor, not SQLAlchemy's rows: a check of millions of entries is
    # spent in per-row conversion otherwise.
    conn = driver_connection(session)
    walk = _Walk()
    after: float = float("-inf")  # below any seq, however it was edited
    by_text = True
    while True:
        if by_text:
            try:
                joined = conn.execute(_TEXT_CHUNK, (after, chunk)).fetchone()
            except conn.OperationalError:  # a field edited into a blob: walked field by field
                joined = None
            if joined is not None:
                if joined[-1] == 0:  # no entry after `after`
                    return ChainCheck(walk.walked, ())
                passed, last = walk.by_text(joined)
                after = after if last is None else last
                if passed == joined[-1]:
                    continue
        found = conn.execute(_FIELD_ROWS, (after, chunk)).fetchall()
        if not found:
            return ChainCheck(walk.walked, ())
        problem = walk.by_fields(session, found)
        if problem is not None:
            return _broken(session, problem)
        after, by_text = found[-1][0], not walk.older


def check_file_chain(path: Path, key: bytes | None) -> ChainCheck:
    """`check_chain` of the database file at `path`, on an engine of its own and as the file
    is: a database of an older schema is not upgraded first (nor backed up for it), and no
    second key derivation is needed. The audit table is as the first revision made it.
    `key=None`: a plain SQLite file (benchmarks)."""
    engine = make_engine(path, key)
    try:
        migrate.known_revision(migrate.current(engine), path)
        with Session(engine) as session:
            return check_chain(session)
    finally:
        engine.dispose()


def _broken(session: Session, problem: AuditProblem) -> ChainCheck:
    """The check of a chain that breaks: the walk stopped there, so the entries are counted."""
    entries = session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    return ChainCheck(int(entries), (problem,))


def _own_hash_stored(
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: str | None,
    prev_hash: str,
) -> str:
    """The hash of a stored entry whose detail text is canonical ("" when it cannot be one)."""
    try:
        return _hash_stored(
            _stored_isoformat(at), actor, action, entity, entity_id, detail, prev_hash
        )
    except (TypeError, ValueError):  # a field no longer of its kind: edited by hand
        return ""


def _own_hash(
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    detail: str | None,
    prev_hash: str,
) -> str:
    """The hash of a stored entry whose detail is in any JSON form (parsed, then encoded)."""
    try:
        content = json.loads(detail) if detail is not None else None
        return _hash(_stored_isoformat(at), actor, action, entity, entity_id, content, prev_hash)
    except (TypeError, ValueError):  # a field no longer of its kind: edited by hand
        return ""


def _broken_link(
    session: Session, seq: int, prev_hash: str, before: str | None, last_seq_hash: str
) -> AuditProblem:
    """Name how the link into entry `seq` broke (it points past, elsewhere or nowhere)."""
    if before is not None and prev_hash == before:
        bad = session.execute(
            select(AuditEntry.seq).where(AuditEntry.entry_hash == last_seq_hash)
        ).scalar_one()
        return AuditProblem(bad, "inserted", f"entry {bad} was inserted into the chain")
    known = session.execute(
        select(AuditEntry.seq).where(AuditEntry.entry_hash == prev_hash)
    ).first()
    if known is not None or prev_hash == GENESIS:
        return AuditProblem(seq, "reordered", f"entry {seq} was moved out of its place")
    return AuditProblem(seq, "deleted", f"an entry before entry {seq} was deleted (or altered)")
