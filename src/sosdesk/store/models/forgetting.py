"""ClientMerge and Erasure: the two records that make a client's data move or go away.

Both travel as one insert-only record each; every desk and the office apply the same effect
when they receive it (services/forgetting.py), so the result does not depend on where it began.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sosdesk.store.models.base import Base, SyncedMixin


class ClientMerge(SyncedMixin, Base):
    """`absorb_id` was the same person as `keep_id`: its records moved to the survivor."""

    __tablename__ = "client_merges"

    keep_id: Mapped[str] = mapped_column(String(36), index=True)
    absorb_id: Mapped[str] = mapped_column(String(36), unique=True)
    # The absorbed code stays searchable and printable as an alias of the survivor.
    absorb_code: Mapped[str] = mapped_column(String(24), index=True)
    reason: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))


class Erasure(SyncedMixin, Base):
    """A tombstone: which client was anonymised or erased, on what basis, what was removed.

    It names ids and counts only, never the content removed.
    """

    __tablename__ = "erasures"

    client_id: Mapped[str] = mapped_column(String(36), index=True)
    client_code: Mapped[str] = mapped_column(String(24), index=True)
    mode: Mapped[str] = mapped_column(String(12))  # "anonymise" or "erase"
    legal_basis: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    call_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    removed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    author_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
