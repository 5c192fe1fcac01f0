"""Statistics facts kept by SQLite triggers (migration 0003), so a year of statistics reads a
few thousand small rows instead of every call: never written by the application, never synced
(each database, desk or office, derives them from its own calls and events)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base
from sosdesk.store.models.clients import Client


class StatCallHour(Base):
    """Calls that started in one UTC hour (`YYYY-MM-DDTHH`)."""

    __tablename__ = "stat_call_hours"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012  (SQLAlchemy reads it)

    hour: Mapped[str] = mapped_column(String(13), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class StatCallCount(Base):
    """Calls by line, caller type, urgency and category per bucket. A bucket starts at 22:00 or
    23:00 UTC, the two instants a Belgrade day can begin, and runs to the next of them."""

    __tablename__ = "stat_call_counts"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012  (SQLAlchemy reads it)

    bucket: Mapped[str] = mapped_column(String(13), primary_key=True)
    dim: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class StatEventFact(Base):
    """One assistance, field action, court hearing or status change with the payload field that
    classifies it (`stat_key`: type, proceeding or to_status) and its cost."""

    __tablename__ = "stat_event_facts"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012  (SQLAlchemy reads it)

    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    occurred_at: Mapped[str] = mapped_column(String(27), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stat_key: Mapped[str | None] = mapped_column(String(32))
    client_id: Mapped[str] = mapped_column(String(36))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))


# Clients registered in a period, read without touching the client rows (names stay out).
CLIENT_STATS_COLUMNS = (
    "created_at",
    "status",
    "gender",
    "citizenship",
    "birth_date",
    "birth_year",
    "estimated_age",
    "exploitation_types",
    "exploitation_countries",
    "means_of_control",
    "recruiter_relation",
    "code",
    "id",
)
Index("ix_clients_stats", *(Client.__table__.c[name] for name in CLIENT_STATS_COLUMNS))
