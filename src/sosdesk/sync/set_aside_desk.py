"""The receipt of a batch the office applied without some of its records (the coordinator set
them aside, `sync/set_aside.py`): what it carries, how it is checked, and what the desk does
with it (docs/architecture.md, "Refused records").

The desk marks the batch delivered and never sends the set-aside records' waiting changes
again. If the desk numbered the refused batch again before the receipt came back, its own
copy of that number differs from the one the office applied: it takes its batches from that
number back into the outbox and keeps the office's number and hash in the ledger, so its next
batch continues the office's history (records the office already has are applied there once).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from sosdesk.domain.ids import new_id
from sosdesk.domain.messages import all_codes
from sosdesk.domain.messages.core import Problem
from sosdesk.store.database import Database
from sosdesk.store.models import Change, utcnow
from sosdesk.store.models.sync import SyncBatch
from sosdesk.sync import errors
from sosdesk.sync.batch_format import GENESIS
from sosdesk.sync.errors import Rejected
from sosdesk.sync.outbox import WAITING
from sosdesk.sync.views import ReceiptOutcome, SetAsideRecord

MAX_ITEMS = 100_000  # a receipt never names more records than a batch may hold
_ITEM_KEYS = {"line", "entity", "id", "code", "params"}


def set_aside_of(batch: SyncBatch) -> list[dict[str, Any]] | None:
    """The set-aside records an applied ledger row carries (office side), or None."""
    if batch.state != "applied" or not batch.note or not batch.note.startswith("{"):
        return None
    try:
        doc = json.loads(batch.note)
    except ValueError:
        return None
    items = doc.get("set_aside") if isinstance(doc, dict) else None
    return items if isinstance(items, list) else None


def fair_list(doc: dict[str, Any]) -> bool:
    """A receipt's set-aside list, when there is one, names records with known codes."""
    items = doc.get("set_aside", [])
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        return False
    for it in items:
        if not isinstance(it, dict) or set(it) != _ITEM_KEYS:
            return False
        if not isinstance(it["line"], int) or not isinstance(it["code"], str):
            return False
        if it["code"] not in all_codes() or not isinstance(it["params"], dict):
            return False
        if not all(isinstance(it[k], str) and len(it[k]) <= 40 for k in ("entity", "id")):
            return False
        if not all(isinstance(v, str | int) and len(str(v)) <= 200 for v in it["params"].values()):
            return False
    return True


def records_of(doc: dict[str, Any]) -> tuple[SetAsideRecord, ...]:
    """The set-aside records a checked receipt names."""
    return tuple(
        SetAsideRecord(it["line"], it["entity"], it["id"], Problem(it["code"], dict(it["params"])))
        for it in doc.get("set_aside", [])
    )


def accept_set_aside(db: Database, doc: dict[str, Any], office_id: str) -> ReceiptOutcome:
    """Desk: the batch the receipt names is delivered (without the records it lists), and
    those records' waiting changes are never sent again."""
    items = records_of(doc)
    seq = int(doc["seq"])
    with db.transaction() as tx:
        s = tx.session
        out = (SyncBatch.direction == "out", SyncBatch.peer == office_id)
        row = s.execute(select(SyncBatch).where(*out, SyncBatch.seq == seq)).scalar_one_or_none()
        realigned = row is None or row.hash != doc["hash"]
        if row is None or row.hash != doc["hash"]:
            row = _realign(tx.session, doc, office_id, row)
        elif row.state == "delivered":
            return ReceiptOutcome(
                seq, (), f"batch {seq} was already marked as delivered", set_aside=items
            )
        open_rows = (
            s.execute(
                select(SyncBatch)
                .where(
                    *out,
                    SyncBatch.seq <= seq,
                    SyncBatch.state.in_(("pending", "exported", "refused")),
                )
                .order_by(SyncBatch.seq)
            )
            .scalars()
            .all()
        )
        marked = [seq] if realigned else []
        for r in open_rows:
            r.state, r.done_at = "delivered", tx.now
            marked.append(r.seq)
        for it in items:
            if it.entity and it.record_id:
                s.execute(
                    update(Change)
                    .where(
                        text(WAITING),
                        Change.entity == it.entity,
                        Change.entity_id == it.record_id,
                    )
                    .values(batch_id=row.batch_id)
                )
        tx.audit(
            "sync_set_aside",
            "sync_batches",
            row.id,
            {
                "seq": seq,
                "marked": marked,
                "set_aside": [[i.line, i.entity, i.record_id, i.problem.code] for i in items],
            },
        )
    return ReceiptOutcome(
        seq,
        tuple(marked),
        f"the office applied batch {seq} without {len(items)} record(s)",
        set_aside=items,
    )


def _realign(s: Session, doc: dict[str, Any], office_id: str, mine: SyncBatch | None) -> SyncBatch:
    """This desk numbered the batch again since: take its batches from that number back and
    keep the office's batch of that number as delivered, so the next one continues it."""
    seq = int(doc["seq"])
    out = (SyncBatch.direction == "out", SyncBatch.peer == office_id)
    later = (
        s.execute(select(SyncBatch).where(*out, SyncBatch.seq >= seq).order_by(SyncBatch.seq))
        .scalars()
        .all()
    )
    if mine is None and not later:
        last = s.execute(
            select(SyncBatch).where(*out).order_by(SyncBatch.seq.desc()).limit(1)
        ).scalar_one_or_none()
        if (last.seq if last else 0) != seq - 1:
            raise Rejected(
                errors.UNKNOWN_BATCH,
                f"the receipt names batch {seq}, which this desk did not write",
            )
    if any(r.state == "delivered" for r in later):
        raise Rejected(
            errors.UNKNOWN_BATCH,
            f"the receipt names batch {seq}, which the office already confirmed otherwise",
        )
    before = s.execute(select(SyncBatch).where(*out, SyncBatch.seq == seq - 1)).scalar_one_or_none()
    s.execute(
        update(Change).where(Change.batch_id.in_([r.batch_id for r in later])).values(batch_id=None)
    )
    for r in later:
        s.delete(r)
    s.flush()
    row = SyncBatch(
        id=new_id(),
        batch_id=doc["batch_id"],
        direction="out",
        peer=office_id,
        seq=seq,
        hash=doc["hash"],
        prev_hash=before.hash if before is not None else GENESIS,
        state="delivered",
        record_count=int(doc["records"] or 0),
        created_at=utcnow(),
        recorded_at=utcnow(),
        done_at=utcnow(),
    )
    s.add(row)
    s.flush()
    return row
