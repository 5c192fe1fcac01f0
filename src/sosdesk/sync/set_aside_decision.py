"""The coordinator's decision on a refused desk batch that completion cannot fix: look at the
records that do not fit, then apply the batch without them (`sosdesk office set-aside`, the
Office area's desk table). See `sync/set_aside.py`. It lives in `sync`, beside the machinery it
drives, because `sync` already uses the services (the other way round would be a cycle)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sosdesk.domain import roles
from sosdesk.services.access import require
from sosdesk.store.database import Database
from sosdesk.sync.set_aside import set_aside_records
from sosdesk.sync.views import SetAsideRecord


@dataclass(frozen=True)
class SetAsidePlan:
    """A desk's refused batch, and the records that would be (or were) set aside."""

    desk: str
    seq: int
    records: int
    set_aside: tuple[SetAsideRecord, ...]
    inserted: int = 0
    receipt: Path | None = None  # written once applied


def look_at_refused(db: Database, desk: str) -> SetAsidePlan:
    """What applying the desk's refused batch would set aside (nothing is changed)."""
    require(db, roles.IMPORT_OFFICE)  # a decision on what the office imports
    code, seq, records, aside, _n, _r = set_aside_records(db, desk, apply=False)
    return SetAsidePlan(code, seq, records, aside)


def apply_without(
    db: Database,
    desk: str,
    seen: SetAsidePlan,
    receipts_dir: Path,
    progress: Callable[[int, int], None] | None = None,
) -> SetAsidePlan:
    """Apply the refused batch the coordinator looked at (`seen`) without its records that do
    not fit; refuses if the batch or the list changed since."""
    require(db, roles.IMPORT_OFFICE)  # a decision on what the office imports
    code, seq, records, aside, inserted, receipt = set_aside_records(
        db, desk, apply=True, receipts_dir=receipts_dir, progress=progress, expect=_key(seen)
    )
    return SetAsidePlan(code, seq, records, aside, inserted, receipt)


def _key(p: SetAsidePlan) -> tuple[int, tuple[tuple[int, str], ...]]:
    return p.seq, tuple((r.line, r.problem.code) for r in p.set_aside)
