"""Client: a person the line supports (victim, potential victim, or unknown)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin


class Client(SyncedMixin, Base):
    __tablename__ = "clients"

    code: Mapped[str] = mapped_column(String(24), unique=True)
    given_name: Mapped[str | None] = mapped_column(String(120))
    family_name: Mapped[str | None] = mapped_column(String(120))
    nickname: Mapped[str | None] = mapped_column(String(120))
    # The full name as Cyrillic documents print it, when no rule can transliterate it.
    name_cyrillic: Mapped[str | None] = mapped_column(String(240))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    gender: Mapped[str] = mapped_column(String(24), default="unknown")
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer, index=True)
    estimated_age: Mapped[int | None] = mapped_column(Integer)
    citizenship: Mapped[str | None] = mapped_column(String(2))
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    address: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(24), default="unknown")
    exploitation_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    means_of_control: Mapped[list[str]] = mapped_column(JSON, default=list)
    recruiter_relation: Mapped[str | None] = mapped_column(String(32))
    recruitment_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    exploitation_countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_scope: Mapped[str | None] = mapped_column(Text)
    consent_share_institutions: Mapped[bool] = mapped_column(Boolean, default=False)
    risk_level: Mapped[str] = mapped_column(String(16), default="unknown")
    notes: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
