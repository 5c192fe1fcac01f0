"""A client's name as written in Cyrillic, for names no transliteration rule can decide.

`Djordje Petrovic` typed in ASCII is Ђорђе Петровић, but `dj` is also д + ј (odjednom) and a
final `c` may be ц or ћ; Cyrillic documents print this field when it is filled.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("name_cyrillic", sa.String(length=240), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("name_cyrillic")
