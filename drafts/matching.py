"""Giving the nodes of a new text the identities of the provisions they continue.

When a new official text is imported, its nodes carry no provision ids. A node keeps the
identity of a provision of the parent version when it stands at the same eId with a
similar wording, or when its wording is the same although it was moved or renumbered.
Everything else is a new provision.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

from drafts.tree import Node, walk
from drafts.worddiff import similarity

SIMILAR = 0.5
"""Word-level similarity at or above which a node at the same eId continues a provision."""


def _wording(node: Node) -> str:
    return f"{node.heading}\n{node.text}"


def match(
    new: tuple[Node, ...],
    old: tuple[Node, ...],
    *,
    make_id: Callable[[], str] = lambda: str(uuid.uuid4()),
) -> tuple[Node, ...]:
    """`new` (with eIds assigned) with a provision id on every node.

    Ids already present in `new` are kept; `old` is the parent version's tree, with eIds.
    """
    unmatched = [node for node in walk(new) if not node.provision_id]
    if not unmatched:
        return new
    claimed = {node.provision_id for node in walk(new) if node.provision_id}
    old_nodes = [node for node in walk(old) if node.provision_id not in claimed]
    by_eid = {node.eid: node for node in old_nodes}
    by_wording: dict[tuple[str, str], list[Node]] = {}
    for node in old_nodes:
        if node.text:
            by_wording.setdefault((node.kind, _wording(node)), []).append(node)
    found: dict[int, str] = {}

    def take(new_node: Node, old_node: Node) -> None:
        found[id(new_node)] = old_node.provision_id
        claimed.add(old_node.provision_id)

    for node in unmatched:
        candidate = by_eid.get(node.eid)
        if (
            candidate is not None
            and candidate.provision_id not in claimed
            and candidate.kind == node.kind
            and similarity(_wording(candidate), _wording(node)) >= SIMILAR
        ):
            take(node, candidate)
    for node in unmatched:
        if id(node) in found or not node.text:
            continue
        for candidate in by_wording.get((node.kind, _wording(node)), ()):
            if candidate.provision_id not in claimed:
                take(node, candidate)
                break

    def fill(node: Node) -> Node:
        provision_id = node.provision_id or found.get(id(node)) or make_id()
        return replace(
            node,
            provision_id=provision_id,
            children=tuple(fill(child) for child in node.children),
        )

    return tuple(fill(node) for node in new)
