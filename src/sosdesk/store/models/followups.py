"""FollowUp: a call-back or task due at a time, for a client or a call."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class FollowUp(SyncedMixin, Base):
    __tablename__ = "followups"
    __table_args__ = (
        Index("ix_followups_open_due", "done_at", "due_at"),
        # Plan reviews due in a period (statistics), without reading every follow-up.
        Index("ix_followups_what_due", "what", "due_at", "done_at"),
        # Follow-ups due in a period by outcome (statistics), from the period's entries only.
        Index("ix_followups_due", "due_at", "done_at"),
    )

    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    what: Mapped[str] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(ForeignKey("clients.id"), index=True)
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
    assigned_to: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    done_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    # What came of it, written when it is marked done (cleared by undo).
    outcome: Mapped[str | None] = mapped_column(Text)
    # Every move, oldest first: {"at", "by", "kind", "from", "to"} (see services.followups).
    history: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
