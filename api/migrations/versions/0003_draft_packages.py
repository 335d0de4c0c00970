"""draft packages

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 08:42:18.682373
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('draft_packages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=30), nullable=False),
    sa.Column('stage_since', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('consolidated_at', drafts.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_draft_packages_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_packages'))
    )
    op.create_table('draft_members',
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['draft_id'], ['draft_packages.id'], name=op.f('fk_draft_members_draft_id_draft_packages')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_draft_members_user_id_users')),
    sa.PrimaryKeyConstraint('draft_id', 'user_id', name=op.f('pk_draft_members'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=False),
    sa.Column('attendees', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_meetings_created_by_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['draft_packages.id'], name=op.f('fk_meetings_draft_id_draft_packages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_draft_id'), ['draft_id'], unique=False)

    op.create_table('draft_stage_moves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('from_stage', sa.String(length=30), nullable=True),
    sa.Column('to_stage', sa.String(length=30), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['draft_id'], ['draft_packages.id'], name=op.f('fk_draft_stage_moves_draft_id_draft_packages')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_draft_stage_moves_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_draft_stage_moves_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_stage_moves'))
    )
    with op.batch_alter_table('draft_stage_moves', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_stage_moves_draft_id'), ['draft_id'], unique=False)

    op.create_table('draft_targets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('base_version_id', sa.Integer(), nullable=False),
    sa.Column('creates_instrument', sa.Boolean(), nullable=False),
    sa.Column('result_version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['base_version_id'], ['versions.id'], name=op.f('fk_draft_targets_base_version_id_versions')),
    sa.ForeignKeyConstraint(['draft_id'], ['draft_packages.id'], name=op.f('fk_draft_targets_draft_id_draft_packages')),
    sa.ForeignKeyConstraint(['instrument_id'], ['instruments.id'], name=op.f('fk_draft_targets_instrument_id_instruments')),
    sa.ForeignKeyConstraint(['result_version_id'], ['versions.id'], name=op.f('fk_draft_targets_result_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft_targets'))
    )
    with op.batch_alter_table('draft_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_targets_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_draft_targets_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('amendments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('provision_id', sa.String(length=36), nullable=True),
    sa.Column('anchor_id', sa.String(length=36), nullable=True),
    sa.Column('position', sa.String(length=20), nullable=True),
    sa.Column('num', sa.String(length=50), nullable=True),
    sa.Column('heading', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('nodes', sa.JSON(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('treaty_refs', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('decided_by', sa.Integer(), nullable=True),
    sa.Column('decided_at', drafts.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('consolidated_version_id', sa.Integer(), nullable=True),
    sa.Column('created_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('replace_text', 'replace_heading', 'insert', 'delete', 'move', 'renumber')", name=op.f('ck_amendments_kind')),
    sa.CheckConstraint("status IN ('proposed', 'accepted', 'rejected', 'withdrawn')", name=op.f('ck_amendments_status')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_amendments_author_id_users')),
    sa.ForeignKeyConstraint(['consolidated_version_id'], ['versions.id'], name=op.f('fk_amendments_consolidated_version_id_versions')),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_amendments_decided_by_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['draft_packages.id'], name=op.f('fk_amendments_draft_id_draft_packages')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_amendments_meeting_id_meetings')),
    sa.ForeignKeyConstraint(['target_id'], ['draft_targets.id'], name=op.f('fk_amendments_target_id_draft_targets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendments'))
    )
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendments_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amendments_target_id'), ['target_id'], unique=False)

    op.create_table('amendment_saves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('saved_by', sa.Integer(), nullable=False),
    sa.Column('saved_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendments.id'], name=op.f('fk_amendment_saves_amendment_id_amendments')),
    sa.ForeignKeyConstraint(['saved_by'], ['users.id'], name=op.f('fk_amendment_saves_saved_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amendment_saves'))
    )
    with op.batch_alter_table('amendment_saves', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amendment_saves_amendment_id'), ['amendment_id'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('draft_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('amendment_id', sa.Integer(), nullable=True),
    sa.Column('provision_id', sa.String(length=36), nullable=True),
    sa.Column('eid', sa.String(length=400), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('mentions', sa.JSON(), nullable=False),
    sa.Column('resolved_at', drafts.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.Integer(), nullable=True),
    sa.Column('created_at', drafts.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('lock_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendments.id'], name=op.f('fk_comments_amendment_id_amendments')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users')),
    sa.ForeignKeyConstraint(['draft_id'], ['draft_packages.id'], name=op.f('fk_comments_draft_id_draft_packages')),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments')),
    sa.ForeignKeyConstraint(['resolved_by'], ['users.id'], name=op.f('fk_comments_resolved_by_users')),
    sa.ForeignKeyConstraint(['version_id'], ['versions.id'], name=op.f('fk_comments_version_id_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comments_amendment_id'), ['amendment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_draft_id'), ['draft_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_provision_id'), ['provision_id'], unique=False)

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_audit_log_draft_id'), ['draft_id'], unique=False)

    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_versions_draft_id_draft_packages'), 'draft_packages', ['draft_id'], ['id'])




def downgrade() -> None:

    with op.batch_alter_table('versions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_versions_draft_id_draft_packages'), type_='foreignkey')
        batch_op.drop_column('draft_id')

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_draft_id'))
        batch_op.drop_column('draft_id')

    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comments_provision_id'))
        batch_op.drop_index(batch_op.f('ix_comments_draft_id'))
        batch_op.drop_index(batch_op.f('ix_comments_amendment_id'))

    op.drop_table('comments')
    with op.batch_alter_table('amendment_saves', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendment_saves_amendment_id'))

    op.drop_table('amendment_saves')
    with op.batch_alter_table('amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amendments_target_id'))
        batch_op.drop_index(batch_op.f('ix_amendments_draft_id'))

    op.drop_table('amendments')
    with op.batch_alter_table('draft_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_targets_instrument_id'))
        batch_op.drop_index(batch_op.f('ix_draft_targets_draft_id'))

    op.drop_table('draft_targets')
    with op.batch_alter_table('draft_stage_moves', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_stage_moves_draft_id'))

    op.drop_table('draft_stage_moves')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_draft_id'))

    op.drop_table('meetings')
    op.drop_table('draft_members')
    op.drop_table('draft_packages')

