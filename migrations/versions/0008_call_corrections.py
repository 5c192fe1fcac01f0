"""Corrections of saved calls: each corrected field with the value it replaced and the reason.

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0005"
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


def downgrade() -> None:
    op.drop_index(op.f("ix_call_corrections_call_id"), table_name="call_corrections")
    op.drop_table("call_corrections")
