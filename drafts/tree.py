"""The provision tree as plain data: what every text function in Kanun takes and returns.

A `Node` is one provision of one version: its kind, number, heading and text, its
children, and, once stored, the stable identity of the provision (`provision_id`) and
the immutable revision it shows (`revision_id`). Nothing here touches a database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

KINDS: tuple[str, ...] = (
    "part",
    "chapter",
    "section",
    "article",
    "paragraph",
    "point",
    "subpoint",
    "preamble",
    "block",
    "crossheading",
    "quoted",
    "wrapup",
    "note",
)
"""Provision kinds, from the largest container to free text blocks.

A `crossheading` is an unnumbered heading that groups the provisions below it (Akoma
Ntoso's cross-heading `hcontainer`); `quoted` is text an amending provision quotes (a
`quotedStructure`: the words it inserts or substitutes, never provisions of the text
itself); `wrapup` holds the closing words after a list (`wrapUp`, "but does not include…");
a `note` is an editorial note or footnote of the publisher ("Сноска. …", "Примечание ИЗПИ",
a Word footnote): kept apart from the law's text, compared on its own, never amended.
"""

NOTE = "note"

MAX_DEPTH = 32
"""Deeper trees are refused: no real law nests beyond a dozen levels."""


@dataclass(frozen=True, slots=True)
class Node:
    kind: str
    num: str = ""
    heading: str = ""
    text: str = ""
    children: tuple[Node, ...] = ()
    provision_id: str | None = None
    revision_id: int | None = None
    eid: str = field(default="", compare=False)

    def walk(self) -> Iterator[Node]:
        """This node and all its descendants, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


_SLOTS = tuple(
    getattr(Node, name).__set__
    for name in ("kind", "num", "heading", "text", "children", "provision_id", "revision_id")
)
_EID = Node.eid.__set__
_new = object.__new__


def stored_node(
    kind: str,
    num: str,
    heading: str,
    text: str,
    children: tuple[Node, ...],
    provision_id: str,
    revision_id: int,
    eid: str,
) -> Node:
    """`Node(...)` of values read from the store, made twice as fast by setting the slots
    directly (reading a 6,500-provision code makes every node; nothing is normalized here)."""
    node = _new(Node)
    set_kind, set_num, set_heading, set_text, set_children, set_provision, set_revision = _SLOTS
    set_kind(node, kind)
    set_num(node, num)
    set_heading(node, heading)
    set_text(node, text)
    set_children(node, children)
    set_provision(node, provision_id)
    set_revision(node, revision_id)
    _EID(node, eid)
    return node


def walk(nodes: tuple[Node, ...] | list[Node]) -> Iterator[Node]:
    """Every node of a forest, in document order."""
    for node in nodes:
        yield from node.walk()


def count(nodes: tuple[Node, ...] | list[Node]) -> int:
    return sum(1 for _ in walk(nodes))


def normalize_text(value: str | None) -> str:
    """NFC, Unix line ends, no surrounding white space, no trailing spaces on lines."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in value.split("\n")).strip()


def normalize(node: Node) -> Node:
    """The same tree with every string normalised (see `normalize_text`)."""
    num, heading, text = (normalize_text(s) for s in (node.num, node.heading, node.text))
    children = tuple(normalize(child) for child in node.children)
    if (num, heading, text) == (node.num, node.heading, node.text) and all(
        new is old for new, old in zip(children, node.children, strict=True)
    ):
        return node
    return replace(node, num=num, heading=heading, text=text, children=children)


def depth(nodes: tuple[Node, ...] | list[Node]) -> int:
    """The number of levels of a forest (0 when empty)."""
    deepest = 0
    stack = [(node, 1) for node in nodes]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in node.children)
    return deepest


def label(node: Node) -> str:
    """A short human label such as 'Article 5' or 'paragraph 2'."""
    name = node.kind.capitalize()
    return f"{name} {node.num}".strip() if node.num else name


def to_dict(node: Node) -> dict:
    """The JSON shape of a node, as the API returns it."""
    return {
        "kind": node.kind,
        "num": node.num,
        "heading": node.heading,
        "text": node.text,
        "eid": node.eid,
        "provision_id": node.provision_id,
        "children": [to_dict(child) for child in node.children],
    }


def from_dict(data: dict) -> Node:
    """A node from the JSON shape of `to_dict` (eId and revision are not read: they are derived)."""
    return Node(
        kind=data["kind"],
        num=data.get("num") or "",
        heading=data.get("heading") or "",
        text=data.get("text") or "",
        provision_id=data.get("provision_id"),
        children=tuple(from_dict(child) for child in data.get("children") or ()),
    )
