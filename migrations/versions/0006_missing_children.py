"""The 116 000 line: missing-child cases and the steps of their search.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "missing_cases",
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("opened_at", sa.String(length=27), nullable=False),
        sa.Column("opened_by", sa.String(length=36), nullable=True),
        sa.Column("previous_id", sa.String(length=36), nullable=True),
        sa.Column("child_name", sa.String(length=240), nullable=True),
        sa.Column("child_aliases", sa.JSON(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("gender", sa.String(length=24), nullable=False),
        sa.Column("citizenship", sa.String(length=2), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("living", sa.String(length=24), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("reporter_kind", sa.String(length=24), nullable=False),
        sa.Column("reporter_relation", sa.String(length=120), nullable=True),
        sa.Column("contact_channel", sa.String(length=16), nullable=False),
        sa.Column("last_seen_on", sa.Date(), nullable=True),
        sa.Column("last_seen_place", sa.String(length=240), nullable=True),
        sa.Column("circumstances", sa.Text(), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("risks", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=True),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("found_where", sa.String(length=240), nullable=True),
        sa.Column("found_by", sa.String(length=240), nullable=True),
        sa.Column("after", sa.String(length=24), nullable=True),
        sa.Column("closed_at", sa.String(length=27), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["call_id"], ["calls.id"], name=op.f("fk_missing_cases_call_id_calls")
        ),
        sa.ForeignKeyConstraint(
            ["opened_by"], ["users.id"], name=op.f("fk_missing_cases_opened_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["missing_cases.id"],
            name=op.f("fk_missing_cases_previous_id_missing_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missing_cases")),
        sa.UniqueConstraint("code", name=op.f("uq_missing_cases_code")),
    )
    op.create_index("ix_missing_cases_call_id", "missing_cases", ["call_id"])
    op.create_index("ix_missing_cases_previous_id", "missing_cases", ["previous_id"])
    op.create_index("ix_missing_cases_opened_at", "missing_cases", ["opened_at"])
    op.create_table(
        "missing_steps",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("occurred_at", sa.String(length=27), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(
            ["case_id"], ["missing_cases.id"], name=op.f("fk_missing_steps_case_id_missing_cases")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_missing_steps_author_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_missing_steps")),
    )
    op.create_index("ix_missing_steps_case_occurred", "missing_steps", ["case_id", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_missing_steps_case_occurred", table_name="missing_steps")
    op.drop_table("missing_steps")
    op.drop_index("ix_missing_cases_opened_at", table_name="missing_cases")
    op.drop_index("ix_missing_cases_previous_id", table_name="missing_cases")
    op.drop_index("ix_missing_cases_call_id", table_name="missing_cases")
    op.drop_table("missing_cases")
