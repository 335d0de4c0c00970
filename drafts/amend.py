"""Applying amendments to a provision tree: the pure engine behind previews and consolidation.

An `Operation` is one amendment as data: the base provision it acts on (`target`), where an
insert or a move puts provisions (`anchor` and `position`), and the new values. Operations
name provisions of the base version by provision id; a provision inserted by one operation
cannot be the target or the anchor of another.

Changed provisions lose their `revision_id` (the store gives them a new revision), inserted
ones have neither a provision id nor a revision, moved ones keep both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol, get_args

from drafts import eids
from drafts.errors import InvalidInput
from drafts.tree import Node, from_dict, label, normalize, normalize_text, walk

AmendmentKind = Literal["replace_text", "replace_heading", "insert", "delete", "move", "renumber"]
KINDS: tuple[str, ...] = get_args(AmendmentKind)
Position = Literal["before", "after", "last_child"]
POSITIONS: tuple[str, ...] = get_args(Position)

_USES: dict[str, tuple[str, ...]] = {
    "replace_text": ("target", "text"),
    "replace_heading": ("target", "heading"),
    "renumber": ("target", "num"),
    "delete": ("target",),
    "move": ("target", "anchor", "position"),
    "insert": ("anchor", "position", "nodes"),
}
_FIELD_NAMES: dict[str, str] = {
    "target": "a target provision",
    "position": "a position",
    "anchor": "an anchor provision",
    "text": "a new text",
    "heading": "a new heading",
    "num": "a new number",
    "nodes": "provisions to insert",
}
ACTIONS: dict[str, tuple[str, str]] = {
    "replace_text": ("changes the text of {}", "changes its text"),
    "replace_heading": ("changes the heading of {}", "changes its heading"),
    "renumber": ("renumbers {}", "renumbers it"),
    "delete": ("deletes {}", "deletes it"),
    "move": ("moves {}", "moves it"),
}
"""What an operation does to its target, with the target named and as a pronoun."""
_EDITED = {"replace_text": "text", "replace_heading": "heading", "renumber": "num"}


class AmendmentError(InvalidInput):
    """An amendment that is malformed or can no longer be applied; `key` names it."""

    def __init__(self, key: str, detail: str) -> None:
        super().__init__(detail)
        self.key = key


@dataclass(frozen=True, slots=True)
class Operation:
    """One amendment as data; the fields a kind does not use must stay unset."""

    key: str
    kind: str
    target: str | None = None
    anchor: str | None = None
    position: str | None = None
    text: str | None = None
    heading: str | None = None
    num: str | None = None
    nodes: tuple[Node, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            self._refuse(f"has the kind '{self.kind}'; use one of {', '.join(KINDS)}")
        if self.position is not None and self.position not in POSITIONS:
            self._refuse(f"has the position '{self.position}'; use one of {', '.join(POSITIONS)}")
        uses = _USES[self.kind]
        for name in _FIELD_NAMES:
            given = getattr(self, name) not in (None, ())
            needed = name in uses and (name != "anchor" or self.position != "last_child")
            if needed and not given:
                self._refuse(f"({self.kind.replace('_', ' ')}) needs {_FIELD_NAMES[name]}")
            if given and name not in uses:
                self._refuse(f"({self.kind.replace('_', ' ')}) does not take {_FIELD_NAMES[name]}")
        identified = next((n.provision_id for n in walk(self.nodes) if n.provision_id), None)
        if identified:
            self._refuse(
                f"inserts a provision that already has an identity ({identified}); "
                "new provisions get theirs when stored"
            )

    def _refuse(self, problem: str) -> None:
        raise AmendmentError(self.key, f"Amendment {self.key} {problem}.")

    def placement(self, anchor_name: str | None) -> str:
        """Where the operation puts provisions, e.g. 'after Article 5'."""
        if anchor_name is None:
            return "at the end of the text"
        if self.position == "last_child":
            return f"at the end of {anchor_name}"
        return f"{self.position} {anchor_name}"


class AmendmentFields(Protocol):
    """An amendment's fields by the names the API, the tables and the forms give them."""

    kind: str
    provision_id: str | None
    anchor_id: str | None
    position: str | None
    num: str | None
    heading: str | None
    text: str | None
    nodes: Sequence[Any]
    """Provisions to insert: nodes, their JSON shape (`tree.to_dict`), or pydantic models of
    that shape."""


def operation_of(fields: AmendmentFields, *, key: str = "") -> Operation:
    """The operation an amendment's fields describe, whether stored, typed in a form and not
    yet saved, or proposed by a reviewed Word document; `key` names it in refusals."""
    return Operation(
        key=key,
        kind=fields.kind,
        target=fields.provision_id,
        anchor=fields.anchor_id,
        position=fields.position,
        text=fields.text,
        heading=fields.heading,
        num=fields.num,
        nodes=tuple(_node(node) for node in fields.nodes),
    )


def _node(given: Node | Mapping | Any) -> Node:
    if isinstance(given, Node):
        return given
    return from_dict(dict(given) if isinstance(given, Mapping) else given.model_dump())


class Outline:
    """Where each provision of a base tree stands: its node and its parent's provision id."""

    def __init__(self, tree: Iterable[Node]) -> None:
        self.nodes: dict[str, Node] = {}
        self.parents: dict[str, str | None] = {}
        stack = [(node, None) for node in tree]
        while stack:
            node, parent = stack.pop()
            if node.provision_id:
                self.nodes[node.provision_id] = node
                self.parents[node.provision_id] = parent
            stack.extend((child, node.provision_id or parent) for child in node.children)

    def lineage(self, provision_id: str) -> Iterator[str]:
        """The provision and its ancestors, innermost first."""
        current: str | None = provision_id
        while current is not None:
            yield current
            current = self.parents.get(current)

    def name(self, provision_id: str) -> str:
        """A name a person reads, up to the enclosing article: 'Paragraph 2 of Article 5'."""
        if provision_id not in self.nodes:
            return f"provision {provision_id}"
        parts = []
        for ancestor in self.lineage(provision_id):
            node = self.nodes[ancestor]
            parts.append(label(node))
            if node.kind == "article":
                break
        return " of ".join(parts)


@dataclass(eq=False, slots=True)
class _Item:
    """A provision of the working copy; the root, holding the top level, has no node."""

    node: Node | None
    parent: _Item | None
    children: list[_Item]


class _Working:
    """A mutable copy of a tree, indexed by provision id, that operations change in place."""

    def __init__(self, tree: tuple[Node, ...]) -> None:
        self.base = tree
        self.items: dict[str, _Item] = {}
        self.root = _Item(None, None, [])
        self.root.children = [self._grow(node, self.root) for node in tree]

    def _grow(self, node: Node, parent: _Item) -> _Item:
        item = _Item(node, parent, [])
        item.children = [self._grow(child, item) for child in node.children]
        if node.provision_id:
            self.items[node.provision_id] = item
        return item

    def apply(self, op: Operation) -> None:
        if op.kind == "insert":
            parent, index = self._place(op)
            parent.children[index:index] = [self._grow(normalize(n), parent) for n in op.nodes]
            return
        item = self._find(op, op.target, ACTIONS[op.kind][0])
        if op.kind == "delete":
            self._detach(item)
            stack = [item]
            while stack:
                gone = stack.pop()
                self.items.pop(gone.node.provision_id, None)
                stack.extend(gone.children)
        elif op.kind == "move":
            self._check_outside(op, item)
            self._detach(item)
            parent, index = self._place(op)
            parent.children.insert(index, item)
            item.parent = parent
        else:
            name = _EDITED[op.kind]
            value = normalize_text(getattr(op, name))
            if getattr(item.node, name) != value:
                item.node = replace(item.node, **{name: value}, revision_id=None)

    def result(self) -> tuple[Node, ...]:
        return eids.assign(tuple(_build(child) for child in self.root.children))

    def _find(self, op: Operation, provision_id: str, action: str) -> _Item:
        item = self.items.get(provision_id)
        if item is None:
            outline = Outline(self.base)
            why = (
                "no longer in the text (another amendment deletes it or a provision holding it)"
                if provision_id in outline.nodes
                else "not in the text being amended"
            )
            name = outline.name(provision_id)
            raise AmendmentError(
                op.key, f"Amendment {op.key} {action.format(name)}, which is {why}."
            )
        return item

    def _place(self, op: Operation) -> tuple[_Item, int]:
        if op.anchor is None:
            return self.root, len(self.root.children)
        anchor = self._find(op, op.anchor, "puts provisions " + op.placement("{}"))
        if op.position == "last_child":
            return anchor, len(anchor.children)
        parent = anchor.parent
        return parent, parent.children.index(anchor) + (op.position == "after")

    def _check_outside(self, op: Operation, item: _Item) -> None:
        """Refuse to move a provision next to or into itself or one of its descendants."""
        ancestor = self.items.get(op.anchor) if op.anchor else None
        while ancestor is not None and ancestor is not item:
            ancestor = ancestor.parent
        if ancestor is item:
            outline = Outline(self.base)
            where = op.placement(outline.name(op.anchor))
            raise AmendmentError(
                op.key,
                f"Amendment {op.key} moves {outline.name(op.target)} {where}, "
                "which is the provision being moved or lies inside it.",
            )

    @staticmethod
    def _detach(item: _Item) -> None:
        item.parent.children.remove(item)
        item.parent = None


def _build(item: _Item) -> Node:
    """The frozen node of an item, reusing the original wherever nothing below changed."""
    node = item.node
    children = tuple(_build(child) for child in item.children)
    if len(children) == len(node.children) and all(
        new is old for new, old in zip(children, node.children, strict=True)
    ):
        return node
    return replace(node, children=children)


def apply(tree: tuple[Node, ...], operations: Iterable[Operation]) -> tuple[Node, ...]:
    """The tree with every operation applied in order, eIds re-assigned.

    Operations refer to provisions of `tree` only: a provision inserted by one operation
    cannot be acted on by another. An operation whose target or anchor is gone (deleted
    by an earlier one), or a move into the moved provision itself, raises `AmendmentError`.
    """
    working = _Working(tree)
    for op in operations:
        working.apply(op)
    return working.result()


def preview(tree: tuple[Node, ...], operation: Operation) -> tuple[Node, ...]:
    """The tree with one operation applied: what an amendment's own redline compares to."""
    return apply(tree, (operation,))
