"""Append-only, hash-chained audit log, and its verification."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from sosdesk.store.models import AuditEntry

GENESIS = "0" * 64


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
    doc = [at.isoformat(), actor, action, entity, entity_id, detail, prev_hash]
    raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


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


def verify_chain(session: Session, chunk: int = 5000) -> list[AuditProblem]:
    """Walk the chain; name the first edited, deleted, inserted or reordered entry.

    Streams the log in chunks and keeps only the two hashes before the current entry, so the
    memory it needs does not grow with the log; a broken link costs one indexed look-up.
    """
    columns = (
        AuditEntry.seq,
        AuditEntry.at,
        AuditEntry.actor,
        AuditEntry.action,
        AuditEntry.entity,
        AuditEntry.entity_id,
        AuditEntry.detail,
        AuditEntry.prev_hash,
        AuditEntry.entry_hash,
    )
    rows = session.execute(
        select(*columns).order_by(AuditEntry.seq).execution_options(yield_per=chunk)
    )
    before, expected = None, GENESIS  # the hashes two entries and one entry back
    for e in rows:
        own = entry_hash(e.at, e.actor, e.action, e.entity, e.entity_id, e.detail, e.prev_hash)
        if own != e.entry_hash:
            return [
                AuditProblem(e.seq, "edited", f"entry {e.seq} was changed after it was written")
            ]
        if e.prev_hash != expected:
            return [_broken_link(session, e.seq, e.prev_hash, before, expected)]
        before, expected = (None if expected == GENESIS else expected), e.entry_hash
    return []


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
