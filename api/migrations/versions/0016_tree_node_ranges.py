"""tree nodes valid over a range of versions, ordered among siblings by keys

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 21:45:00

`version_nodes` (one row per provision per version, at a global position) becomes
`tree_nodes` (one row per provision for each run of consecutive versions in which its parent,
order key among its siblings, eId and revision stay the same), and every version records the
number from which its rows begin (`nodes_since`); the rules are in `drafts.models`. The
conversion replays each instrument's versions in number order with the store's rule, so the
rows are those the store would have written. Downgrading writes every version's full tree
back as positions. Trees, and so the hashes, are the same either way.
"""

from collections.abc import Sequence
from itertools import groupby

import sqlalchemy as sa
from alembic import op

from drafts.order_keys import sibling_keys

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STRETCH = 4
KEY_ROOM = 60
"""As `drafts.store.STRETCH` and `KEY_ROOM` when this migration was written."""
BATCH = 5_000


def upgrade() -> None:
    op.create_table(
        "tree_nodes",
        sa.Column("provision_id", sa.String(length=36), nullable=False),
        sa.Column("from_version", sa.Integer(), nullable=False),
        sa.Column("until_version", sa.Integer(), nullable=True),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("order_key", sa.String(length=100), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("eid", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.id"],
            name=op.f("fk_tree_nodes_instrument_id_instruments"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["provisions.id"], name=op.f("fk_tree_nodes_parent_id_provisions")
        ),
        sa.ForeignKeyConstraint(
            ["provision_id"], ["provisions.id"], name=op.f("fk_tree_nodes_provision_id_provisions")
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"], ["revisions.id"], name=op.f("fk_tree_nodes_revision_id_revisions")
        ),
        sa.PrimaryKeyConstraint("provision_id", "from_version", name=op.f("pk_tree_nodes")),
    )
    op.create_index(
        "ix_tree_nodes_reading", "tree_nodes", ["instrument_id", "from_version", "until_version"]
    )
    op.create_index("ix_tree_nodes_revision_id", "tree_nodes", ["revision_id"])
    # Added and dropped in place: rebuilding `versions` on SQLite would trip the foreign keys
    # of the tables that point at it. The default only fills the rows until they are set.
    op.add_column(
        "versions", sa.Column("nodes_since", sa.Integer(), nullable=False, server_default="1")
    )

    connection = op.get_bind()
    versions = connection.execute(
        sa.text("SELECT instrument_id, id, number FROM versions ORDER BY instrument_id, number")
    ).all()
    for instrument_id, of_instrument in groupby(versions, key=lambda row: row[0]):
        _convert(connection, instrument_id, [(vid, number) for _, vid, number in of_instrument])

    if connection.dialect.name == "postgresql":
        op.alter_column("versions", "nodes_since", server_default=None)
    op.drop_index("ix_version_nodes_revision_id", table_name="version_nodes")
    op.drop_table("version_nodes")


def _convert(connection, instrument_id: int, versions: list[tuple[int, int]]) -> None:
    """Write the rows of an instrument's versions (id, number), in number order."""
    open_: dict[str, tuple[tuple, dict]] = {}  # provision id → (place, its row)
    rows: list[dict] = []
    since: dict[int, int] = {}
    full_at, begun = None, 0  # the last full write, and the rows begun since
    for vid, number in versions:
        tree = _tree(connection, vid)
        places = _places(tree, open_)
        changed = [pid for pid, place in places.items() if open_.get(pid, (None,))[0] != place]
        full = (
            full_at is None
            or any(len(places[pid][1]) > KEY_ROOM for pid in changed)
            or begun + len(changed) > STRETCH * max(len(places), 1)
        )
        if full:
            places = _places(tree, {})
            changed = list(places)
            full_at, begun = number, 0
        for pid, (place, row) in list(open_.items()):
            if full or places.get(pid) != place:
                row["until_version"] = number
                del open_[pid]
        for pid in changed:
            row = {"provision_id": pid, "from_version": number, "until_version": None}
            row |= {"instrument_id": instrument_id} | dict(zip(_PLACE, places[pid], strict=True))
            rows.append(row)
            open_[pid] = (places[pid], row)
        begun += len(changed)
        since[vid] = full_at
    if rows:
        table = sa.table("tree_nodes", *(sa.column(name) for name in rows[0]))
        for start in range(0, len(rows), BATCH):
            connection.execute(table.insert(), rows[start : start + BATCH])
    connection.execute(
        sa.text("UPDATE versions SET nodes_since = :since WHERE id = :vid"),
        [{"vid": vid, "since": number} for vid, number in since.items()],
    )


_PLACE = ("parent_id", "order_key", "eid", "revision_id")


def _tree(connection, version_id: int) -> list[tuple]:
    """(provision id, parent provision id, eId, revision id) of a version, in document order."""
    rows = connection.execute(
        sa.text(
            "SELECT n.position, n.parent_position, n.eid, n.revision_id, r.provision_id "
            "FROM version_nodes n JOIN revisions r ON r.id = n.revision_id "
            "WHERE n.version_id = :vid ORDER BY n.position"
        ),
        {"vid": version_id},
    ).all()
    provision_at = {position: pid for position, _, _, _, pid in rows}
    return [(pid, provision_at.get(parent), eid, rev) for _, parent, eid, rev, pid in rows]


def _places(tree: list[tuple], open_: dict) -> dict[str, tuple]:
    """Provision id → (parent id, order key, eId, revision id), keeping the keys of `open_`
    as the store does."""
    siblings: dict[str | None, list[tuple]] = {}
    for node in tree:
        siblings.setdefault(node[1], []).append(node)
    places = {}
    for parent, group in siblings.items():
        old = []
        for pid, *_ in group:
            place = open_.get(pid, (None,))[0]
            old.append(place[1] if place and place[0] == parent else None)
        for (pid, _, eid, revision_id), key in zip(group, sibling_keys(old), strict=True):
            places[pid] = (parent, key, eid, revision_id)
    return places


def downgrade() -> None:
    op.create_table(
        "version_nodes",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("parent_position", sa.Integer(), nullable=True),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("eid", sa.String(length=400), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"], ["revisions.id"], name=op.f("fk_version_nodes_revision_id_revisions")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name=op.f("fk_version_nodes_version_id_versions")
        ),
        sa.PrimaryKeyConstraint("version_id", "position", name=op.f("pk_version_nodes")),
    )
    op.create_index("ix_version_nodes_revision_id", "version_nodes", ["revision_id"])
    connection = op.get_bind()
    table = sa.table(
        "version_nodes",
        *(sa.column(name) for name in ("version_id", "position", "parent_position")),
        *(sa.column(name) for name in ("revision_id", "eid")),
    )
    versions = connection.execute(
        sa.text("SELECT id, instrument_id, number, nodes_since FROM versions")
    ).all()
    batch: list[dict] = []
    for vid, instrument_id, number, since in versions:
        rows = connection.execute(
            sa.text(
                "SELECT provision_id, parent_id, order_key, eid, revision_id FROM tree_nodes "
                "WHERE instrument_id = :instrument AND from_version BETWEEN :since AND :number "
                "AND (until_version IS NULL OR until_version > :number)"
            ),
            {"instrument": instrument_id, "since": since, "number": number},
        ).all()
        children: dict[str | None, list[tuple]] = {}
        for row in rows:
            children.setdefault(row[1], []).append(row)
        for group in children.values():
            group.sort(key=lambda row: row[2])
        stack = [(row, None) for row in reversed(children.get(None, []))]
        position = 0
        while stack:
            (pid, _, _, eid, revision_id), parent_position = stack.pop()
            batch.append(
                {
                    "version_id": vid,
                    "position": position,
                    "parent_position": parent_position,
                    "revision_id": revision_id,
                    "eid": eid,
                }
            )
            stack.extend((row, position) for row in reversed(children.get(pid, [])))
            position += 1
        if len(batch) >= BATCH:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)
    op.drop_index("ix_tree_nodes_reading", table_name="tree_nodes")
    op.drop_index("ix_tree_nodes_revision_id", table_name="tree_nodes")
    op.drop_table("tree_nodes")
    op.execute("ALTER TABLE versions DROP COLUMN nodes_since")
