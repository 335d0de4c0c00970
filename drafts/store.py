"""Writing a version's tree as rows valid over a run of versions, and reading it back.

The rules of the layout are in `drafts.models`. Writing costs O(what changed since the
version numbered before); reading a version is one indexed query over its own rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from drafts.models import Provision, Revision, TreeNode, Version
from drafts.order_keys import sibling_keys
from drafts.tree import Node, stored_node, walk

STRETCH = 4
"""A version is written in full when the rows begun since the last full write would pass
this many times the size of its tree: reads never scan more than that."""
KEY_ROOM = 60
"""Order keys grow by a digit for about every six insertions at the same place; a version
that would hold a longer one is written in full, which spreads the keys anew."""
CHUNK = 500
BATCH = 2_000
"""Rows inserted per statement, so a large tree never has all its row dicts in memory at once."""

_NODES = TreeNode.__table__
_REVISIONS = Revision.__table__


@dataclass(frozen=True, slots=True)
class Place:
    """What a tree row says of a provision: the part of it that, changed, needs a new row."""

    parent_id: str | None
    order_key: str
    eid: str
    revision_id: int


def _wording(node: Node) -> tuple[str, str, str, str]:
    return (node.kind, node.num, node.heading, node.text)


def write_tree(
    session: Session,
    *,
    version: Version,
    previous: Version | None,
    nodes: tuple[Node, ...],
    parent_nodes: tuple[Node, ...],
) -> int:
    """Store `nodes` (every node with a provision id and an eId) as the tree of `version`,
    whose number follows `previous` (the instrument's newest version before it, or None), and
    set `version.nodes_since`.

    A node whose wording equals its provision's in the parent version (`parent_nodes`) shares
    that revision; only changed provisions get a new one. Returns the number of new revisions.
    """
    revision_of, new_revisions = _revisions(session, version.instrument_id, nodes, parent_nodes)
    before = _open_places(session, previous) if previous is not None else {}
    after = _places(nodes, revision_of, before)
    changed = [pid for pid, place in after.items() if before.get(pid) != place]
    full = (
        previous is None
        or any(len(after[pid].order_key) > KEY_ROOM for pid in changed)
        or _rows_since(session, previous) + len(changed) > STRETCH * max(len(after), 1)
    )
    if full:
        after = _places(nodes, revision_of, {})
        changed = list(after)
        version.nodes_since = version.number
        if previous is not None:
            session.execute(
                update(_NODES).where(_open(previous)).values(until_version=version.number)
            )
    else:
        version.nodes_since = previous.nodes_since
        closing = [pid for pid in before if after.get(pid) != before[pid]]
        for start in range(0, len(closing), CHUNK):
            session.execute(
                update(_NODES)
                .where(
                    _NODES.c.provision_id.in_(closing[start : start + CHUNK]),
                    _NODES.c.until_version.is_(None),
                )
                .values(until_version=version.number)
            )
    for start in range(0, len(changed), BATCH):
        session.execute(
            _NODES.insert(),
            [
                {
                    "provision_id": pid,
                    "from_version": version.number,
                    "until_version": None,
                    "instrument_id": version.instrument_id,
                    "parent_id": after[pid].parent_id,
                    "order_key": after[pid].order_key,
                    "eid": after[pid].eid,
                    "revision_id": after[pid].revision_id,
                }
                for pid in changed[start : start + BATCH]
            ],
        )
    return new_revisions


def _revisions(
    session: Session, instrument_id: int, nodes: tuple[Node, ...], parent_nodes: tuple[Node, ...]
) -> tuple[dict[str, int], int]:
    """(provision id → revision id for every node, revisions created): new provisions and
    changed wordings are stored; unchanged ones share the parent's revision."""
    previous = {node.provision_id: node for node in walk(parent_nodes)}
    ordered = list(walk(nodes))
    others = [node.provision_id for node in ordered if node.provision_id not in previous]
    known_ids = set(previous) | known_provisions(session, instrument_id, others)
    new_provisions = [
        {"id": node.provision_id, "instrument_id": instrument_id}
        for node in ordered
        if node.provision_id not in known_ids
    ]
    if new_provisions:
        session.execute(Provision.__table__.insert(), new_provisions)

    revision_of: dict[str, int] = {}
    to_create: list[Node] = []
    for node in ordered:
        before = previous.get(node.provision_id)
        if before is not None and before.revision_id and _wording(before) == _wording(node):
            revision_of[node.provision_id] = before.revision_id
        else:
            to_create.append(node)
    for start in range(0, len(to_create), BATCH):
        batch = to_create[start : start + BATCH]
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
                for node in batch
            ],
        ).all()
        revision_of.update(
            (node.provision_id, revision_id)
            for node, revision_id in zip(batch, created, strict=True)
        )
    return revision_of, len(to_create)


def _places(
    nodes: tuple[Node, ...], revision_of: dict[str, int], before: dict[str, Place]
) -> dict[str, Place]:
    """Provision id → its place in the tree `nodes`, keeping the order keys of `before` where
    the provision keeps its parent and its order among the siblings that keep theirs."""
    places: dict[str, Place] = {}
    groups: list[tuple[str | None, tuple[Node, ...]]] = [(None, nodes)]
    while groups:
        parent_id, siblings = groups.pop()
        old = []
        for node in siblings:
            place = before.get(node.provision_id)
            old.append(place.order_key if place and place.parent_id == parent_id else None)
        for node, key in zip(siblings, sibling_keys(old), strict=True):
            places[node.provision_id] = Place(
                parent_id, key, node.eid, revision_of[node.provision_id]
            )
            if node.children:
                groups.append((node.provision_id, node.children))
    return places


def known_provisions(session: Session, instrument_id: int, ids: list[str]) -> set[str]:
    """Those of `ids` that are provisions of the instrument."""
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        found.update(
            session.scalars(
                select(Provision.id).where(
                    Provision.instrument_id == instrument_id,
                    Provision.id.in_(ids[start : start + CHUNK]),
                )
            )
        )
    return found


def shows(version: Version) -> ColumnElement[bool]:
    """The condition on `TreeNode` rows that picks the tree of `version`: its index range is
    the rows begun since the version's last full write, so it never reads the whole history."""
    return and_(
        _NODES.c.instrument_id == version.instrument_id,
        _NODES.c.from_version.between(version.nodes_since, version.number),
        or_(_NODES.c.until_version.is_(None), _NODES.c.until_version > version.number),
    )


def _open(version: Version) -> ColumnElement[bool]:
    """The rows still open after `version`, the newest: its tree."""
    return and_(
        _NODES.c.instrument_id == version.instrument_id,
        _NODES.c.from_version.between(version.nodes_since, version.number),
        _NODES.c.until_version.is_(None),
    )


def _open_places(session: Session, newest: Version) -> dict[str, Place]:
    rows = session.execute(
        select(
            _NODES.c.provision_id,
            _NODES.c.parent_id,
            _NODES.c.order_key,
            _NODES.c.eid,
            _NODES.c.revision_id,
        ).where(_open(newest))
    )
    return {pid: Place(parent, key, eid, revision) for pid, parent, key, eid, revision in rows}


def _rows_since(session: Session, newest: Version) -> int:
    """Rows begun since the last full write before `newest`, `newest`'s included."""
    return session.scalar(
        select(func.count())
        .select_from(_NODES)
        .where(
            _NODES.c.instrument_id == newest.instrument_id,
            _NODES.c.from_version >= newest.nodes_since,
        )
    )


def read_tree(session: Session, version: Version) -> tuple[Node, ...]:
    """The tree of a version, with provision ids, revision ids and eIds."""
    rows = session.execute(
        select(
            _NODES.c.provision_id,
            _NODES.c.parent_id,
            _NODES.c.order_key,
            _NODES.c.eid,
            _REVISIONS.c.id,
            _REVISIONS.c.kind,
            _REVISIONS.c.num,
            _REVISIONS.c.heading,
            _REVISIONS.c.text,
        )
        .join(_REVISIONS, _REVISIONS.c.id == _NODES.c.revision_id)
        .where(shows(version))
    ).all()
    return _build(rows)


def _build(rows: Iterable) -> tuple[Node, ...]:
    """The forest of rows (provision id, parent id, order key, eId, revision id, kind, num,
    heading, text), siblings in order-key order."""
    children: dict[str | None, list] = {}
    for row in rows:
        group = children.get(row[1])
        if group is None:
            children[row[1]] = [row]
        else:
            group.append(row)
    for group in children.values():
        group.sort(key=itemgetter(2))
    order = []
    stack = list(reversed(children.get(None, ())))
    while stack:
        row = stack.pop()
        order.append(row)
        below = children.get(row[0])
        if below:
            stack.extend(reversed(below))
    built: dict[str, Node] = {}
    pop = built.pop
    for pid, _, _, eid, revision_id, kind, num, heading, text in reversed(order):
        below = children.get(pid)
        kids = tuple([pop(row[0]) for row in below]) if below else ()
        built[pid] = stored_node(kind, num, heading, text, kids, pid, revision_id, eid)
    return tuple([built[row[0]] for row in children.get(None, ())])


def places(session: Session, version: Version, provision_ids: list[str]) -> dict[str, tuple]:
    """Provision id → (revision, eId) in `version`, for those of the provisions it shows."""
    found: dict[str, tuple] = {}
    for start in range(0, len(provision_ids), CHUNK):
        rows = session.execute(
            select(Revision, TreeNode.eid)
            .join(TreeNode, TreeNode.revision_id == Revision.id)
            .where(shows(version), TreeNode.provision_id.in_(provision_ids[start : start + CHUNK]))
        )
        found.update((revision.provision_id, (revision, eid)) for revision, eid in rows)
    return found


def shown(
    session: Session, instrument_id: int, latest: int, revision_ids: Iterable[int] | None = None
) -> Iterator[tuple[int, int, str]]:
    """(revision id, version number, eId) for each version up to `latest` that shows one of
    the revisions (all of the instrument's when None)."""
    query = select(
        _NODES.c.revision_id, _NODES.c.from_version, _NODES.c.until_version, _NODES.c.eid
    ).where(_NODES.c.instrument_id == instrument_id, _NODES.c.from_version <= latest)
    chunks = [None] if revision_ids is None else _chunks(sorted(set(revision_ids)))
    for chunk in chunks:
        narrowed = query if chunk is None else query.where(_NODES.c.revision_id.in_(chunk))
        for revision_id, first, until, eid in session.execute(narrowed).all():
            end = latest + 1 if until is None else min(until, latest + 1)
            for number in range(first, end):
                yield revision_id, number, eid


def revisions_in(session: Session, instrument_id: int, numbers: set[int]) -> set[int]:
    """The revisions shown by any of the versions `numbers` of the instrument."""
    if not numbers:
        return set()
    rows = session.execute(
        select(_NODES.c.revision_id, _NODES.c.from_version, _NODES.c.until_version).where(
            _NODES.c.instrument_id == instrument_id,
            _NODES.c.from_version <= max(numbers),
            or_(_NODES.c.until_version.is_(None), _NODES.c.until_version > min(numbers)),
        )
    )
    return {
        revision_id
        for revision_id, first, until in rows
        if any(first <= n and (until is None or n < until) for n in numbers)
    }


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
