"""Statistics facts: per-hour and per-day call counts and one row per counted event, kept by
triggers on calls and events, plus a covering index for clients registered in a period.

A year of statistics then reads a few thousand small rows instead of every call, which matters
with SQLCipher (memory security makes every SQL-side allocation a system call). The tables are
derived and local: never synced, rebuilt here from the existing rows.

The SQL is a frozen copy of sosdesk.stats.facts_sql at this revision (tests check they agree).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TRIGGERS = {
    "stat_calls_insert": (
        "CREATE TRIGGER stat_calls_insert AFTER INSERT ON calls BEGIN INSERT INTO "
        "stat_call_hours (hour, n) VALUES (substr(NEW.started_at, 1, 13), 1) ON CONFLICT "
        "(hour) DO UPDATE SET n = n + 1; INSERT INTO stat_call_counts (bucket, dim, code, n) "
        "SELECT CASE substr(NEW.started_at, 12, 2) WHEN '22' THEN substr(NEW.started_at, 1, "
        "11) || '22' WHEN '23' THEN substr(NEW.started_at, 1, 11) || '23' ELSE "
        "date(substr(NEW.started_at, 1, 10), '-1 day') || 'T23' END, dim, code, 1 FROM "
        "(SELECT 'line' AS dim, coalesce(NEW.line, '') AS code UNION ALL SELECT 'caller', "
        "coalesce(NEW.caller_type, '') UNION ALL SELECT 'urgency', coalesce(NEW.urgency, '') "
        "UNION ALL SELECT 'category', code FROM (SELECT DISTINCT CAST(value AS TEXT) AS code "
        "FROM json_each(CASE WHEN json_valid(NEW.categories) THEN NEW.categories ELSE '[]' "
        "END)) UNION ALL SELECT 'uncategorised', '' WHERE NOT EXISTS (SELECT 1 FROM "
        "json_each(CASE WHEN json_valid(NEW.categories) THEN NEW.categories ELSE '[]' END))) "
        "WHERE true ON CONFLICT (bucket, dim, code) DO UPDATE SET n = n + 1; END"
    ),
    "stat_calls_delete": (
        "CREATE TRIGGER stat_calls_delete AFTER DELETE ON calls BEGIN UPDATE stat_call_hours "
        "SET n = n - 1 WHERE hour = substr(OLD.started_at, 1, 13); DELETE FROM "
        "stat_call_hours WHERE hour = substr(OLD.started_at, 1, 13) AND n <= 0; UPDATE "
        "stat_call_counts SET n = n - 1 WHERE bucket = CASE substr(OLD.started_at, 12, 2) "
        "WHEN '22' THEN substr(OLD.started_at, 1, 11) || '22' WHEN '23' THEN "
        "substr(OLD.started_at, 1, 11) || '23' ELSE date(substr(OLD.started_at, 1, 10), '-1 "
        "day') || 'T23' END AND (dim, code) IN (SELECT dim, code FROM (SELECT 'line' AS dim, "
        "coalesce(OLD.line, '') AS code UNION ALL SELECT 'caller', coalesce(OLD.caller_type, "
        "'') UNION ALL SELECT 'urgency', coalesce(OLD.urgency, '') UNION ALL SELECT "
        "'category', code FROM (SELECT DISTINCT CAST(value AS TEXT) AS code FROM "
        "json_each(CASE WHEN json_valid(OLD.categories) THEN OLD.categories ELSE '[]' END)) "
        "UNION ALL SELECT 'uncategorised', '' WHERE NOT EXISTS (SELECT 1 FROM json_each(CASE "
        "WHEN json_valid(OLD.categories) THEN OLD.categories ELSE '[]' END)))); DELETE FROM "
        "stat_call_counts WHERE bucket = CASE substr(OLD.started_at, 12, 2) WHEN '22' THEN "
        "substr(OLD.started_at, 1, 11) || '22' WHEN '23' THEN substr(OLD.started_at, 1, 11) "
        "|| '23' ELSE date(substr(OLD.started_at, 1, 10), '-1 day') || 'T23' END AND n <= 0; "
        "END"
    ),
    "stat_calls_update": (
        "CREATE TRIGGER stat_calls_update AFTER UPDATE OF started_at, line, caller_type, "
        "urgency, categories ON calls BEGIN UPDATE stat_call_hours SET n = n - 1 WHERE hour = "
        "substr(OLD.started_at, 1, 13); DELETE FROM stat_call_hours WHERE hour = "
        "substr(OLD.started_at, 1, 13) AND n <= 0; UPDATE stat_call_counts SET n = n - 1 "
        "WHERE bucket = CASE substr(OLD.started_at, 12, 2) WHEN '22' THEN "
        "substr(OLD.started_at, 1, 11) || '22' WHEN '23' THEN substr(OLD.started_at, 1, 11) "
        "|| '23' ELSE date(substr(OLD.started_at, 1, 10), '-1 day') || 'T23' END AND (dim, "
        "code) IN (SELECT dim, code FROM (SELECT 'line' AS dim, coalesce(OLD.line, '') AS "
        "code UNION ALL SELECT 'caller', coalesce(OLD.caller_type, '') UNION ALL SELECT "
        "'urgency', coalesce(OLD.urgency, '') UNION ALL SELECT 'category', code FROM (SELECT "
        "DISTINCT CAST(value AS TEXT) AS code FROM json_each(CASE WHEN "
        "json_valid(OLD.categories) THEN OLD.categories ELSE '[]' END)) UNION ALL SELECT "
        "'uncategorised', '' WHERE NOT EXISTS (SELECT 1 FROM json_each(CASE WHEN "
        "json_valid(OLD.categories) THEN OLD.categories ELSE '[]' END)))); DELETE FROM "
        "stat_call_counts WHERE bucket = CASE substr(OLD.started_at, 12, 2) WHEN '22' THEN "
        "substr(OLD.started_at, 1, 11) || '22' WHEN '23' THEN substr(OLD.started_at, 1, 11) "
        "|| '23' ELSE date(substr(OLD.started_at, 1, 10), '-1 day') || 'T23' END AND n <= 0; "
        "INSERT INTO stat_call_hours (hour, n) VALUES (substr(NEW.started_at, 1, 13), 1) ON "
        "CONFLICT (hour) DO UPDATE SET n = n + 1; INSERT INTO stat_call_counts (bucket, dim, "
        "code, n) SELECT CASE substr(NEW.started_at, 12, 2) WHEN '22' THEN "
        "substr(NEW.started_at, 1, 11) || '22' WHEN '23' THEN substr(NEW.started_at, 1, 11) "
        "|| '23' ELSE date(substr(NEW.started_at, 1, 10), '-1 day') || 'T23' END, dim, code, "
        "1 FROM (SELECT 'line' AS dim, coalesce(NEW.line, '') AS code UNION ALL SELECT "
        "'caller', coalesce(NEW.caller_type, '') UNION ALL SELECT 'urgency', "
        "coalesce(NEW.urgency, '') UNION ALL SELECT 'category', code FROM (SELECT DISTINCT "
        "CAST(value AS TEXT) AS code FROM json_each(CASE WHEN json_valid(NEW.categories) THEN "
        "NEW.categories ELSE '[]' END)) UNION ALL SELECT 'uncategorised', '' WHERE NOT EXISTS "
        "(SELECT 1 FROM json_each(CASE WHEN json_valid(NEW.categories) THEN NEW.categories "
        "ELSE '[]' END))) WHERE true ON CONFLICT (bucket, dim, code) DO UPDATE SET n = n + 1; "
        "END"
    ),
    "stat_events_insert": (
        "CREATE TRIGGER stat_events_insert AFTER INSERT ON events BEGIN INSERT INTO "
        "stat_event_facts (kind, occurred_at, event_id, stat_key, client_id, amount_minor, "
        "currency) SELECT NEW.kind, NEW.occurred_at, NEW.id, CASE WHEN "
        "json_valid(NEW.payload) THEN json_extract(NEW.payload, CASE NEW.kind WHEN "
        "'court_hearing' THEN '$.proceeding' WHEN 'status_change' THEN '$.to_status' ELSE "
        "'$.type' END) END, NEW.client_id, NEW.amount_minor, NEW.currency WHERE NEW.kind IN "
        "('assistance', 'field_action', 'court_hearing', 'status_change'); END"
    ),
    "stat_events_delete": (
        "CREATE TRIGGER stat_events_delete AFTER DELETE ON events BEGIN DELETE FROM "
        "stat_event_facts WHERE kind = OLD.kind AND occurred_at = OLD.occurred_at AND "
        "event_id = OLD.id; END"
    ),
    "stat_events_update": (
        "CREATE TRIGGER stat_events_update AFTER UPDATE OF kind, occurred_at, payload, "
        "client_id, amount_minor, currency ON events BEGIN DELETE FROM stat_event_facts WHERE "
        "kind = OLD.kind AND occurred_at = OLD.occurred_at AND event_id = OLD.id; INSERT INTO "
        "stat_event_facts (kind, occurred_at, event_id, stat_key, client_id, amount_minor, "
        "currency) SELECT NEW.kind, NEW.occurred_at, NEW.id, CASE WHEN "
        "json_valid(NEW.payload) THEN json_extract(NEW.payload, CASE NEW.kind WHEN "
        "'court_hearing' THEN '$.proceeding' WHEN 'status_change' THEN '$.to_status' ELSE "
        "'$.type' END) END, NEW.client_id, NEW.amount_minor, NEW.currency WHERE NEW.kind IN "
        "('assistance', 'field_action', 'court_hearing', 'status_change'); END"
    ),
}

REBUILD = (
    ("DELETE FROM stat_call_hours"),
    ("DELETE FROM stat_call_counts"),
    ("DELETE FROM stat_event_facts"),
    (
        "INSERT INTO stat_call_hours (hour, n) SELECT substr(started_at, 1, 13), count(*) "
        "FROM calls GROUP BY 1"
    ),
    (
        "INSERT INTO stat_call_counts (bucket, dim, code, n) SELECT b, dim, code, count(*) "
        "FROM (SELECT CASE substr(c.started_at, 12, 2) WHEN '22' THEN substr(c.started_at, 1, "
        "11) || '22' WHEN '23' THEN substr(c.started_at, 1, 11) || '23' ELSE "
        "date(substr(c.started_at, 1, 10), '-1 day') || 'T23' END AS b, 'line' AS dim, "
        "coalesce(c.line, '') AS code FROM calls AS c UNION ALL SELECT CASE "
        "substr(c.started_at, 12, 2) WHEN '22' THEN substr(c.started_at, 1, 11) || '22' WHEN "
        "'23' THEN substr(c.started_at, 1, 11) || '23' ELSE date(substr(c.started_at, 1, 10), "
        "'-1 day') || 'T23' END, 'caller', coalesce(c.caller_type, '') FROM calls AS c UNION "
        "ALL SELECT CASE substr(c.started_at, 12, 2) WHEN '22' THEN substr(c.started_at, 1, "
        "11) || '22' WHEN '23' THEN substr(c.started_at, 1, 11) || '23' ELSE "
        "date(substr(c.started_at, 1, 10), '-1 day') || 'T23' END, 'urgency', "
        "coalesce(c.urgency, '') FROM calls AS c UNION ALL SELECT CASE substr(s, 12, 2) WHEN "
        "'22' THEN substr(s, 1, 11) || '22' WHEN '23' THEN substr(s, 1, 11) || '23' ELSE "
        "date(substr(s, 1, 10), '-1 day') || 'T23' END, 'category', code FROM (SELECT "
        "DISTINCT c.rowid, c.started_at AS s, CAST(j.value AS TEXT) AS code FROM calls AS c, "
        "json_each(CASE WHEN json_valid(c.categories) THEN c.categories ELSE '[]' END) AS j) "
        "UNION ALL SELECT CASE substr(c.started_at, 12, 2) WHEN '22' THEN "
        "substr(c.started_at, 1, 11) || '22' WHEN '23' THEN substr(c.started_at, 1, 11) || "
        "'23' ELSE date(substr(c.started_at, 1, 10), '-1 day') || 'T23' END, 'uncategorised', "
        "'' FROM calls AS c WHERE NOT EXISTS (SELECT 1 FROM json_each(CASE WHEN "
        "json_valid(c.categories) THEN c.categories ELSE '[]' END))) GROUP BY 1, 2, 3"
    ),
    (
        "INSERT INTO stat_event_facts (kind, occurred_at, event_id, stat_key, client_id, "
        "amount_minor, currency) SELECT e.kind, e.occurred_at, e.id, CASE WHEN "
        "json_valid(e.payload) THEN json_extract(e.payload, CASE e.kind WHEN 'court_hearing' "
        "THEN '$.proceeding' WHEN 'status_change' THEN '$.to_status' ELSE '$.type' END) END, "
        "e.client_id, e.amount_minor, e.currency FROM events AS e WHERE e.kind IN "
        "('assistance', 'field_action', 'court_hearing', 'status_change')"
    ),
)

CLIENT_STATS_COLUMNS = [
    "created_at",
    "status",
    "gender",
    "citizenship",
    "birth_date",
    "birth_year",
    "estimated_age",
    "exploitation_types",
    "exploitation_countries",
    "means_of_control",
    "recruiter_relation",
    "code",
    "id",
]


def upgrade() -> None:
    op.create_table(
        "stat_call_hours",
        sa.Column("hour", sa.String(length=13), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("hour", name=op.f("pk_stat_call_hours")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "stat_call_counts",
        sa.Column("bucket", sa.String(length=13), nullable=False),
        sa.Column("dim", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", "dim", "code", name=op.f("pk_stat_call_counts")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "stat_event_facts",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("occurred_at", sa.String(length=27), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("stat_key", sa.String(length=32), nullable=True),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.PrimaryKeyConstraint(
            "kind", "occurred_at", "event_id", name=op.f("pk_stat_event_facts")
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_clients_stats", "clients", CLIENT_STATS_COLUMNS, unique=False)
    for statement in REBUILD:
        op.execute(statement)
    for statement in TRIGGERS.values():
        op.execute(statement)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_clients_stats", table_name="clients")
    op.drop_table("stat_event_facts")
    op.drop_table("stat_call_counts")
    op.drop_table("stat_call_hours")
