"""treaty frameworks and UN recommendations

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 08:39:46.681847
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "frameworks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("adopted", sa.Date(), nullable=True),
        sa.Column("adopted_by", sa.String(length=300), nullable=False),
        sa.Column("entry_into_force", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("preamble", sa.Text(), nullable=False),
        sa.Column("final_clause", sa.Text(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_frameworks")),
        sa.UniqueConstraint("code", name=op.f("uq_frameworks_code")),
    )
    op.create_table(
        "recommendation_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("mechanism", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_sets")),
        sa.UniqueConstraint("code", name=op.f("uq_recommendation_sets_code")),
    )
    op.create_table(
        "framework_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("part", sa.String(length=100), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_framework_articles_framework_id_frameworks"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_framework_articles")),
        sa.UniqueConstraint(
            "framework_id", "number", name=op.f("uq_framework_articles_framework_id")
        ),
    )
    op.create_table(
        "recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("response", sa.String(length=200), nullable=False),
        sa.Column("recommended_by", sa.JSON(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("document", sa.String(length=120), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("cycle", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["recommendation_sets.id"],
            name=op.f("fk_recommendations_set_id_recommendation_sets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
        sa.UniqueConstraint("set_id", "number", name=op.f("uq_recommendations_set_id")),
    )
    op.create_table(
        "recommendation_articles",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["framework_articles.id"],
            name=op.f("fk_recommendation_articles_article_id_framework_articles"),
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_articles_recommendation_id_recommendations"),
        ),
        sa.PrimaryKeyConstraint(
            "recommendation_id", "article_id", name=op.f("pk_recommendation_articles")
        ),
    )
    with op.batch_alter_table("recommendation_articles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_articles_article_id"), ["article_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendation_articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_articles_article_id"))

    op.drop_table("recommendation_articles")
    op.drop_table("recommendations")
    op.drop_table("framework_articles")
    op.drop_table("recommendation_sets")
    op.drop_table("frameworks")
