"""Users, audit chain, change outbox, device identity, settings, code counters, drafts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.canonical_json import CanonicalJSON
from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime, utcnow


class User(SyncedMixin, Base):
    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditEntry(Base):
    """Append-only, hash-chained record of who did what to which record."""

    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(36))
    # Stored as the hash covers it, so the chain check hashes the stored text (canonical_json.py).
    detail: Mapped[dict[str, Any]] = mapped_column(CanonicalJSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class Change(Base):
    """Outbox: one row per synced write, exported by sync in `seq` order."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_batch", "batch_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(8))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_version: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[str] = mapped_column(String(64))
    origin_device: Mapped[str] = mapped_column(String(36))
    batch_id: Mapped[str | None] = mapped_column(String(36))


class DeviceIdentity(Base):
    """This database's desk (or office) identity: signing and encryption key pairs."""

    __tablename__ = "device_identity"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_code: Mapped[str] = mapped_column(String(8))
    is_office: Mapped[bool] = mapped_column(Boolean, default=False)
    sign_private: Mapped[bytes] = mapped_column(LargeBinary)
    sign_public: Mapped[bytes] = mapped_column(LargeBinary)
    box_private: Mapped[bytes] = mapped_column(LargeBinary)
    box_public: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Setting(Base):
    """Key/value settings of this database (organisation header, idle lock, last clock)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class CodeCounter(Base):
    """Last client number issued per desk and year."""

    __tablename__ = "code_counters"

    desk: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Draft(Base):
    """An unsaved form (a call being taken), kept so a crash loses nothing."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class SearchRef(Base):
    """Maps a row of the FTS5 search tables to the record it indexes."""

    __tablename__ = "search_refs"

    rowid: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref: Mapped[str] = mapped_column(String(36), unique=True)
