"""Case and the goals of its individual plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin, UtcDateTime


class Case(SyncedMixin, Base):
    __tablename__ = "cases"
    # The case list walks open cases newest first; the workload sums the stored weights per
    # manager in one scan of a covering index (migration 0009).
    __table_args__ = (
        Index("ix_cases_open_order", "closed_at", "opened_at", "id"),
        Index("ix_cases_workload", "manager_id", "closed_at", "opened_at", "weight", "child_until"),
    )

    client_id: Mapped[str] = mapped_column(ForeignKey("clients.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    phase: Mapped[str] = mapped_column(String(24), default="identification")
    close_reason: Mapped[str | None] = mapped_column(String(32))
    manager_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    # Factors of the case weight (the Centre's workload standard) a professional sets.
    court_open: Mapped[bool | None] = mapped_column(Boolean, default=False)
    interpreter_needed: Mapped[bool | None] = mapped_column(Boolean, default=False)
    out_of_town: Mapped[bool | None] = mapped_column(Boolean, default=False)
    # Derived, local to each database (never synced): the case weight without the child
    # factor, and the year the client stops counting as a child (9999: an estimated age under
    # 18 and no birth year). Written only by `services.caseload.store_weights`, in the
    # transaction that changes a factor, so the workload needs no join to the clients.
    weight: Mapped[int | None] = mapped_column(Integer)
    child_until: Mapped[int | None] = mapped_column(Integer)


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
    # Protection plan: who answers for the goal (a colleague or a directory entry), its next
    # review and its status.
    responsible_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    provider_entry_id: Mapped[str | None] = mapped_column(ForeignKey("directory_entries.id"))
    review_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(16), default="planned")


class PlanApproval(SyncedMixin, Base):
    """A coordinator's approval of a protection plan: a numbered version with the goals as they
    stood (kept unchanged, so every approved version can be printed again)."""

    __tablename__ = "plan_approvals"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    plan_version: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    goals: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
