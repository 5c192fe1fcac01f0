"""Call: every contact with the line (phone, e-mail, walk-in, field)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class Call(SyncedMixin, Base):
    __tablename__ = "calls"
    __table_args__ = (Index("ix_calls_started_at", "started_at"),)

    line: Mapped[str] = mapped_column(String(24))
    direction: Mapped[str] = mapped_column(String(16), default="incoming")
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    operator_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    caller_type: Mapped[str] = mapped_column(String(24), default="anonymous")
    caller_phone: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8), default="sr")
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id"), index=True)
    summary: Mapped[str | None] = mapped_column(Text)
    actions_taken: Mapped[str | None] = mapped_column(Text)
    referrals_given: Mapped[list[str]] = mapped_column(JSON, default=list)
    urgency: Mapped[str] = mapped_column(String(24), default="routine")
    emergency_steps: Mapped[list[str]] = mapped_column(JSON, default=list)
