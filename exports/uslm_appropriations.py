"""The headings of a US appropriations bill nested as the bill prints them.

USLM writes an appropriations bill's headings (`<appropriations level="major|intermediate|
small">`) as flat siblings inside a title: "AGRICULTURAL PROGRAMS", then "Farm Service
Agency", then "emergency forest restoration program" with the paragraph that funds it. Their
nesting is rebuilt from their levels, walking the title in order: a heading closes every open
heading of its own and of lower levels and opens under the one left, unless the element just
before it was a heading of the same level without text of its own, which it qualifies
("DEPARTMENT OF ENERGY" then "ENERGY PROGRAMS"; "wildland fire management" then
"(including transfer of funds)"): then it opens under that one. An element with text but no
heading continues the heading open before it.

A heading with text is an appropriation: a unit of kind `section`, unnumbered, named by its
heading (the account it funds), so a paragraph that was a numbered section keeps its identity
when it gains its heading. A heading without text groups what follows it (`crossheading`).
Sections are siblings of the headings, not inside them: a section closes the open headings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafts.tree import Node

RANKS = {"major": 0, "intermediate": 1, "small": 2}
"""USLM's appropriations levels, largest first; an unknown level ranks below them all."""


@dataclass
class Held:
    """What a container holds: its own text (before its first unit) and its units."""

    text: str = ""
    children: list[Node] = field(default_factory=list)

    def add_text(self, text: str) -> None:
        """Unnumbered text: the container's own before its first unit, closing words after."""
        if not text:
            return
        if self.children:
            self.children.append(Node("wrapup", text=text))
        else:
            self.text = "\n".join(filter(None, (self.text, text)))


@dataclass(frozen=True)
class Unit:
    """One `<appropriations>` element as read."""

    level: str
    heading: str
    text: str
    children: tuple[Node, ...] = ()


@dataclass
class _Open:
    rank: int
    heading: str
    text: str
    children: list[Node | _Open]

    def freeze(self) -> Node:
        kind = "section" if self.text else "crossheading"
        children = tuple(c.freeze() if isinstance(c, _Open) else c for c in self.children)
        return Node(kind, "", self.heading, self.text, children)


class Chain:
    """The open headings of one container, written to its `Held` when closed."""

    def __init__(self, held: Held) -> None:
        self.held = held
        self.open: list[_Open] = []
        self.tops: list[_Open] = []
        self.qualified: int | None = None
        """The rank of the element just before, when it was a heading without text."""

    def add(self, unit: Unit) -> None:
        if not unit.heading:
            self._continue(unit)
            return
        rank = RANKS.get(unit.level, len(RANKS))
        if self.qualified != rank:
            while self.open and self.open[-1].rank >= rank:
                self.open.pop()
        opened = _Open(rank, unit.heading, unit.text, list(unit.children))
        (self.open[-1].children if self.open else self.tops).append(opened)
        self.open.append(opened)
        self.qualified = None if unit.text else rank

    def _continue(self, unit: Unit) -> None:
        """Text without a heading: more of the heading open before it."""
        self.qualified = None
        if not self.open:
            self.close()
            self.held.add_text(unit.text)
            self.held.children.extend(unit.children)
            return
        last = self.open[-1]
        last.text = "\n".join(filter(None, (last.text, unit.text)))
        last.children.extend(unit.children)

    def close(self) -> None:
        """Write the headings read so far to the container: a unit of another kind follows."""
        self.held.children.extend(top.freeze() for top in self.tops)
        self.open.clear()
        self.tops.clear()
        self.qualified = None
