"""The order in which a redline document shows two texts, with moves as moves.

A redline shows every provision once where it stands in the new text, and what the old text
had where it stood in the old one. Provisions kept in place (changed or not) are the anchors:
they keep their order in both texts. Between two anchors come, first, what the old text had
there (deleted provisions, and provisions moved away: a move's origin), then what the new
text has there (inserted provisions, and provisions moved in: a move's destination). A
provision is moved when the diff says so, and so is everything it carries along; each moved
provision is one pair of origin and destination, numbered from 1.

Rejecting every change keeps the anchors (in their old wording), the deleted provisions and
the origins: the old text in its order. Accepting every change keeps the anchors (in their new
wording), the inserted provisions and the destinations: the new text in its order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drafts.diff import Diff, Entry
from drafts.tree import Node
from exports.layout import Line, lines

KEPT, DELETED, INSERTED = "kept", "deleted", "inserted"
ORIGIN, DESTINATION = "origin", "destination"


@dataclass(frozen=True, slots=True)
class Piece:
    """One provision as the redline writes it."""

    entry: Entry
    mode: str
    """KEPT, DELETED, INSERTED, ORIGIN (where a moved provision was) or DESTINATION."""
    first: Line
    """How its first paragraph is laid out, in the text it is shown from."""
    then: Line | None = None
    """How its following paragraphs are laid out (its text under a heading, its lines)."""
    move: int = 0
    """The number pairing a move's origin and destination."""


@dataclass(frozen=True, slots=True)
class _Unit:
    eid: str
    first: Line
    then: Line | None


def plan(result: Diff, old: Sequence[Node], new: Sequence[Node], language: str) -> list[Piece]:
    """The provisions of a redline in document order, each with what happened to it."""
    old_units, new_units = _units(old, language), _units(new, language)
    by_old = {entry.old_eid: entry for entry in result.entries if entry.old_eid is not None}
    by_new = {entry.new_eid: entry for entry in result.entries if entry.new_eid is not None}
    moved = _moved(result)
    present_old = {unit.eid for unit in old_units}
    present_new = {unit.eid for unit in new_units}

    def anchored(entry: Entry) -> bool:
        return (
            id(entry) not in moved and entry.old_eid in present_old and entry.new_eid in present_new
        )

    old_at = {u.eid: i for i, u in enumerate(old_units) if anchored(by_old[u.eid])}
    pairs = [
        (old_at[by_new[u.eid].old_eid], j)
        for j, u in enumerate(new_units)
        if anchored(by_new[u.eid])
    ]
    kept = _increasing(pairs)
    moved |= {id(by_new[new_units[j].eid]) for i, j in pairs if (i, j) not in kept}
    numbers: dict[int, int] = {}
    pieces: list[Piece] = []
    i = j = 0
    for anchor_old, anchor_new in [*sorted(kept), (len(old_units), len(new_units))]:
        for unit in old_units[i:anchor_old]:
            pieces.append(_piece(by_old[unit.eid], unit, moved, numbers, origin=True))
        for unit in new_units[j:anchor_new]:
            pieces.append(_piece(by_new[unit.eid], unit, moved, numbers, origin=False))
        if anchor_new < len(new_units):
            unit = new_units[anchor_new]
            pieces.append(Piece(by_new[unit.eid], KEPT, unit.first, unit.then))
        i, j = anchor_old + 1, anchor_new + 1
    return pieces


def _piece(
    entry: Entry, unit: _Unit, moved: set[int], numbers: dict[int, int], *, origin: bool
) -> Piece:
    if id(entry) in moved and entry.old_eid is not None and entry.new_eid is not None:
        number = numbers.setdefault(id(entry), len(numbers) + 1)
        return Piece(entry, ORIGIN if origin else DESTINATION, unit.first, unit.then, number)
    return Piece(entry, DELETED if origin else INSERTED, unit.first, unit.then)


def _units(nodes: Sequence[Node], language: str) -> list[_Unit]:
    """Each provision that shows anything, with the layout of its first and next paragraphs."""
    units: list[_Unit] = []
    for line in lines(nodes, language):
        if units and units[-1].eid == line.eid:
            if units[-1].then is None:
                units[-1] = _Unit(line.eid, units[-1].first, line)
            continue
        units.append(_Unit(line.eid, line, None))
    return units


def _moved(result: Diff) -> set[int]:
    """The entries (by id) that move: those the diff calls moved and what they carry along."""
    moved: set[int] = set()
    carried: list[tuple[int, bool]] = []
    for entry in result.entries:
        del carried[entry.depth :]
        along = any(flag for _, flag in carried)
        flag = "moved" in entry.statuses or (along and entry.old_eid is not None)
        if flag and entry.new_eid is not None:
            moved.add(id(entry))
        carried.append((entry.depth, flag))
    return moved


def _increasing(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """A longest run of anchors in the same order in both texts (they normally all are)."""
    pairs = sorted(pairs)
    tails: list[int] = []
    previous = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if pairs[tails[middle]][1] < j:
                low = middle + 1
            else:
                high = middle
        previous[k] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(k)
        else:
            tails[low] = k
    found: set[tuple[int, int]] = set()
    k = tails[-1] if tails else -1
    while k != -1:
        found.add(pairs[k])
        k = previous[k]
    return found
