"""Provisions of a Word document while they are read, and the tree they become."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from drafts.parse_patterns import LEVELS, Heading
from drafts.tree import Node

_NOT_COUNTING = {"paragraph": ("crossheading", "part", "chapter")}
"""Containers a kind's numbering runs across: a schedule's paragraphs run across its parts."""


@dataclass(eq=False)
class Reading:
    """A provision while it is being read; `line` is its paragraph's number in the document."""

    kind: str
    line: int
    num: str = ""
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[Reading] = field(default_factory=list)
    parent: Reading | None = None
    shape: str = ""
    """The shape of its number ("(1)", "(a)", "1)"…), for numbered provisions."""
    indent: int = 0
    """The left indent of its paragraph, which tells whose closing words come after a list."""
    paras: list[int] = field(default_factory=list)
    """The numbers of the document's paragraphs it was read from."""
    level: float | None = None
    """How deep a container sits, when its heading says (see `exports.docx_tree`)."""

    def __post_init__(self) -> None:
        if self.line:
            self.paras.append(self.line)

    def add(self, child: Reading) -> Reading:
        child.parent = self
        self.children.append(child)
        return child

    def freeze(self) -> Node:
        return Node(
            self.kind,
            self.num,
            self.heading,
            "\n".join(self.lines),
            tuple(child.freeze() for child in self.children),
        )


@dataclass(frozen=True, slots=True)
class _Numbered:
    """A provision as the numbering checks see it: cross-headings do not restart a count."""

    kind: str
    num: str
    line: int
    parent: _Numbered | None


CONTAINER_LEVELS = {
    "block": 0,
    "part": 1,
    "chapter": 2,
    "crossheading": 3,
    "section": 4,
    "article": 5,
}
"""How deep each container sits: opening one closes those at its level or deeper."""


def container_of(pattern: Heading, num: str, title: str) -> Reading:
    """A container opened by its keyword heading, placed by the heading's own level when the
    language sets one (a German Abschnitt inside a Hauptstück, both chapters)."""
    node = Reading(pattern.kind, 0, num, title)
    if pattern.level is not None:
        node.level = CONTAINER_LEVELS[pattern.kind] + pattern.level - LEVELS[pattern.kind]
    return node


def level_of(node: Reading) -> float:
    """How deep a container sits: its own level, else its kind's."""
    if node.level is not None:
        return node.level
    return CONTAINER_LEVELS.get(node.kind, len(CONTAINER_LEVELS))


def numbering_view(root: Reading) -> Iterator[_Numbered]:
    seen: dict[int, _Numbered] = {}
    for node in walk(root):
        if node.kind in ("quoted", "crossheading"):
            continue
        holder = node.parent
        while holder is not None and holder.kind in _NOT_COUNTING.get(node.kind, ("crossheading",)):
            holder = holder.parent
        shown = _Numbered(node.kind, node.num, node.line, seen.get(id(holder)))
        seen[id(node)] = shown
        yield shown


def walk(node: Reading) -> Iterator[Reading]:
    for child in node.children:
        yield child
        if child.kind != "quoted":
            yield from walk(child)
