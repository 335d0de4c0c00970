"""Structural diff of two versions: which provisions were kept, changed, moved, added, removed.

Provisions are matched by their stable identity when the two texts share any; otherwise
(two different instruments, or texts not yet stored) they are aligned by number, heading
and text similarity. The result lists every provision once, in the document order of a
merged view: the new text, with deleted provisions where they stood in the old one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from drafts import matching
from drafts.diff_entries import Entry, deleted_entries, inserted_entry, kept_entry, with_
from drafts.diff_shifts import moved_provisions, splits_and_merges
from drafts.diff_statuses import STATUSES, UNCHANGED
from drafts.matching import Side as _Side
from drafts.tree import Node

__all__ = ["STATUSES", "Diff", "Entry", "compare", "subtree"]

MATCH_THRESHOLD = matching.MATCH_THRESHOLD
_ROOT = matching.ROOT


@dataclass(frozen=True, slots=True)
class Diff:
    """The diff of two versions; `alignment` is "identity" or "similarity"."""

    alignment: str
    entries: tuple[Entry, ...] = field(default=())
    omitted: int = 0
    """Unchanged provisions left out of `entries` (see `drafts.diff_context`)."""
    totals: dict[str, int] | None = None
    """The summary of the whole diff when `entries` is only part of it."""

    def summary(self) -> dict[str, int]:
        """How many provisions carry each status (a moved and modified one counts twice)."""
        if self.totals is not None:
            return dict(self.totals)
        counts = dict.fromkeys(STATUSES, 0)
        for entry in self.entries:
            for status in entry.statuses:
                counts[status] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "alignment": self.alignment,
            "summary": self.summary(),
            "omitted": self.omitted,
            "entries": [entry.to_dict() for entry in self.entries],
        }


def compare(old: Sequence[Node], new: Sequence[Node], *, editions: bool = True) -> Diff:
    """The structural and word diff of two texts (forests of provisions).

    `editions` says both are editions of one law, so a provision at the same place and number
    continues even when its wording was restated (see `drafts.matching`)."""
    with _collector_paused():
        return _compare(old, new, editions)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a diff is built.

    A diff of a large code allocates tens of thousands of small objects that form no cycles;
    each allocation burst would start a full collection over both trees, which measured at
    about 40% of the time of a Civil Code diff. Reference counting still frees everything."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _compare(old: Sequence[Node], new: Sequence[Node], editions: bool) -> Diff:
    before, after = _Side(old), _Side(new)
    pairing = matching.pair(before, after, editions=editions)
    pairs = pairing.pairs
    alignment = "identity" if pairing.by_identity else "similarity"
    moved = moved_provisions(before, after, pairs)
    reverse = {new_index: old_index for old_index, new_index in pairs.items()}
    entries: list[Entry] = []
    confidence = {j: pairing.confidence[i] for i, j in pairs.items()}
    _merge(entries, before, after, pairs, reverse, (moved, confidence), _ROOT, _ROOT, 0)
    parts = splits_and_merges(before, after, pairs, reverse)
    if parts:
        entries = [_with_part(entry, parts) for entry in entries]
    return Diff(alignment=alignment, entries=tuple(entries))


def subtree(result: Diff, key: str) -> Diff:
    """The part of a diff under one provision, named by provision id, new eId or old eId."""
    entries = result.entries
    for attribute in ("provision_id", "new_eid", "old_eid"):
        start = next((i for i, e in enumerate(entries) if getattr(e, attribute) == key), None)
        if start is not None:
            break
    else:
        raise KeyError(f"No provision {key!r} in either text of this diff.")
    base = entries[start].depth
    end = start + 1
    while end < len(entries) and entries[end].depth > base:
        end += 1
    rebased = tuple(_with_depth(entry, entry.depth - base) for entry in entries[start:end])
    return Diff(alignment=result.alignment, entries=rebased)


def _with_depth(entry: Entry, depth: int) -> Entry:
    return with_(entry, depth=depth)


def _with_part(entry: Entry, parts: dict[tuple[str | None, str | None], str]) -> Entry:
    status = parts.get((entry.old_eid, entry.new_eid))
    if status is None:
        return entry
    kept = tuple(s for s in entry.statuses if s != UNCHANGED)
    return with_(entry, statuses=(status, *kept))


def _merge(
    out: list[Entry],
    before: _Side,
    after: _Side,
    pairs: dict[int, int],
    reverse: dict[int, int],
    placed: tuple[set[int], dict[int, float]],
    old_parent: int | None,
    new_parent: int,
    depth: int,
) -> None:
    """Append the entries under one parent: new children in order, deleted ones where they
    stood (after the nearest preceding sibling kept under the same parent). `placed` holds the
    new indexes of moved provisions and the confidence of each pair by new index."""
    moved, confidence = placed
    anchored: dict[int | None, list[int]] = {}
    anchor = None
    for i in before.kids[old_parent] if old_parent is not None else ():
        if i not in pairs:
            anchored.setdefault(anchor, []).append(i)
        elif after.parent[pairs[i]] == new_parent:
            anchor = i
    for i in anchored.get(None, ()):
        deleted_entries(out, before, pairs, i, depth)
    for j in after.kids[new_parent]:
        i = reverse.get(j)
        if i is None:
            out.append(inserted_entry(after.nodes[j], depth))
        else:
            kept = kept_entry(before.nodes[i], after.nodes[j], j in moved, depth, confidence.get(j))
            out.append(kept)
        if after.kids[j] or (i is not None and before.kids[i]):
            _merge(out, before, after, pairs, reverse, placed, i, j, depth + 1)
        for deleted in anchored.get(i, ()) if anchored and i is not None else ():
            deleted_entries(out, before, pairs, deleted, depth)
