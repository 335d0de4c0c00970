"""procedural articles

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-03 15:00:00

Articles about a treaty's own machinery (committees, reports, ratification) are marked, so
suggestions and coverage can leave them out. The shipped treaties already in a database are
marked here; `kanun load-frameworks` keeps them so from their files.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROCEDURAL = {"CRC": range(43, 55), "CRPD": range(34, 51), "CEDAW": range(17, 31)}


def upgrade() -> None:
    with op.batch_alter_table("framework_articles") as batch:
        batch.add_column(
            sa.Column("procedural", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    articles = sa.table(
        "framework_articles",
        sa.column("framework_id", sa.Integer),
        sa.column("number", sa.String),
        sa.column("procedural", sa.Boolean),
    )
    frameworks = sa.table("frameworks", sa.column("id", sa.Integer), sa.column("code", sa.String))
    for code, numbers in PROCEDURAL.items():
        owner = sa.select(frameworks.c.id).where(frameworks.c.code == code).scalar_subquery()
        op.execute(
            articles.update()
            .where(
                articles.c.framework_id == owner,
                articles.c.number.in_([str(number) for number in numbers]),
            )
            .values(procedural=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("framework_articles") as batch:
        batch.drop_column("procedural")
