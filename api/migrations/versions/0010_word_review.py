"""word review: who made a tracked change or wrote a comment in Word

Revision ID: 0010
Revises: 0011
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("amendments", "comments"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("word_author", sa.String(length=200), nullable=False, server_default="")
            )
            batch.add_column(sa.Column("word_date", drafts.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for table in ("amendments", "comments"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("word_date")
            batch.drop_column("word_author")
