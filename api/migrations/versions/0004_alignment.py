"""alignment

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 08:58:30.260502
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provision_id", sa.String(length=36), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("recommendation_id", sa.Integer(), nullable=True),
        sa.Column("relation", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("amendment_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_revision_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", drafts.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "relation IN ('implements', 'partially_implements', 'references', 'conflicts_with')",
            name=op.f("ck_alignments_relation"),
        ),
        sa.CheckConstraint(
            "source IN ('manual', 'amendment', 'suggester')", name=op.f("ck_alignments_source")
        ),
        sa.CheckConstraint(
            "status IN ('suggested', 'confirmed', 'rejected')", name=op.f("ck_alignments_status")
        ),
        sa.CheckConstraint(
            "(article_id IS NULL AND recommendation_id IS NOT NULL)"
            " OR (article_id IS NOT NULL AND recommendation_id IS NULL)",
            name=op.f("ck_alignments_one_target"),
        ),
        sa.ForeignKeyConstraint(
            ["amendment_id"], ["amendments.id"], name=op.f("fk_alignments_amendment_id_amendments")
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["framework_articles.id"],
            name=op.f("fk_alignments_article_id_framework_articles"),
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_alignments_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.id"],
            name=op.f("fk_alignments_instrument_id_instruments"),
        ),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["provisions.id"], name=op.f("fk_alignments_provision_id_provisions")
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_alignments_recommendation_id_recommendations"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by"], ["users.id"], name=op.f("fk_alignments_reviewed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_revision_id"],
            ["revisions.id"],
            name=op.f("fk_alignments_reviewed_revision_id_revisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alignments")),
        sa.UniqueConstraint("provision_id", "article_id", name="uq_alignments_provision_article"),
        sa.UniqueConstraint(
            "provision_id", "recommendation_id", name="uq_alignments_provision_recommendation"
        ),
    )
    with op.batch_alter_table("alignments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alignments_article_id"), ["article_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_alignments_instrument_id"), ["instrument_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alignments_provision_id"), ["provision_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_alignments_recommendation_id"), ["recommendation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("alignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alignments_recommendation_id"))
        batch_op.drop_index(batch_op.f("ix_alignments_provision_id"))
        batch_op.drop_index(batch_op.f("ix_alignments_instrument_id"))
        batch_op.drop_index(batch_op.f("ix_alignments_article_id"))

    op.drop_table("alignments")
