"""How an instrument's page lays out its text: the whole text for a short law; for a long one,
its contents, with the parts that hold the text opened (and loaded) one at a time.

Pure: a provision tree in, the outline out.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafts.tree import Node, count, walk

CONTAINERS = frozenset({"part", "chapter", "section", "article"})
WHOLE_TEXT_LIMIT = 300
"""Laws with at most this many provisions are shown whole; longer ones by their contents."""
PART_LIMIT = 150
"""A container with more provisions than this is shown as a heading over its own parts."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A container too large to open at once: its heading, then its parts."""

    node: Node
    depth: int
    items: tuple[Heading | Part | Loose, ...]


@dataclass(frozen=True, slots=True)
class Part:
    """A container opened on demand; `size` counts its provisions."""

    node: Node
    depth: int
    size: int


@dataclass(frozen=True, slots=True)
class Loose:
    """Provisions outside any container (a preamble, free paragraphs), shown as they are."""

    node: Node
    depth: int

    @property
    def rows(self) -> list[tuple[Node, int]]:
        return flatten((self.node,), self.depth)


def flatten(nodes: tuple[Node, ...], depth: int = 0) -> list[tuple[Node, int]]:
    """(node, depth) in document order, for reading the text top to bottom."""
    rows = []
    for node in nodes:
        rows.append((node, depth))
        rows.extend(flatten(node.children, depth + 1))
    return rows


def contents(nodes: tuple[Node, ...]) -> list[dict]:
    """The table of contents: the containers of a tree, nested."""
    return [
        {"node": node, "children": contents(node.children)}
        for node in nodes
        if node.kind in CONTAINERS
    ]


def is_long(nodes: tuple[Node, ...]) -> bool:
    return count(nodes) > WHOLE_TEXT_LIMIT


def outline(nodes: tuple[Node, ...], depth: int = 0) -> tuple[Heading | Part | Loose, ...]:
    """The parts a long text opens by, nested under the headings of larger containers."""
    items: list[Heading | Part | Loose] = []
    for node in nodes:
        if node.kind not in CONTAINERS:
            items.append(Loose(node, depth))
            continue
        size = count((node,))
        if size > PART_LIMIT and any(child.kind in CONTAINERS for child in node.children):
            items.append(Heading(node, depth, outline(node.children, depth + 1)))
        else:
            items.append(Part(node, depth, size))
    return tuple(items)


def find(nodes: tuple[Node, ...], eid: str) -> Node | None:
    """The provision with this eId, if the tree has one."""
    return next((node for node in walk(nodes) if node.eid == eid), None)


def trail(nodes: tuple[Node, ...], eid: str) -> list[Node]:
    """The containers above the provision with this eId, outermost first."""
    for node in nodes:
        if node.eid == eid:
            return []
        if eid.startswith(node.eid + "__"):
            return [node, *trail(node.children, eid)]
    return []
