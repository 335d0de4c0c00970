"""search in the database: search documents, SQLite FTS5 or a PostgreSQL tsvector with GIN

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-03 18:20:00

The documents of the texts already stored are written here, from the database, so an
upgraded database finds what it held before.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from alignment.indexing import rebuild
    from alignment.search_engines import POSTGRES_DDL, SQLITE_DDL

    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("instrument_id", sa.Text(), nullable=True),
        sa.Column("version_from", sa.Integer(), nullable=False),
        sa.Column("version_to", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Integer(), nullable=False),
        sa.Column("valid_to", sa.Integer(), nullable=False),
        sa.Column("status", sa.Text(), nullable=True),
        sa.Column("framework", sa.Text(), nullable=True),
        sa.Column("article", sa.Text(), nullable=True),
        sa.Column("eid", sa.Text(), nullable=True),
        sa.Column("provision_id", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint("doc_id", name=op.f("uq_search_documents_doc_id")),
    )
    for column in ("type", "instrument_id", "framework"):
        op.create_index(
            op.f(f"ix_search_documents_{column}"), "search_documents", [column], unique=False
        )
    bind = op.get_bind()
    for statement in POSTGRES_DDL if bind.dialect.name == "postgresql" else (SQLITE_DDL,):
        op.execute(statement)
    if bind.dialect.name != "postgresql":
        return  # SQLite's documents are written by 0017, with the outbox they need
    import api.models  # noqa: F401  every table, for the documents' joins

    with Session(bind=bind) as session:
        rebuild(session)
        session.flush()


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE search_fts")
    op.drop_table("search_documents")
