"""FollowUp: a call-back or task due at a time, for a client or a call."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class FollowUp(SyncedMixin, Base):
    __tablename__ = "followups"
    __table_args__ = (Index("ix_followups_open_due", "done_at", "due_at"),)

    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    what: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id"), index=True)
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
    assigned_to: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    done_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
