"""IndicatorList: one version of the preliminary or formal list of trafficking indicators."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin


class IndicatorList(SyncedMixin, Base):
    """Versions are never changed once stored: a screening names the version it used."""

    __tablename__ = "indicator_lists"
    __table_args__ = (UniqueConstraint("kind", "list_version"),)

    kind: Mapped[str] = mapped_column(String(16))
    list_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
