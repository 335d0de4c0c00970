"""linked language versions: language texts of one instrument, linked provision by provision

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-03 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0013"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "language_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(length=20), nullable=False),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "authority IN ('official', 'working')", name=op.f("ck_language_versions_authority")
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"], ["instruments.id"], name=op.f("fk_language_versions_instrument_id_instruments")
        ),
        sa.ForeignKeyConstraint(
            ["set_id"], ["instruments.id"], name=op.f("fk_language_versions_set_id_instruments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_language_versions")),
        sa.UniqueConstraint("instrument_id", name=op.f("uq_language_versions_instrument_id")),
    )
    op.create_index(
        op.f("ix_language_versions_set_id"), "language_versions", ["set_id"], unique=False
    )
    op.create_table(
        "provision_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=36), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.String(length=36), nullable=False),
        sa.Column("synced_revision_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"], ["instruments.id"], name=op.f("fk_provision_links_instrument_id_instruments")
        ),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["provisions.id"], name=op.f("fk_provision_links_provision_id_provisions")
        ),
        sa.ForeignKeyConstraint(
            ["set_id"], ["instruments.id"], name=op.f("fk_provision_links_set_id_instruments")
        ),
        sa.ForeignKeyConstraint(
            ["synced_revision_id"], ["revisions.id"], name=op.f("fk_provision_links_synced_revision_id_revisions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provision_links")),
        sa.UniqueConstraint("provision_id", name=op.f("uq_provision_links_provision_id")),
        sa.UniqueConstraint(
            "set_id", "key", "instrument_id", name=op.f("uq_provision_links_set_id")
        ),
    )
    op.create_index(op.f("ix_provision_links_set_id"), "provision_links", ["set_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_provision_links_set_id"), table_name="provision_links")
    op.drop_table("provision_links")
    op.drop_index(op.f("ix_language_versions_set_id"), table_name="language_versions")
    op.drop_table("language_versions")
