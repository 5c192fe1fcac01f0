"""Case and the goals of its individual plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class Case(SyncedMixin, Base):
    __tablename__ = "cases"

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    phase: Mapped[str] = mapped_column(String(24), default="identification")
    close_reason: Mapped[str | None] = mapped_column(String(32))
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str | None] = mapped_column(Text)


class CaseGoal(SyncedMixin, Base):
    """One goal of a case's individual plan, with target date and review notes."""

    __tablename__ = "case_goals"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    target_date: Mapped[date | None] = mapped_column(Date)
    achieved_at: Mapped[date | None] = mapped_column(Date)
    reviews: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The need (from a needs assessment) the goal answers, when it was opened from one.
    need_domain: Mapped[str | None] = mapped_column(String(24))
