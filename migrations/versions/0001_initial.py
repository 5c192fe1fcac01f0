"""Initial schema: clients, calls, cases, timeline events, follow-ups, directory, users,
audit chain, change outbox, device identity, settings, drafts and the search index.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=27), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_audit_entries_entry_hash")),
    )
    op.create_table(
        "changes",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_changes")),
    )
    op.create_index("ix_changes_batch", "changes", ["batch_id", "seq"], unique=False)
    op.create_table(
        "clients",
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=True),
        sa.Column("family_name", sa.String(length=120), nullable=True),
        sa.Column("nickname", sa.String(length=120), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("gender", sa.String(length=24), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("estimated_age", sa.Integer(), nullable=True),
        sa.Column("citizenship", sa.String(length=2), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("exploitation_types", sa.JSON(), nullable=False),
        sa.Column("means_of_control", sa.JSON(), nullable=False),
        sa.Column("recruiter_relation", sa.String(length=32), nullable=True),
        sa.Column("recruitment_countries", sa.JSON(), nullable=False),
        sa.Column("exploitation_countries", sa.JSON(), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("consent_scope", sa.Text(), nullable=True),
        sa.Column("consent_share_institutions", sa.Boolean(), nullable=False),
        sa.Column("risk_level", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clients")),
        sa.UniqueConstraint("code", name=op.f("uq_clients_code")),
    )
    op.create_index(op.f("ix_clients_birth_year"), "clients", ["birth_year"], unique=False)
    op.create_table(
        "code_counters",
        sa.Column("desk", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("desk", "year", name=op.f("pk_code_counters")),
    )
    op.create_table(
        "device_identity",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("desk_code", sa.String(length=8), nullable=False),
        sa.Column("is_office", sa.Boolean(), nullable=False),
        sa.Column("sign_private", sa.LargeBinary(), nullable=False),
        sa.Column("sign_public", sa.LargeBinary(), nullable=False),
        sa.Column("box_private", sa.LargeBinary(), nullable=False),
        sa.Column("box_public", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_identity")),
    )
    op.create_table(
        "directory_entries",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=120), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("specialisation", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("last_verified", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_directory_entries")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "users",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("preferences", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "calls",
        sa.Column("line", sa.String(length=24), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.String(length=27), nullable=False),
        sa.Column("ended_at", sa.String(length=27), nullable=True),
        sa.Column("operator_id", sa.String(length=36), nullable=True),
        sa.Column("caller_type", sa.String(length=24), nullable=False),
        sa.Column("caller_phone", sa.String(length=20), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("actions_taken", sa.Text(), nullable=True),
        sa.Column("referrals_given", sa.JSON(), nullable=False),
        sa.Column("urgency", sa.String(length=24), nullable=False),
        sa.Column("emergency_steps", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_calls_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["users.id"], name=op.f("fk_calls_operator_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calls")),
    )
    op.create_index(op.f("ix_calls_client_id"), "calls", ["client_id"], unique=False)
    op.create_index("ix_calls_started_at", "calls", ["started_at"], unique=False)
    op.create_table(
        "cases",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("opened_at", sa.String(length=27), nullable=False),
        sa.Column("closed_at", sa.String(length=27), nullable=True),
        sa.Column("phase", sa.String(length=24), nullable=False),
        sa.Column("close_reason", sa.String(length=32), nullable=True),
        sa.Column("manager_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_cases_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["manager_id"], ["users.id"], name=op.f("fk_cases_manager_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    op.create_index(op.f("ix_cases_client_id"), "cases", ["client_id"], unique=False)
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.String(length=27), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_drafts_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
    )
    op.create_index(op.f("ix_drafts_user_id"), "drafts", ["user_id"], unique=False)
    op.create_table(
        "case_goals",
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("achieved_at", sa.Date(), nullable=True),
        sa.Column("reviews", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_goals_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_goals")),
    )
    op.create_index(op.f("ix_case_goals_case_id"), "case_goals", ["case_id"], unique=False)
    op.create_table(
        "events",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("occurred_at", sa.String(length=27), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("amends_id", sa.String(length=36), nullable=True),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["amends_id"], ["events.id"], name=op.f("fk_events_amends_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_events_author_id_users")
        ),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name=op.f("fk_events_call_id_calls")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_events_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_events_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_amends_id"), "events", ["amends_id"], unique=False)
    op.create_index(
        "ix_events_client_occurred", "events", ["client_id", "occurred_at"], unique=False
    )
    op.create_index("ix_events_kind_occurred", "events", ["kind", "occurred_at"], unique=False)
    op.create_table(
        "followups",
        sa.Column("due_at", sa.String(length=27), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("assigned_to", sa.String(length=36), nullable=True),
        sa.Column("done_at", sa.String(length=27), nullable=True),
        sa.Column("done_by", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("updated_hlc", sa.String(length=64), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_to"], ["users.id"], name=op.f("fk_followups_assigned_to_users")
        ),
        sa.ForeignKeyConstraint(["call_id"], ["calls.id"], name=op.f("fk_followups_call_id_calls")),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"], name=op.f("fk_followups_client_id_clients")
        ),
        sa.ForeignKeyConstraint(["done_by"], ["users.id"], name=op.f("fk_followups_done_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
    )
    op.create_index(op.f("ix_followups_client_id"), "followups", ["client_id"], unique=False)
    op.create_index("ix_followups_open_due", "followups", ["done_at", "due_at"], unique=False)

    # Search index (see sosdesk.services.search_index): folded text, contentless FTS5 tables
    # whose rowids map to records through search_refs.
    op.create_table(
        "search_refs",
        sa.Column("rowid", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=36), nullable=False),
        sa.UniqueConstraint("ref", name=op.f("uq_search_refs_ref")),
    )
    op.execute(
        "CREATE VIRTUAL TABLE client_fts USING fts5(body, tokenize='unicode61', "
        "prefix='1 2 3', content='', contentless_delete=1)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE call_fts USING fts5(body, tokenize='unicode61', "
        "prefix='3', content='', contentless_delete=1)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE directory_fts USING fts5(body, tokenize='unicode61', "
        "prefix='1 2 3', content='', contentless_delete=1)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE directory_fts")
    op.execute("DROP TABLE call_fts")
    op.execute("DROP TABLE client_fts")
    op.drop_table("search_refs")
    op.drop_index("ix_followups_open_due", table_name="followups")
    op.drop_index(op.f("ix_followups_client_id"), table_name="followups")
    op.drop_table("followups")
    op.drop_index("ix_events_kind_occurred", table_name="events")
    op.drop_index("ix_events_client_occurred", table_name="events")
    op.drop_index(op.f("ix_events_amends_id"), table_name="events")
    op.drop_table("events")
    op.drop_index(op.f("ix_case_goals_case_id"), table_name="case_goals")
    op.drop_table("case_goals")
    op.drop_index(op.f("ix_drafts_user_id"), table_name="drafts")
    op.drop_table("drafts")
    op.drop_index(op.f("ix_cases_client_id"), table_name="cases")
    op.drop_table("cases")
    op.drop_index("ix_calls_started_at", table_name="calls")
    op.drop_index(op.f("ix_calls_client_id"), table_name="calls")
    op.drop_table("calls")
    op.drop_table("users")
    op.drop_table("settings")
    op.drop_table("directory_entries")
    op.drop_table("device_identity")
    op.drop_table("code_counters")
    op.drop_index(op.f("ix_clients_birth_year"), table_name="clients")
    op.drop_table("clients")
    op.drop_index("ix_changes_batch", table_name="changes")
    op.drop_table("changes")
    op.drop_table("audit_entries")
