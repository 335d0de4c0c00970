"""Structural diff of two versions: which provisions were kept, changed, moved, added, removed.

Provisions are matched by their stable identity when the two texts share any; otherwise
(two different instruments, or texts not yet stored) they are aligned by number, heading
and text similarity. The result lists every provision once, in the document order of a
merged view: the new text, with deleted provisions where they stood in the old one.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from drafts import matching, worddiff
from drafts.diff_statuses import (
    DELETED,
    INSERTED,
    MERGED,
    MODIFIED,
    MOVED,
    NOT_CHANGES,
    REFORMATTED,
    RENUMBERED,
    REPEALED,
    SPLIT,
    STATUSES,
    UNCHANGED,
)
from drafts.matching import Side as _Side
from drafts.normalize import is_stub, number, same, words
from drafts.tree import Node
from drafts.worddiff import Op

__all__ = ["STATUSES", "Diff", "Entry", "compare", "subtree"]

MATCH_THRESHOLD = matching.MATCH_THRESHOLD
_ROOT = matching.ROOT
SPLIT_SIMILARITY = 0.9
"""Word similarity between one paragraph and several joined at or above which they are a
split (or, the other way round, a merge) rather than a change plus an insertion."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One provision of the merged view; `old_*` is None when inserted, `new_*` when deleted."""

    kind: str
    statuses: tuple[str, ...]
    depth: int
    provision_id: str | None = None
    old_eid: str | None = None
    new_eid: str | None = None
    old_num: str | None = None
    new_num: str | None = None
    old_heading: str | None = None
    new_heading: str | None = None
    heading_ops: tuple[Op, ...] = ()
    text_ops: tuple[Op, ...] = ()
    modified: tuple[str, ...] = ()
    """Which parts of a modified provision changed: "heading", "text"."""
    confidence: float | None = None
    """How sure the pairing of the old and new provision is (1.0 for an identity or the same
    words); None for inserted and deleted provisions."""

    @property
    def changed(self) -> bool:
        """True for a change of the law (a formatting-only difference is not one)."""
        return not NOT_CHANGES.issuperset(self.statuses)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "provision_id": self.provision_id,
            "old_eid": self.old_eid,
            "new_eid": self.new_eid,
            "old_num": self.old_num,
            "new_num": self.new_num,
            "old_heading": self.old_heading,
            "new_heading": self.new_heading,
            "heading_ops": list(map(list, self.heading_ops)),
            "text_ops": list(map(list, self.text_ops)),
            "statuses": list(self.statuses),
            "modified": list(self.modified),
            "depth": self.depth,
            "confidence": self.confidence,
        }


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
    moved = _moved(before, after, pairs)
    reverse = {new_index: old_index for old_index, new_index in pairs.items()}
    entries: list[Entry] = []
    confidence = {j: pairing.confidence[i] for i, j in pairs.items()}
    _merge(entries, before, after, pairs, reverse, (moved, confidence), _ROOT, _ROOT, 0)
    parts = _splits_and_merges(before, after, pairs, reverse)
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
    return _with(entry, depth=depth)


def _with(entry: Entry, **changes) -> Entry:
    values = {name: getattr(entry, name) for name in Entry.__slots__}
    return Entry(**{**values, **changes})


def _with_part(entry: Entry, parts: dict[tuple[str | None, str | None], str]) -> Entry:
    status = parts.get((entry.old_eid, entry.new_eid))
    if status is None:
        return entry
    kept = tuple(s for s in entry.statuses if s != UNCHANGED)
    return _with(entry, statuses=(status, *kept))


def _splits_and_merges(
    before: _Side, after: _Side, pairs: dict[int, int], reverse: dict[int, int]
) -> dict[tuple[str | None, str | None], str]:
    """(old eId, new eId) of the entries that take part in a split or a merge, and which.

    A paragraph paired with a changed one is split when its words are, with no more than
    incidental rewording (`SPLIT_SIMILARITY`), the words of its new counterpart joined with the
    inserted siblings that follow it; merged, the other way round, with deleted siblings."""
    found: dict[tuple[str | None, str | None], str] = {}
    for i, j in pairs.items():
        old, new = before.nodes[i], after.nodes[j]
        if not old.text or not new.text or old.children or new.children or same(old.text, new.text):
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


def _following_unpaired(side: _Side, index: int, paired: set[int]) -> list[int]:
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


def _moved(before: _Side, after: _Side, pairs: dict[int, int]) -> set[int]:
    """New indexes of provisions with a new parent or out of order among kept siblings."""
    moved: set[int] = set()
    kept: dict[int, list[tuple[int, int]]] = {}
    for i, j in pairs.items():
        old_parent = before.parent[i]
        parent = _ROOT if old_parent == _ROOT else pairs.get(old_parent)
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
        _deleted(out, before, pairs, i, depth)
    for j in after.kids[new_parent]:
        i = reverse.get(j)
        if i is None:
            out.append(_inserted(after.nodes[j], depth))
        else:
            kept = _kept(before.nodes[i], after.nodes[j], j in moved, depth, confidence.get(j))
            out.append(kept)
        if after.kids[j] or (i is not None and before.kids[i]):
            _merge(out, before, after, pairs, reverse, placed, i, j, depth + 1)
        for deleted in anchored.get(i, ()) if anchored and i is not None else ():
            _deleted(out, before, pairs, deleted, depth)


def _deleted(out: list[Entry], before: _Side, pairs: dict[int, int], i: int, depth: int) -> None:
    node = before.nodes[i]
    out.append(
        Entry(
            kind=node.kind,
            statuses=(DELETED,),
            depth=depth,
            provision_id=node.provision_id,
            old_eid=node.eid,
            old_num=node.num,
            old_heading=node.heading,
            heading_ops=((worddiff.DELETE, node.heading),) if node.heading else (),
            text_ops=((worddiff.DELETE, node.text),) if node.text else (),
        )
    )
    for child in before.kids[i]:
        if child not in pairs:
            _deleted(out, before, pairs, child, depth + 1)


def _inserted(node: Node, depth: int) -> Entry:
    return Entry(
        kind=node.kind,
        statuses=(INSERTED,),
        depth=depth,
        provision_id=node.provision_id,
        new_eid=node.eid,
        new_num=node.num,
        new_heading=node.heading,
        heading_ops=((worddiff.INSERT, node.heading),) if node.heading else (),
        text_ops=((worddiff.INSERT, node.text),) if node.text else (),
    )


def _kept(old: Node, new: Node, moved: bool, depth: int, confidence: float | None = None) -> Entry:
    modified: tuple[str, ...] = ()
    formatting = False
    if old.revision_id is None or old.revision_id != new.revision_id:
        for part in ("heading", "text"):
            before, after = getattr(old, part), getattr(new, part)
            if before != after:
                if same(before, after):
                    formatting = True
                else:
                    modified += (part,)
    stubs = (_stub(old), _stub(new)) if modified or formatting else (False, False)
    if stubs == (False, True):
        statuses: tuple[str, ...] = (REPEALED,)
        modified = ()
    elif stubs == (True, True) and modified:
        statuses, modified, formatting = (), (), True
    else:
        statuses = (MODIFIED,) if modified else ()
    if moved:
        statuses += (MOVED,)
    if old.num != new.num:
        if number(old.num) != number(new.num):
            statuses += (RENUMBERED,)
        else:
            formatting = True
    if not statuses and formatting:
        statuses = (REFORMATTED,)
    return Entry(
        kind=new.kind,
        statuses=statuses or (UNCHANGED,),
        depth=depth,
        provision_id=new.provision_id or old.provision_id,
        old_eid=old.eid,
        new_eid=new.eid,
        old_num=old.num,
        new_num=new.num,
        old_heading=old.heading,
        new_heading=new.heading,
        heading_ops=_ops(old.heading, new.heading, "heading" in modified),
        text_ops=_ops(old.text, new.text, "text" in modified or (REPEALED in statuses)),
        modified=modified,
        confidence=confidence,
    )


def _stub(node: Node) -> bool:
    return not node.children and is_stub(node.heading, node.text)


def _ops(old: str, new: str, changed: bool) -> tuple[Op, ...]:
    if changed:
        return worddiff.diff(old, new)
    return ((worddiff.EQUAL, new),) if new else ()
