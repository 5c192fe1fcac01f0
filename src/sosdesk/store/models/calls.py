"""Call: every contact with the line (phone, e-mail, walk-in, field)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, or_
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime

# What a call says about the caller: retention clears it from anonymous calls after its months,
# erasure at once.
CALL_TEXT = ("caller_phone", "summary", "actions_taken")


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


def holds_call_text() -> ColumnElement[bool]:
    """Calls that still hold any of CALL_TEXT (the condition of `ix_calls_text_kept`)."""
    return or_(*(getattr(Call, f).is_not(None) for f in CALL_TEXT))


# Calls still holding text, by client and start: retention's daily count of due anonymous calls
# reads only these index entries instead of every anonymous call's row (at a million calls that
# decrypted most of the calls table at every unlock). Partial, so SQLite uses it only for a
# query that repeats the condition: `holds_call_text()` is that condition.
Index(
    "ix_calls_text_kept",
    Call.client_id,
    Call.started_at,
    Call.id,
    sqlite_where=holds_call_text(),
)
