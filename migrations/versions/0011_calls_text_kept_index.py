"""Calls that still hold their text, indexed by client and start.

Retention's daily check counts the anonymous calls whose text is due to be cleared. Without an
index that knows which calls still hold text, SQLite walked every anonymous call's row: at a
million calls that decrypted most of the calls table at every unlock and filled a pooled
connection's page cache (32 MiB of the desk's memory). The index is partial: once retention has
cleared a call it leaves the index, so the check reads only what is still to clear.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Frozen here (not imported from the models): a migration must mean the same thing forever.
_HOLDS_TEXT = "caller_phone IS NOT NULL OR summary IS NOT NULL OR actions_taken IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_calls_text_kept",
        "calls",
        ["client_id", "started_at", "id"],
        sqlite_where=sa.text(_HOLDS_TEXT),
    )


def downgrade() -> None:
    op.drop_index("ix_calls_text_kept", table_name="calls")
