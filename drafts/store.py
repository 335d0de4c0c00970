"""Writing a version's tree as rows and reading it back, in O(provisions of the version)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from drafts.models import Provision, Revision, VersionNode
from drafts.tree import Node, walk

BATCH = 2_000


def _wording(node: Node) -> tuple[str, str, str, str]:
    return (node.kind, node.num, node.heading, node.text)


def write_tree(
    session: Session,
    *,
    version_id: int,
    instrument_id: int,
    nodes: tuple[Node, ...],
    parent_nodes: tuple[Node, ...],
) -> int:
    """Store `nodes` (every node with a provision id and an eId) as the tree of a version.

    A node whose wording equals its provision's in the parent version shares that
    revision; only changed provisions get a new one. Returns the number of new revisions.
    Rows are written `BATCH` nodes at a time, so a large tree never has all its rows in
    memory at once.
    """
    previous = {node.provision_id: node for node in walk(parent_nodes)}
    others = [node.provision_id for node in walk(nodes) if node.provision_id not in previous]
    known_ids = set(previous) | known_provisions(session, instrument_id, others)
    ordered = list(_with_parents(nodes))
    position_of = {id(node): position for position, (node, _) in enumerate(ordered)}
    created = 0
    for start in range(0, len(ordered), BATCH):
        created += _write_batch(
            session,
            version_id=version_id,
            instrument_id=instrument_id,
            batch=enumerate(ordered[start : start + BATCH], start),
            previous=previous,
            known_ids=known_ids,
            position_of=position_of,
        )
    return created


def _write_batch(
    session: Session,
    *,
    version_id: int,
    instrument_id: int,
    batch: Iterable[tuple[int, tuple[Node, Node | None]]],
    previous: dict[str, Node],
    known_ids: set[str],
    position_of: dict[int, int],
) -> int:
    """The rows of (position, (node, parent)) pairs: their new provisions, their new
    revisions, their places in the version; returns the number of new revisions."""
    batch = list(batch)
    new_provisions = [
        {"id": node.provision_id, "instrument_id": instrument_id}
        for _, (node, _) in batch
        if node.provision_id not in known_ids
    ]
    if new_provisions:
        session.execute(Provision.__table__.insert(), new_provisions)

    revision_of: dict[str, int] = {}
    to_create: list[Node] = []
    for _, (node, _) in batch:
        before = previous.get(node.provision_id)
        if before is not None and before.revision_id and _wording(before) == _wording(node):
            revision_of[node.provision_id] = before.revision_id
        else:
            to_create.append(node)
    if to_create:
        created = session.scalars(
            insert(Revision).returning(Revision.id, sort_by_parameter_order=True),
            [
                {
                    "provision_id": node.provision_id,
                    "kind": node.kind,
                    "num": node.num,
                    "heading": node.heading,
                    "text": node.text,
                }
                for node in to_create
            ],
        ).all()
        revision_of.update(
            (node.provision_id, revision_id)
            for node, revision_id in zip(to_create, created, strict=True)
        )

    rows = [
        {
            "version_id": version_id,
            "position": position,
            "parent_position": position_of[id(parent)] if parent is not None else None,
            "revision_id": revision_of[node.provision_id],
            "eid": node.eid,
        }
        for position, (node, parent) in batch
    ]
    if rows:
        session.execute(VersionNode.__table__.insert(), rows)
    return len(to_create)


def _with_parents(nodes: tuple[Node, ...]):
    """(node, parent) pairs in document order."""
    stack: list[tuple[Node, Node | None]] = [(node, None) for node in reversed(nodes)]
    while stack:
        node, parent = stack.pop()
        yield node, parent
        stack.extend((child, node) for child in reversed(node.children))


def known_provisions(session: Session, instrument_id: int, ids: list[str]) -> set[str]:
    """Those of `ids` that are provisions of the instrument."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        found.update(
            session.scalars(
                select(Provision.id).where(
                    Provision.instrument_id == instrument_id,
                    Provision.id.in_(ids[start : start + 500]),
                )
            )
        )
    return found


def read_tree(session: Session, version_id: int) -> tuple[Node, ...]:
    """The tree of a version, with provision ids, revision ids and eIds."""
    rows = session.execute(
        select(
            VersionNode.position,
            VersionNode.parent_position,
            VersionNode.eid,
            Revision.id,
            Revision.provision_id,
            Revision.kind,
            Revision.num,
            Revision.heading,
            Revision.text,
        )
        .join(Revision, Revision.id == VersionNode.revision_id)
        .where(VersionNode.version_id == version_id)
        .order_by(VersionNode.position)
    ).all()
    children: dict[int | None, list[Node]] = {}
    for position, parent, eid, revision_id, provision_id, kind, num, heading, text in reversed(
        rows
    ):
        node = Node(
            kind=kind,
            num=num,
            heading=heading,
            text=text,
            children=tuple(reversed(children.pop(position, []))),
            provision_id=provision_id,
            revision_id=revision_id,
            eid=eid,
        )
        children.setdefault(parent, []).append(node)
    return tuple(reversed(children.get(None, [])))
