"""IndicatorList: one version of the preliminary or formal list of trafficking indicators."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin
from sosdesk.store.models.clients import Client


class IndicatorList(SyncedMixin, Base):
    """Versions are never changed once stored: a screening names the row it used. The number is
    not unique: two desks may add a version 2 before they sync, and both must arrive."""

    __tablename__ = "indicator_lists"
    __table_args__ = (Index("ix_indicator_lists_kind_version", "kind", "list_version"),)

    kind: Mapped[str] = mapped_column(String(16))
    list_version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))


# The case list's risk and child filters probe each case's client without reading its row.
Index(
    "ix_clients_weight",
    *(Client.__table__.c[name] for name in ("id", "risk_level", "birth_year", "estimated_age")),
)
