"""The per-peer sequence check of incoming batches (apply, replay, hold or fork), and the
ledger rows an applied batch settles: other held copies of it, our batches it acknowledges."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.store.models import utcnow
from sosdesk.store.models.sync import SyncBatch
from sosdesk.sync.batch_format import GENESIS, BatchHeader

APPLY = "apply"
REPLAY = "replay"
HOLD = "hold"
ALREADY_HELD = "already_held"
FORK = "fork"
SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Decision:
    """What to do with a verified batch, and the words for it."""

    action: str
    message: str
    expected: int  # the sequence number this peer's next batch must have
    applied_row: SyncBatch | None = None


def last_applied(s: Session, peer: str) -> SyncBatch | None:
    """The newest batch applied from this peer."""
    return s.execute(
        select(SyncBatch)
        .where(SyncBatch.direction == "in", SyncBatch.peer == peer, SyncBatch.state == "applied")
        .order_by(SyncBatch.seq.desc())
        .limit(1)
    ).scalar_one_or_none()


def _refused(s: Session, peer: str, digest: str) -> bool:
    """Whether this peer's batch with this hash was refused here (and answered)."""
    row = s.execute(
        select(SyncBatch.id).where(
            SyncBatch.direction == "in",
            SyncBatch.peer == peer,
            SyncBatch.hash == digest,
            SyncBatch.state == "refused",
        )
    ).first()
    return row is not None


def _set_aside_since(done: SyncBatch | None, header: BatchHeader) -> bool:
    """Whether the batch of this number was applied here without some records (the
    coordinator's decision, sync/set_aside.py) and this one is the desk's copy of it, numbered
    again before the desk heard of the decision."""
    return (
        done is not None
        and (done.note or "").startswith('{"set_aside"')
        and done.prev_hash == header.prev_hash
    )


def decide(s: Session, header: BatchHeader, digest: str, code: str) -> Decision:
    """Next: apply; seen with the same hash: replay; other hash: fork; gap: hold."""
    last = last_applied(s, header.sender)
    last_seq = last.seq if last else 0
    last_hash = last.hash if last else GENESIS
    expected = last_seq + 1
    same_seq = (
        s.execute(
            select(SyncBatch).where(
                SyncBatch.direction == "in",
                SyncBatch.peer == header.sender,
                SyncBatch.seq == header.seq,
                SyncBatch.state.in_(("applied", "held")),
            )
        )
        .scalars()
        .all()
    )
    if header.seq <= last_seq:
        done = next((r for r in same_seq if r.state == "applied"), None)
        if done is not None and done.hash == digest:
            when = done.done_at.strftime("%Y-%m-%d %H:%M") if done.done_at else "earlier"
            return Decision(
                REPLAY,
                f"batch {header.seq} from {code} was already applied ({when} UTC): nothing changed",
                expected,
                done,
            )
        if _refused(s, header.sender, digest) or _set_aside_since(done, header):
            # An old copy of a batch refused here, which the desk has since numbered again
            # (or which the coordinator applied without some records meanwhile).
            return Decision(
                SUPERSEDED,
                f"batch {header.seq} from {code} was refused earlier and the desk has sent it "
                "again since: nothing changed",
                expected,
            )
        return Decision(
            FORK,
            f"ALERT: batch {header.seq} from {code} differs from the batch "
            f"{header.seq} already applied: two different histories of that desk "
            "(a restored desk database or a forgery); call the desk",
            expected,
        )
    if header.seq == expected:
        if header.prev_hash != last_hash:
            if _refused(s, header.sender, header.prev_hash):
                # It continues a batch refused here, which the desk has since numbered again.
                return Decision(
                    SUPERSEDED,
                    f"batch {header.seq} from {code} continues a refused batch that the desk "
                    "has sent again since: nothing changed",
                    expected,
                )
            return Decision(
                FORK,
                f"ALERT: batch {header.seq} from {code} does not continue "
                f"batch {last_seq} as applied here (a fork); call the desk",
                expected,
            )
        return Decision(APPLY, "", expected)
    held = [r for r in same_seq if r.state == "held"]
    if any(r.hash == digest for r in held):
        return Decision(
            ALREADY_HELD,
            f"batch {header.seq} from {code} is already held; it still waits for batch {expected}",
            expected,
        )
    if held:
        return Decision(
            FORK,
            f"ALERT: a different batch {header.seq} from {code} is already "
            "held (a fork); call the desk",
            expected,
        )
    return Decision(
        HOLD,
        f"batch {header.seq} from {code} is held: batch {expected} has not "
        "arrived yet; it is applied as soon as the missing batch is imported",
        expected,
    )


def held_next(s: Session, peer: str) -> SyncBatch | None:
    """The held batch that may now be applied (the one right after the last applied)."""
    last = last_applied(s, peer)
    nxt = (last.seq if last else 0) + 1
    return s.execute(
        select(SyncBatch)
        .where(
            SyncBatch.direction == "in",
            SyncBatch.peer == peer,
            SyncBatch.seq == nxt,
            SyncBatch.state == "held",
        )
        .order_by(SyncBatch.recorded_at)
        .limit(1)
    ).scalar_one_or_none()


def drop_held_copies(s: Session, h: BatchHeader, digest: str, keep: str) -> list[str]:
    """Delete the held rows of other copies of a batch just applied; returns their files."""
    rows = (
        s.execute(
            select(SyncBatch).where(
                SyncBatch.direction == "in",
                SyncBatch.peer == h.sender,
                SyncBatch.seq == h.seq,
                SyncBatch.state == "held",
                SyncBatch.hash == digest,
                SyncBatch.id != keep,
            )
        )
        .scalars()
        .all()
    )
    names = [r.held_file for r in rows if r.held_file]
    for r in rows:
        s.delete(r)
    return names


def acknowledge(s: Session, h: BatchHeader) -> list[int]:
    """Mark our batches up to the one `h` acknowledges delivered; returns their numbers."""
    if h.ack is None:
        return []
    rows = (
        s.execute(
            select(SyncBatch)
            .where(
                SyncBatch.direction == "out",
                SyncBatch.peer == h.sender,
                SyncBatch.seq <= h.ack.seq,
            )
            .order_by(SyncBatch.seq)
        )
        .scalars()
        .all()
    )
    named = next((r for r in rows if r.seq == h.ack.seq), None)
    if named is None or named.hash != h.ack.hash:
        return []  # an acknowledgement of something we did not send: ignore it
    marked = []
    for r in rows:
        if r.state in ("pending", "exported"):
            r.state, r.done_at = "delivered", utcnow()
            marked.append(r.seq)
    return marked
