"""search stamp: a token that changes with every committed change to the search documents

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 17:00:00

One row, given a new random token in the transaction of any change to the search documents;
a search answer is kept under it and served again while it has not changed
(`alignment.search`).
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    state = op.create_table(
        "search_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stamp", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_state")),
    )
    op.bulk_insert(state, [{"id": 1, "stamp": secrets.token_hex(16)}])


def downgrade() -> None:
    op.drop_table("search_state")
