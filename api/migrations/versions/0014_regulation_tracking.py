"""regulation tracking: commencement per provision

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-03 18:00:00

Commencements are recorded beside a version, append-only: which of its provisions (none: the
whole version) come into force on which date, or on a date another instrument sets later.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0014"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "commencements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("commences_on", sa.Date(), nullable=True),
        sa.Column("by_instrument_id", sa.Integer(), sa.ForeignKey("instruments.id")),
        sa.Column("by_title", sa.String(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_commencements_version_id", "commencements", ["version_id"])
    op.create_table(
        "commencement_provisions",
        sa.Column(
            "commencement_id",
            sa.Integer(),
            sa.ForeignKey("commencements.id"),
            primary_key=True,
        ),
        sa.Column(
            "provision_id", sa.String(length=36), sa.ForeignKey("provisions.id"), primary_key=True
        ),
    )


def downgrade() -> None:
    op.drop_table("commencement_provisions")
    op.drop_index("ix_commencements_version_id", table_name="commencements")
    op.drop_table("commencements")
