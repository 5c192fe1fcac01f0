"""Plain, frozen results of sync operations: what commands and widgets receive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sosdesk.domain.messages.core import Problem


@dataclass(frozen=True)
class PeerView:
    """An enrolled desk (seen at the office) or the trusted office (seen at a desk)."""

    device_id: str
    desk_code: str
    role: str
    fingerprint: str
    enrolled_at: datetime
    enrolled_by: str
    revoked_at: datetime | None
    last_seq: int  # last batch applied from this peer
    last_applied_at: datetime | None
    held: int  # batches waiting for a missing earlier one
    undelivered: int  # batches written for this peer and not yet confirmed

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: every file, which batch numbers, how many records."""

    files: tuple[Path, ...]
    new_seq: int | None  # the batch numbered by this export (None: nothing new)
    rewritten: tuple[int, ...]  # undelivered batches written again (identical content)
    records: int  # records in the new batch

    @property
    def nothing(self) -> bool:
        return not self.files


@dataclass(frozen=True)
class ImportOutcome:
    """The fate of one batch file at import."""

    file: str
    status: str  # applied, replayed, held, rejected
    message: str
    peer_code: str | None = None
    seq: int | None = None
    records: int = 0
    conflicts: int = 0
    reason: str | None = None
    receipt: Path | None = None
    inserted: int = 0
    problem: Problem | None = None  # a coded refusal naming the record, when there is one
    withheld: int = 0  # sensitive records the office left out for this desk's roles


@dataclass(frozen=True)
class SetAsideRecord:
    """A record of a refused batch that the coordinator set aside: where, which, and why."""

    line: int  # its place in the batch
    entity: str  # the table ("" when the record could not be read)
    record_id: str  # its id ("" when the record could not be read)
    problem: Problem  # the coded reason


@dataclass(frozen=True)
class ReceiptOutcome:
    """What a receipt confirmed at the desk."""

    seq: int
    newly_delivered: tuple[int, ...]
    message: str
    problem: Problem | None = None  # a refusal receipt: why the office refused the batch
    refused: tuple[int, ...] = ()  # batches newly marked refused
    set_aside: tuple[SetAsideRecord, ...] = ()  # records the office applied the batch without


@dataclass(frozen=True)
class BatchView:
    """One row of the ledger."""

    id: str
    direction: str
    peer_code: str
    seq: int
    state: str
    records: int
    created_at: datetime
    recorded_at: datetime
    done_at: datetime | None
    note: str | None


@dataclass(frozen=True)
class QuarantineView:
    """A refused file."""

    id: str
    received_at: datetime
    file_name: str
    stored_as: str | None
    reason: str
    message: str
    peer_code: str | None
    seq: int | None


@dataclass(frozen=True)
class Candidate:
    """One value of a conflicted field: who wrote it, when."""

    value: Any
    origin: str
    desk_code: str
    hlc: str
    written_at: datetime | None


@dataclass(frozen=True)
class ConflictView:
    """A field two desks changed from the same version."""

    id: str
    entity: str
    entity_id: str
    record_label: str  # e.g. the client code
    field: str
    base_version: int
    current: Any
    candidates: tuple[Candidate, ...]
    state: str = "open"
    detected_at: datetime | None = None
    resolved_by: str | None = None
    resolution: Any = None


@dataclass(frozen=True)
class DeskStatus:
    """What a desk has not yet got to the office, and what it last heard back."""

    desk_code: str
    fingerprint: str
    office_code: str | None
    office_fingerprint: str | None
    unexported_changes: int
    undelivered: tuple[BatchView, ...]
    last_delivered: BatchView | None
    last_from_office: BatchView | None
    held_from_office: int


def still_waiting(outcomes: list[ImportOutcome]) -> list[ImportOutcome]:
    """The held outcomes whose batch was not applied later in the same run."""
    done = {(o.peer_code, o.seq) for o in outcomes if o.status in ("applied", "replayed")}
    return [o for o in outcomes if o.status == "held" and (o.peer_code, o.seq) not in done]
