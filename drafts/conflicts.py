"""Which amendments of a draft clash, so that people decide: nothing here resolves a conflict.

Two operations conflict when they act on the same provision, put provisions at the same
place (same anchor and position), or when one acts on, or puts provisions next to or
into, a provision that the other deletes or moves (that provision or one inside it).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from drafts.amend import ACTIONS, Operation, Outline
from drafts.tree import Node, walk

REASONS: tuple[str, ...] = ("same_provision", "same_place", "inside_deleted", "inside_moved")


@dataclass(frozen=True, slots=True)
class Footprint:
    """What an operation touches in the base tree."""

    provision: str | None
    """The provision it changes, deletes or moves."""
    place: tuple[str | None, str] | None
    """Where an insert or a move puts provisions: (anchor, position)."""
    subtree: frozenset[str]
    """The provisions a delete or a move takes away from where they stand."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two operations that clash; `first` comes before `second` in the order given."""

    first: str
    second: str
    provision_id: str | None
    """The provision concerned (None for two inserts at the end of the text)."""
    reason: str
    message: str


def touched(tree: tuple[Node, ...], operation: Operation) -> Footprint:
    """What `operation` touches in `tree`; a provision missing from it stands alone."""
    place = (operation.anchor, operation.position) if operation.position else None
    subtree: frozenset[str] = frozenset()
    if operation.kind in ("delete", "move"):
        root = next((n for n in walk(tree) if n.provision_id == operation.target), None)
        subtree = frozenset(
            n.provision_id for n in walk((root,) if root else ()) if n.provision_id
        ) or frozenset({operation.target})
    return Footprint(provision=operation.target, place=place, subtree=subtree)


def conflicts(tree: tuple[Node, ...], operations: Iterable[Operation]) -> tuple[Conflict, ...]:
    """Every clashing pair of operations once, ordered by their places in `operations`.

    A pair that clashes in several ways is reported for the first of `REASONS` that holds.
    Provisions missing from `tree` are taken as they are named: they have no ancestors.
    """
    ops = tuple(operations)
    outline = Outline(tree)
    found: dict[tuple[int, int], Conflict] = {}

    def report(i: int, j: int, provision: str | None, reason: str, message: str) -> None:
        first, second = sorted((i, j))
        found.setdefault(
            (first, second),
            Conflict(ops[first].key, ops[second].key, provision, reason, message),
        )

    by_target: dict[str, list[int]] = defaultdict(list)
    by_place: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for index, op in enumerate(ops):
        if op.target is not None:
            by_target[op.target].append(index)
        if op.position is not None:
            by_place[op.anchor, op.position].append(index)

    for target, indexes in by_target.items():
        for i, j in itertools.combinations(indexes, 2):
            a, b = ops[i], ops[j]
            message = (
                f"Amendment {a.key} {ACTIONS[a.kind][0].format(outline.name(target))}, "
                f"and amendment {b.key} {ACTIONS[b.kind][1]}."
            )
            report(i, j, target, "same_provision", message)

    for (anchor, _), indexes in by_place.items():
        where = ops[indexes[0]].placement(outline.name(anchor) if anchor else None)
        for i, j in itertools.combinations(indexes, 2):
            message = (
                f"Amendments {ops[i].key} and {ops[j].key} both put provisions {where}, "
                "so their order there is not decided."
            )
            report(i, j, anchor, "same_place", message)

    removers: dict[str, list[int]] = defaultdict(list)
    for index, op in enumerate(ops):
        if op.kind in ("delete", "move"):
            removers[op.target].append(index)
    for j, op in enumerate(ops):
        for provision in (op.target, op.anchor):
            if provision is None:
                continue
            for root in outline.lineage(provision):
                for i in removers.get(root, ()):
                    if i != j and (min(i, j), max(i, j)) not in found:
                        reason, message = _inside(outline, ops[i], op, provision)
                        report(i, j, provision, reason, message)
    return tuple(found[pair] for pair in sorted(found))


def _inside(outline: Outline, remover: Operation, op: Operation, provision: str) -> tuple[str, str]:
    """The reason and sentence for `op` touching `provision`, which `remover` takes away."""
    name = outline.name(provision)
    if provision == op.target:
        action = ACTIONS[op.kind][0].format(name)
    else:
        action = "puts provisions " + op.placement(name)
    verb = "deletes" if remover.kind == "delete" else "moves"
    along = "" if provision == remover.target else f" along with {outline.name(remover.target)}"
    message = f"Amendment {op.key} {action}, which amendment {remover.key} {verb}{along}."
    return ("inside_deleted" if remover.kind == "delete" else "inside_moved"), message
