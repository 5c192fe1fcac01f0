"""Missing-child cases of the 116 000 line and the steps of their search."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class MissingCase(SyncedMixin, Base):
    """One episode of a child going missing, from the report to the outcome."""

    __tablename__ = "missing_cases"
    __table_args__ = (Index("ix_missing_cases_opened_at", "opened_at"),)

    code: Mapped[str] = mapped_column(String(24), unique=True)
    call_id: Mapped[str | None] = mapped_column(ForeignKey("calls.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    opened_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    # An earlier episode of the same child (a repeat runaway).
    previous_id: Mapped[str | None] = mapped_column(ForeignKey("missing_cases.id"), index=True)
    child_name: Mapped[str | None] = mapped_column(String(240))
    child_aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    birth_date: Mapped[date | None] = mapped_column(Date)
    age: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str] = mapped_column(String(24), default="unknown")
    citizenship: Mapped[str | None] = mapped_column(String(2))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    living: Mapped[str | None] = mapped_column(String(24))
    description: Mapped[str | None] = mapped_column(Text)
    reporter_kind: Mapped[str] = mapped_column(String(24))
    reporter_relation: Mapped[str | None] = mapped_column(String(120))
    contact_channel: Mapped[str] = mapped_column(String(16), default="phone")
    last_seen_on: Mapped[date | None] = mapped_column(Date)
    last_seen_place: Mapped[str | None] = mapped_column(String(240))
    circumstances: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    risks: Mapped[list[str]] = mapped_column(JSON, default=list)
    outcome: Mapped[str | None] = mapped_column(String(24))
    outcome_on: Mapped[date | None] = mapped_column(Date)
    found_where: Mapped[str | None] = mapped_column(String(240))
    found_by: Mapped[str | None] = mapped_column(String(240))
    after: Mapped[str | None] = mapped_column(String(24))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MissingStep(SyncedMixin, Base):
    """One dated step of the search or of the support after (append-only, like events)."""

    __tablename__ = "missing_steps"
    __table_args__ = (Index("ix_missing_steps_case_occurred", "case_id", "occurred_at"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("missing_cases.id"))
    kind: Mapped[str] = mapped_column(String(24))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
