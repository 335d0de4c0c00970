"""regulation tracking: commencement per provision, obligations to adopt implementing acts

Revision ID: 0014
Revises: 0010
Create Date: 2026-12-03 18:00:00

Commencements are recorded beside a version, append-only: which of its provisions (none: the
whole version) come into force on which date, or on a date another instrument sets later.
Obligations: the implementing acts a provision requires of a body, proposed from the wording
and reviewed by people, with a due date and the draft package and instrument that fulfil them.
Consultation: the guest role (outside organisations), their invitations to a draft, their
comments on provisions and the drafters' responses.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0014"
down_revision: str | None = "0013"
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
    op.create_table(
        "obligations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("instrument_id", sa.Integer(), sa.ForeignKey("instruments.id"), nullable=False),
        sa.Column(
            "provision_id", sa.String(length=36), sa.ForeignKey("provisions.id"), nullable=False
        ),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("body", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("phrase", sa.String(length=300), nullable=False),
        sa.Column("pattern", sa.String(length=40), nullable=False),
        sa.Column("review", sa.String(length=20), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("draft_id", sa.Integer(), sa.ForeignKey("draft_packages.id"), nullable=True),
        sa.Column(
            "adopted_instrument_id", sa.Integer(), sa.ForeignKey("instruments.id"), nullable=True
        ),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
    )
    for column in ("instrument_id", "provision_id", "draft_id"):
        op.create_index(f"ix_obligations_{column}", "obligations", [column])
    _roles(ROLES)
    op.create_table(
        "consultation_invitations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("draft_id", sa.Integer(), sa.ForeignKey("draft_packages.id"), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("invited_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "draft_id", "user_id", name=op.f("uq_consultation_invitations_draft_id")
        ),
    )
    for column in ("draft_id", "user_id"):
        op.create_index(
            f"ix_consultation_invitations_{column}", "consultation_invitations", [column]
        )
    op.create_table(
        "consultation_comments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("draft_id", sa.Integer(), sa.ForeignKey("draft_packages.id"), nullable=False),
        sa.Column("instrument_id", sa.Integer(), sa.ForeignKey("instruments.id"), nullable=False),
        sa.Column(
            "provision_id", sa.String(length=36), sa.ForeignKey("provisions.id"), nullable=False
        ),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("responded_by", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("responded_at", drafts.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lock_version", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_consultation_comments_draft_id", "consultation_comments", ["draft_id"]
    )


ROLES = ("admin", "drafter", "reviewer", "viewer", "guest")


def _roles(roles: tuple[str, ...]) -> None:
    """Let the users table hold exactly these roles."""
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.create_check_constraint(
            op.f("ck_users_role"), "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"
        )


def downgrade() -> None:
    op.drop_index("ix_consultation_comments_draft_id", table_name="consultation_comments")
    op.drop_table("consultation_comments")
    for column in ("draft_id", "user_id"):
        op.drop_index(
            f"ix_consultation_invitations_{column}", table_name="consultation_invitations"
        )
    op.drop_table("consultation_invitations")
    op.execute("DELETE FROM users WHERE role = 'guest'")
    _roles(ROLES[:-1])
    for column in ("instrument_id", "provision_id", "draft_id"):
        op.drop_index(f"ix_obligations_{column}", table_name="obligations")
    op.drop_table("obligations")
    op.drop_table("commencement_provisions")
    op.drop_index("ix_commencements_version_id", table_name="commencements")
    op.drop_table("commencements")
