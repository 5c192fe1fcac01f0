"""Sync bookkeeping: enrolled peers, the batch ledger, quarantine, conflicts and field history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, UtcDateTime, utcnow
from sosdesk.store.models.system import Change

# Field history (last-writer-wins, conflicts) looks the outbox up by record.
Index("ix_changes_entity_id", Change.__table__.c.entity_id)


class SyncPeer(Base):
    """A device this database exchanges batches with: enrolled desks (office) or the office (desk).

    Revoked desks stay listed so their code stays reserved and their history keeps a name.
    """

    __tablename__ = "sync_peers"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role: Mapped[str] = mapped_column(String(8))  # "desk" or "office"
    desk_code: Mapped[str] = mapped_column(String(8), unique=True)
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    box_public: Mapped[bytes] = mapped_column(LargeBinary)
    fingerprint: Mapped[str] = mapped_column(String(40))
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    enrolled_by: Mapped[str] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(64))
    # Office only: the last office change (changes.seq) put into a batch for this desk.
    sent_through: Mapped[int] = mapped_column(Integer, default=0)


class SyncBatch(Base):
    """One row of the batch ledger: a batch written here ("out") or received here ("in").

    out: pending (numbered, file not yet verified) -> exported -> delivered (receipt/ack seen),
    or refused (a refusal receipt; the next export numbers it again).
    in: applied, held (waits for an earlier batch; the sealed file is kept), rejected, or
    refused (answered with a refusal receipt).
    """

    __tablename__ = "sync_batches"
    __table_args__ = (Index("ix_sync_batches_peer_seq", "direction", "peer", "seq"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(36))
    direction: Mapped[str] = mapped_column(String(3))
    peer: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(10))
    record_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # out: the slice of the local outbox (changes.seq) the batch holds, first..last inclusive.
    first_change: Mapped[int | None] = mapped_column(Integer)
    last_change: Mapped[int | None] = mapped_column(Integer)
    audit_seq: Mapped[int | None] = mapped_column(Integer)
    audit_hash: Mapped[str | None] = mapped_column(String(64))
    # out from a desk: the office batch acknowledged in its header (fixed at numbering time).
    ack_seq: Mapped[int | None] = mapped_column(Integer)
    ack_hash: Mapped[str | None] = mapped_column(String(64))
    held_file: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)


class SyncQuarantine(Base):
    """A refused batch or receipt: why, and where its (still encrypted) copy is kept."""

    __tablename__ = "sync_quarantine"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    file_name: Mapped[str] = mapped_column(String(255))
    stored_as: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    peer: Mapped[str | None] = mapped_column(String(36))
    seq: Mapped[int | None] = mapped_column(Integer)


class SyncConflict(Base):
    """Two desks changed the same field from the same base version: every value is kept here."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (UniqueConstraint("entity", "entity_id", "field", "base_version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(64))
    base_version: Mapped[int] = mapped_column(Integer)
    # [{"value": ..., "origin": device id, "hlc": clock}, ...] sorted by clock
    candidates: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="open")
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolution: Mapped[Any] = mapped_column(JSON, nullable=True)


class SyncFieldWrite(Base):
    """Field updates a desk received from the office (its own are in the outbox, `changes`).

    Last-writer-wins compares a new write against the newest clock per field in both.
    """

    __tablename__ = "sync_field_writes"

    entity: Mapped[str] = mapped_column(String(32), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64), primary_key=True)
    origin: Mapped[str] = mapped_column(String(36))
    base_version: Mapped[int] = mapped_column(Integer)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
