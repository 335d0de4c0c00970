"""tamper evidence: version hashes cover status and effective date; signed checkpoints

Revision ID: 0006
Revises: 0009
Create Date: 2026-11-24 10:00:00.000000

Every version's hash is recomputed with its status and effective date, in chain order, after
checking it against the hash it had: a database whose history was already changed is not
upgraded (restore a backup, or find the change with `kanun verify` of the release before).
The canonical form is written out here so that this migration keeps its meaning.
"""

import hashlib
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import drafts.db

revision: str = "0006"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64


def _tree(rows) -> bytes:
    children: dict = {}
    for position, parent, kind, num, heading, text, provision_id in reversed(rows):
        node = [kind, num, heading, text, provision_id, list(reversed(children.pop(position, [])))]
        children.setdefault(parent, []).append(node)
    roots = list(reversed(children.get(None, [])))
    return json.dumps(roots, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _hash(parent: str | None, tree: bytes, facts: list | None) -> str:
    digest = hashlib.sha256()
    digest.update((parent or GENESIS).encode("ascii"))
    digest.update(b"\n")
    if facts is not None:
        digest.update(json.dumps(facts, separators=(",", ":")).encode("ascii"))
        digest.update(b"\n")
    digest.update(tree)
    return digest.hexdigest()


def upgrade() -> None:
    op.create_table(
        "chain_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", drafts.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chain_checkpoints")),
        sa.UniqueConstraint("sequence", name=op.f("uq_chain_checkpoints_sequence")),
    )
    connection = op.get_bind()
    versions = connection.execute(
        sa.text(
            "SELECT id, instrument_id, number, status, effective_date, parent_id, content_hash "
            "FROM versions ORDER BY instrument_id, number"
        )
    ).all()
    old: dict[int, str] = {}
    new: dict[int, str] = {}
    for vid, instrument, number, status, effective, parent, stored in versions:
        rows = connection.execute(
            sa.text(
                "SELECT n.position, n.parent_position, r.kind, r.num, r.heading, r.text, "
                "r.provision_id FROM version_nodes n JOIN revisions r ON r.id = n.revision_id "
                "WHERE n.version_id = :vid ORDER BY n.position"
            ),
            {"vid": vid},
        ).all()
        tree = _tree(rows)
        if _hash(old.get(parent), tree, None) != stored:
            raise RuntimeError(
                f"Version {number} of instrument {instrument} does not match its recorded hash: "
                "its history was changed. Restore a backup before upgrading."
            )
        old[vid] = stored
        when = effective if effective is None or isinstance(effective, str) else effective.isoformat()
        new[vid] = _hash(new.get(parent), tree, [status, when])
        connection.execute(
            sa.text("UPDATE versions SET content_hash = :hash WHERE id = :vid"),
            {"hash": new[vid], "vid": vid},
        )


def downgrade() -> None:
    op.drop_table("chain_checkpoints")
