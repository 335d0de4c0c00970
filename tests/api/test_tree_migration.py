"""Migration 0016 both ways: version nodes at positions become tree rows over version ranges
and back, on the database the tests run on, with every tree and hash as it was."""

from __future__ import annotations

from dataclasses import replace

from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from api.migrate import alembic_config, upgrade
from drafts import service
from drafts.db import make_engine
from drafts.integrity import verify_versions
from drafts.models import TreeNode, Version
from drafts.schemas import InstrumentCreate
from drafts.tree import Node, from_dict, walk
from tests import live
from tests.conftest import SYSTEM
from tests.factories import big_law, instrument_body


def add_history(session: Session) -> None:
    """A law of four versions: edits, an insertion, a move, and one from an older base."""
    law = service.create_instrument(
        session=session, data=InstrumentCreate(**instrument_body()), actor=SYSTEM
    )
    add = service.create_version
    first = add(
        session=session,
        instrument=law,
        provisions=tuple(from_dict(p) for p in big_law(8, 2)),
        actor=SYSTEM,
    )
    one = service.read_tree(session=session, version=first)
    moved = one[0].children[1]
    two = (
        replace(one[0], children=one[0].children[:1]),
        *one[1:4],
        Node("article", "4a", text="Inserted."),
        replace(one[4], children=(*one[4].children, replace(moved, num="3"))),
        *one[5:],
    )
    add(session=session, instrument=law, provisions=two, actor=SYSTEM)
    three = (*one[:2], replace(one[2], heading="Renamed"), *one[3:])
    third = add(session=session, instrument=law, provisions=three, actor=SYSTEM, parent_number=1)
    four = service.read_tree(session=session, version=third)[1:]
    add(session=session, instrument=law, provisions=four, actor=SYSTEM)
    session.commit()


def trees(session: Session) -> dict[int, list]:
    """Version id → its tree in document order: (eId, revision id, depth-first parent eId)."""
    found = {}
    for version in session.scalars(select(Version).order_by(Version.id)):
        found[version.id] = [
            (node.eid, node.revision_id, tuple(c.eid for c in node.children))
            for node in walk(service.read_tree(session=session, version=version))
        ]
    return found


def tree_rows(session: Session) -> set[tuple]:
    table = TreeNode.__table__
    return set(session.execute(select(*table.c)).all())


def test_the_tree_rows_go_to_positions_and_come_back_the_same(tmp_path):
    with live.fresh_database(tmp_path) as url:
        engine = make_engine(url, connections=1)
        with Session(engine) as session:
            add_history(session)
            before, rows = trees(session), tree_rows(session)
            hashes = dict(session.execute(select(Version.id, Version.content_hash)).all())
        command.downgrade(alembic_config(url), "0015")
        with engine.connect() as connection:
            for version_id, tree in before.items():
                positions = connection.execute(
                    text(
                        "SELECT eid, revision_id FROM version_nodes WHERE version_id = :v "
                        "ORDER BY position"
                    ),
                    {"v": version_id},
                ).all()
                assert [tuple(row) for row in positions] == [node[:2] for node in tree]
        upgrade(url)
        with Session(engine) as session:
            assert trees(session) == before
            assert tree_rows(session) == rows  # what the store itself had written
            assert dict(session.execute(select(Version.id, Version.content_hash)).all()) == hashes
            assert verify_versions(session)[1] == []
        engine.dispose()
