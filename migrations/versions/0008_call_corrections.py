"""Corrections of saved calls (each corrected field with the value it replaced and the reason),
merges of two clients and the tombstones of anonymised or erased clients.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "call_corrections",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=24), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_call_corrections_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_call_corrections_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_corrections")),
    )
    op.create_index(
        op.f("ix_call_corrections_call_id"), "call_corrections", ["call_id"], unique=False
    )
    _forgetting_tables()


def _synced_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _forgetting_tables() -> None:
    """Merges of two clients and the tombstones of anonymised or erased clients."""
    op.create_table(
        "client_merges",
        *_synced_columns(),
        sa.Column("keep_id", sa.String(length=36), nullable=False),
        sa.Column("absorb_id", sa.String(length=36), nullable=False),
        sa.Column("absorb_code", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_client_merges_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_merges")),
        sa.UniqueConstraint("absorb_id", name=op.f("uq_client_merges_absorb_id")),
    )
    op.create_index(op.f("ix_client_merges_keep_id"), "client_merges", ["keep_id"])
    op.create_index(op.f("ix_client_merges_absorb_code"), "client_merges", ["absorb_code"])
    op.create_table(
        "erasures",
        *_synced_columns(),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("client_code", sa.String(length=24), nullable=False),
        sa.Column("mode", sa.String(length=12), nullable=False),
        sa.Column("legal_basis", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("call_ids", sa.JSON(), nullable=False),
        sa.Column("removed", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_erasures_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
    )
    op.create_index(op.f("ix_erasures_client_id"), "erasures", ["client_id"])
    op.create_index(op.f("ix_erasures_client_code"), "erasures", ["client_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_erasures_client_code"), table_name="erasures")
    op.drop_index(op.f("ix_erasures_client_id"), table_name="erasures")
    op.drop_table("erasures")
    op.drop_index(op.f("ix_client_merges_absorb_code"), table_name="client_merges")
    op.drop_index(op.f("ix_client_merges_keep_id"), table_name="client_merges")
    op.drop_table("client_merges")
    op.drop_index(op.f("ix_call_corrections_call_id"), table_name="call_corrections")
    op.drop_table("call_corrections")
