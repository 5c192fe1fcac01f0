"""Sync: enrolled peers, batch ledger, quarantine, conflict queue, the history of field writes
received from the office, and an index on the outbox by record (field history look-ups).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An early draft of this revision kept field history with a trigger; it is gone.
    op.execute("DROP TRIGGER IF EXISTS sync_field_writes_from_changes")
    op.create_index("ix_changes_entity_id", "changes", ["entity_id"], unique=False)
    op.create_table(
        "sync_peers",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("desk_code", sa.String(length=8), nullable=False),
        sa.Column("sign_public", sa.LargeBinary(), nullable=False),
        sa.Column("box_public", sa.LargeBinary(), nullable=False),
        sa.Column("fingerprint", sa.String(length=40), nullable=False),
        sa.Column("enrolled_at", sa.String(length=27), nullable=False),
        sa.Column("enrolled_by", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.String(length=27), nullable=True),
        sa.Column("revoked_by", sa.String(length=64), nullable=True),
        sa.Column("sent_through", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_peers")),
        sa.UniqueConstraint("desk_code", name=op.f("uq_sync_peers_desk_code")),
    )
    op.create_table(
        "sync_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("peer", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=27), nullable=False),
        sa.Column("recorded_at", sa.String(length=27), nullable=False),
        sa.Column("done_at", sa.String(length=27), nullable=True),
        sa.Column("first_change", sa.Integer(), nullable=True),
        sa.Column("last_change", sa.Integer(), nullable=True),
        sa.Column("audit_seq", sa.Integer(), nullable=True),
        sa.Column("audit_hash", sa.String(length=64), nullable=True),
        sa.Column("ack_seq", sa.Integer(), nullable=True),
        sa.Column("ack_hash", sa.String(length=64), nullable=True),
        sa.Column("held_file", sa.String(length=120), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_batches")),
    )
    op.create_index(
        "ix_sync_batches_peer_seq", "sync_batches", ["direction", "peer", "seq"], unique=False
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.String(length=27), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("stored_as", sa.String(length=255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("peer", sa.String(length=36), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_quarantine")),
    )
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("detected_at", sa.String(length=27), nullable=False),
        sa.Column("resolved_at", sa.String(length=27), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolution", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
        sa.UniqueConstraint(
            "entity",
            "entity_id",
            "field",
            "base_version",
            name=op.f("uq_sync_conflicts_entity_entity_id_field_base_version"),
        ),
    )
    op.create_table(
        "sync_field_writes",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("hlc", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint(
            "entity", "entity_id", "field", "hlc", name=op.f("pk_sync_field_writes")
        ),
    )


def downgrade() -> None:
    op.drop_table("sync_field_writes")
    op.drop_table("sync_conflicts")
    op.drop_table("sync_quarantine")
    op.drop_index("ix_sync_batches_peer_seq", table_name="sync_batches")
    op.drop_table("sync_batches")
    op.drop_table("sync_peers")
    op.drop_index("ix_changes_entity_id", table_name="changes")
