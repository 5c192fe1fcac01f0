"""The Centre's casework: versioned indicator lists, and the need a plan goal answers.

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_lists",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("list_version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added_by", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"], ["users.id"], name=op.f("fk_indicator_lists_added_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_lists")),
        sa.UniqueConstraint(
            "kind", "list_version", name=op.f("uq_indicator_lists_kind_list_version")
        ),
    )
    with op.batch_alter_table("case_goals") as batch:
        batch.add_column(sa.Column("need_domain", sa.String(length=24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_goals") as batch:
        batch.drop_column("need_domain")
    op.drop_table("indicator_lists")
