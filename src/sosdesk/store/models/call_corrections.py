"""CallCorrection: one corrected field of a saved call, with the value it replaced and why."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin


class CallCorrection(SyncedMixin, Base):
    """Append-only: the call row holds the corrected value, this row keeps the original."""

    __tablename__ = "call_corrections"

    call_id: Mapped[str] = mapped_column(ForeignKey("calls.id"), index=True)
    field: Mapped[str] = mapped_column(String(24))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    # The call's version the correction was made from (two desks from the same one conflict).
    base_version: Mapped[int] = mapped_column(Integer)
