"""The Centre's casework: versioned indicator lists, and the need a plan goal answers.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


WORKLOAD_COLUMNS = ("manager_id", "closed_at", "opened_at", "weight", "child_until")
# The weight of the cases already there, by the default table of this revision (frozen here:
# a later change of the defaults must not change what this migration wrote). From then on
# `services.caseload.store_weights` keeps the columns.
FILL_WEIGHTS = """
UPDATE cases SET
  weight = (CASE phase WHEN 'identification' THEN 3 WHEN 'crisis' THEN 4 WHEN 'recovery' THEN 2
                       WHEN 'reintegration' THEN 1 WHEN 'closed' THEN 1 ELSE 0 END)
    + COALESCE((SELECT CASE c.risk_level WHEN 'high' THEN 2 WHEN 'medium' THEN 1
                        WHEN 'unknown' THEN 1 ELSE 0 END
                FROM clients c WHERE c.id = cases.client_id), 0)
    + (CASE WHEN court_open THEN 1 ELSE 0 END)
    + (CASE WHEN interpreter_needed THEN 1 ELSE 0 END)
    + (CASE WHEN out_of_town THEN 1 ELSE 0 END),
  child_until = (SELECT CASE WHEN c.birth_year IS NOT NULL THEN c.birth_year + 18
                             WHEN c.estimated_age < 18 THEN 9999 END
                 FROM clients c WHERE c.id = cases.client_id)
"""
CLIENT_WEIGHT_COLUMNS = ("id", "risk_level", "birth_year", "estimated_age")


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
    )
    op.create_index(
        op.f("ix_indicator_lists_kind_version"), "indicator_lists", ["kind", "list_version"]
    )
    with op.batch_alter_table("case_goals") as batch:
        batch.add_column(sa.Column("need_domain", sa.String(length=24), nullable=True))
        batch.add_column(sa.Column("responsible_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("provider_entry_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("review_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch.create_foreign_key(
            op.f("fk_case_goals_responsible_id_users"), "users", ["responsible_id"], ["id"]
        )
        batch.create_foreign_key(
            op.f("fk_case_goals_provider_entry_id_directory_entries"),
            "directory_entries",
            ["provider_entry_id"],
            ["id"],
        )
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("court_open", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("interpreter_needed", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("out_of_town", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("weight", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("child_until", sa.Integer(), nullable=True))
    op.execute(FILL_WEIGHTS)
    # The case list walks open cases newest first (clients' factors covered for its filters);
    # the workload sums the stored weights per manager from one covering index.
    op.create_index(op.f("ix_cases_open_order"), "cases", ["closed_at", "opened_at", "id"])
    op.create_index(op.f("ix_cases_workload"), "cases", list(WORKLOAD_COLUMNS))
    op.create_index(op.f("ix_clients_weight"), "clients", list(CLIENT_WEIGHT_COLUMNS))
    op.create_table(
        "plan_approvals",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=36), nullable=True),
        sa.Column("approved_at", sa.String(length=27), nullable=False),
        sa.Column("goals", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_plan_approvals_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_plan_approvals_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_approvals")),
    )
    op.create_index(op.f("ix_plan_approvals_case_id"), "plan_approvals", ["case_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_approvals_case_id"), table_name="plan_approvals")
    op.drop_table("plan_approvals")
    op.drop_index(op.f("ix_clients_weight"), table_name="clients")
    op.drop_index(op.f("ix_cases_workload"), table_name="cases")
    op.drop_index(op.f("ix_cases_open_order"), table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("child_until")
        batch.drop_column("weight")
        batch.drop_column("out_of_town")
        batch.drop_column("interpreter_needed")
        batch.drop_column("court_open")
    with op.batch_alter_table("case_goals") as batch:
        batch.drop_constraint(
            op.f("fk_case_goals_provider_entry_id_directory_entries"), type_="foreignkey"
        )
        batch.drop_constraint(op.f("fk_case_goals_responsible_id_users"), type_="foreignkey")
        batch.drop_column("status")
        batch.drop_column("review_on")
        batch.drop_column("provider_entry_id")
        batch.drop_column("responsible_id")
        batch.drop_column("need_domain")
    op.drop_index(op.f("ix_indicator_lists_kind_version"), table_name="indicator_lists")
    op.drop_table("indicator_lists")
