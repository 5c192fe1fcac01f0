"""Event: one immutable entry of a client's timeline. Corrections are new `amendment` events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class Event(SyncedMixin, Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_client_occurred", "client_id", "occurred_at"),
        Index("ix_events_kind_occurred", "kind", "occurred_at"),
    )

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Money is kept in minor units (cents/para) so totals are exact.
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    amends_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), index=True)
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
