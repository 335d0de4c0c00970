"""search outbox: SQLite deployments search a tantivy index fed by an outbox

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 22:10:00

On SQLite the FTS5 table goes; an outbox table takes the ids of the documents written in
each transaction, and the tantivy index beside the database file applies them before a
search (a missing index is built from the documents already stored, so an upgraded
database finds what it held before). PostgreSQL keeps its tsvector and is not touched.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return
    op.execute("DROP TABLE search_fts")
    op.create_table(
        "search_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_outbox")),
    )


def downgrade() -> None:
    from alignment.search_analysis import terms
    from alignment.search_engines import SQLITE_DDL

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        return
    op.drop_table("search_outbox")
    op.execute(SQLITE_DDL)
    rows = bind.execute(sa.text("SELECT id, title, text, language FROM search_documents"))
    values = [
        {"i": i, "t": " ".join(terms(title, lang)), "b": " ".join(terms(body, lang)), "l": lang}
        for i, title, body, lang in rows.all()
    ]
    if values:
        bind.execute(
            sa.text("INSERT INTO search_fts (rowid, title, body, lang) VALUES (:i, :t, :b, :l)"),
            values,
        )
