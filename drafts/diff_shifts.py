"""What happened among siblings: provisions moved out of order, paragraphs split or merged.

A kept provision is moved when its parent is another one, or when it is not among the
longest run of kept siblings still in their old order (the fewest moves that explain the
new order). A paragraph is split when its words are those of its new counterpart and the
inserted siblings after it, joined; merged, the other way round.
"""

from __future__ import annotations

import itertools

from drafts import worddiff
from drafts.diff_statuses import MERGED, SPLIT
from drafts.matching import ROOT, Side
from drafts.normalize import same, words

SPLIT_SIMILARITY = 0.9
"""Word similarity between one paragraph and several joined at or above which they are a
split (or, the other way round, a merge) rather than a change plus an insertion."""


def splits_and_merges(
    before: Side, after: Side, pairs: dict[int, int], reverse: dict[int, int]
) -> dict[tuple[str | None, str | None], str]:
    """(old eId, new eId) of the entries that take part in a split or a merge, and which.

    A paragraph paired with a changed one is split when its words are, with no more than
    incidental rewording (`SPLIT_SIMILARITY`), the words of its new counterpart joined with the
    inserted siblings that follow it; merged, the other way round, with deleted siblings."""
    found: dict[tuple[str | None, str | None], str] = {}
    for i, j in pairs.items():
        old, new = before.nodes[i], after.nodes[j]
        if not old.text or not new.text or old.children or new.children:
            continue
        if old.text == new.text or same(old.text, new.text):
            continue
        extra = _following_unpaired(after, j, set(reverse))
        if extra and _joins(old.text, [new.text, *(after.nodes[k].text for k in extra)]):
            found[(old.eid, new.eid)] = SPLIT
            found.update(((None, after.nodes[k].eid), SPLIT) for k in extra)
            continue
        extra = _following_unpaired(before, i, set(pairs))
        if extra and _joins(new.text, [old.text, *(before.nodes[k].text for k in extra)]):
            found[(old.eid, new.eid)] = MERGED
            found.update(((before.nodes[k].eid, None), MERGED) for k in extra)
    return found


def _following_unpaired(side: Side, index: int, paired: set[int]) -> list[int]:
    """The unpaired leaf siblings of the same kind right after `index`."""
    siblings = side.kids[side.parent[index]]
    place = list(siblings).index(index)
    run = []
    for k in siblings[place + 1 :]:
        node = side.nodes[k]
        if k in paired or node.children or node.kind != side.nodes[index].kind:
            break
        run.append(k)
    return run


def _joins(whole: str, parts: list[str]) -> bool:
    joined = " ".join(words(part) for part in parts)
    return worddiff.similarity(words(whole), joined) >= SPLIT_SIMILARITY


def moved_provisions(before: Side, after: Side, pairs: dict[int, int]) -> set[int]:
    """New indexes of provisions with a new parent or out of order among kept siblings."""
    moved: set[int] = set()
    kept: dict[int, list[tuple[int, int]]] = {}
    for i, j in pairs.items():
        old_parent = before.parent[i]
        parent = ROOT if old_parent == ROOT else pairs.get(old_parent)
        if parent != after.parent[j]:
            moved.add(j)
        else:
            kept.setdefault(parent, []).append((j, before.position[i]))
    for siblings in kept.values():
        siblings.sort()
        if all(a[1] < b[1] for a, b in itertools.pairwise(siblings)):
            continue
        in_order = _increasing([position for _, position in siblings])
        moved.update(j for k, (j, _) in enumerate(siblings) if k not in in_order)
    return moved


def _increasing(values: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    previous = [-1] * len(values)
    for k, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if values[tails[middle]] < value:
                low = middle + 1
            else:
                high = middle
        previous[k] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(k)
        else:
            tails[low] = k
    result: set[int] = set()
    k = tails[-1] if tails else -1
    while k != -1:
        result.add(k)
        k = previous[k]
    return result
