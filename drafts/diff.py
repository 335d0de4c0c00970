"""Structural diff of two versions: which provisions were kept, changed, moved, added, removed.

Provisions are matched by their stable identity when the two texts share any; otherwise
(two different instruments, or texts not yet stored) they are aligned by number, heading
and text similarity. The result lists every provision once, in the document order of a
merged view: the new text, with deleted provisions where they stood in the old one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from drafts import eids, worddiff
from drafts.tree import Node
from drafts.worddiff import Op

STATUSES: tuple[str, ...] = (
    "unchanged",
    "modified",
    "inserted",
    "deleted",
    "moved",
    "renumbered",
)
MATCH_THRESHOLD = 0.45
"""Lowest similarity score at which two provisions are taken to be the same one."""

_ALL_PAIRS_LIMIT = 40_000
_ROOT = -1


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

    @property
    def changed(self) -> bool:
        return self.statuses != ("unchanged",)

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
        }


@dataclass(frozen=True, slots=True)
class Diff:
    """The diff of two versions; `alignment` is "identity" or "similarity"."""

    alignment: str
    entries: tuple[Entry, ...] = field(default=())

    def summary(self) -> dict[str, int]:
        """How many provisions carry each status (a moved and modified one counts twice)."""
        counts = dict.fromkeys(STATUSES, 0)
        for entry in self.entries:
            for status in entry.statuses:
                counts[status] += 1
        return counts

    def to_dict(self) -> dict:
        return {
            "alignment": self.alignment,
            "summary": self.summary(),
            "entries": [entry.to_dict() for entry in self.entries],
        }


class _Side:
    """One version flattened: nodes by index, each one's parent index and children indexes."""

    def __init__(self, forest: Sequence[Node]) -> None:
        flat = _flatten(forest)
        if any(not node.eid for node in flat[0]):
            flat = _flatten(eids.assign(forest))
        self.nodes, self.parent, self.position, self.kids = flat
        self._word_sets: dict[tuple[int, str], frozenset[str]] = {}

    def words(self, index: int, part: str) -> frozenset[str]:
        key = (index, part)
        if key not in self._word_sets:
            self._word_sets[key] = worddiff.word_set(getattr(self.nodes[index], part))
        return self._word_sets[key]


def _flatten(
    forest: Sequence[Node],
) -> tuple[list[Node], list[int], list[int], dict[int, Sequence[int]]]:
    """Nodes in document order, with the index of each one's parent, its place among its
    siblings, and the children of each index (-1 for the top level)."""
    nodes: list[Node] = []
    parents: list[int] = []
    positions: list[int] = []
    kids: dict[int, Sequence[int]] = {}

    def visit(level: Sequence[Node], parent: int) -> None:
        siblings: list[int] = []
        kids[parent] = siblings
        for position, node in enumerate(level):
            index = len(nodes)
            siblings.append(index)
            positions.append(position)
            parents.append(parent)
            nodes.append(node)
            if node.children:
                visit(node.children, index)
            else:
                kids[index] = ()

    visit(forest, _ROOT)
    return nodes, parents, positions, kids


def compare(old: Sequence[Node], new: Sequence[Node]) -> Diff:
    """The structural and word diff of two versions (forests of provisions)."""
    before, after = _Side(old), _Side(new)
    pairs = _match_identities(before, after)
    alignment = "identity" if pairs else "similarity"
    if not pairs:
        pairs = _match_similar(before, after)
    moved = _moved(before, after, pairs)
    reverse = {new_index: old_index for old_index, new_index in pairs.items()}
    entries: list[Entry] = []
    _merge(entries, before, after, pairs, reverse, moved, _ROOT, _ROOT, 0)
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
    values = {name: getattr(entry, name) for name in Entry.__slots__}
    return Entry(**{**values, "depth": depth})


def _match_identities(before: _Side, after: _Side) -> dict[int, int]:
    old_ids = {node.provision_id: i for i, node in enumerate(before.nodes) if node.provision_id}
    return {
        old_ids[node.provision_id]: j
        for j, node in enumerate(after.nodes)
        if node.provision_id in old_ids
    }


def _match_similar(before: _Side, after: _Side) -> dict[int, int]:
    """Exact matches first (same eId and content, then unique content), then best scores."""
    pairs: dict[int, int] = {}
    new_by_eid = {node.eid: j for j, node in enumerate(after.nodes)}
    for i, node in enumerate(before.nodes):
        j = new_by_eid.get(node.eid)
        if j is not None and _content(after.nodes[j]) == _content(node):
            pairs[i] = j
    _match_unique_content(before, after, pairs)
    with_text = [i for i, node in enumerate(before.nodes) if node.text]
    _match_best(before, after, pairs, with_text)
    _match_best(before, after, pairs, range(len(before.nodes)))
    return pairs


def _content(node: Node) -> tuple[str, str, str]:
    return node.kind, node.heading, node.text


def _match_unique_content(before: _Side, after: _Side, pairs: dict[int, int]) -> None:
    taken = set(pairs.values())
    olds = Counter(_content(n) for i, n in enumerate(before.nodes) if i not in pairs)
    news = Counter(_content(n) for j, n in enumerate(after.nodes) if j not in taken)
    unique_new = {
        _content(n): j
        for j, n in enumerate(after.nodes)
        if j not in taken and news[_content(n)] == 1 and (n.heading or n.text)
    }
    for i, node in enumerate(before.nodes):
        key = _content(node)
        if i not in pairs and olds[key] == 1 and key in unique_new:
            pairs[i] = unique_new[key]


def _match_best(
    before: _Side, after: _Side, pairs: dict[int, int], candidates: Iterable[int]
) -> None:
    """Greedily pair the unmatched provisions of the same kind with the best scores."""
    taken = set(pairs.values())
    olds = [i for i in candidates if i not in pairs]
    news = [j for j in range(len(after.nodes)) if j not in taken]
    local = len(olds) * len(news) > _ALL_PAIRS_LIMIT
    scored = []
    for i in olds:
        node = before.nodes[i]
        parent = _ROOT if before.parent[i] == _ROOT else pairs.get(before.parent[i])
        for j in news:
            if after.nodes[j].kind != node.kind or (local and after.parent[j] != parent):
                continue
            score = _score(before, after, pairs, i, j)
            if score >= MATCH_THRESHOLD:
                scored.append((score, -i, -j))
    for _, i, j in sorted(scored, reverse=True):
        if -i not in pairs and -j not in taken:
            pairs[-i] = -j
            taken.add(-j)


def _score(before: _Side, after: _Side, pairs: dict[int, int], i: int, j: int) -> float:
    old, new = before.nodes[i], after.nodes[j]
    weighted = [(0.5, 1.0 if old.num == new.num else 0.0)]
    if old.text or new.text:
        similar = worddiff.word_set_similarity(before.words(i, "text"), after.words(j, "text"))
        weighted.append((3.0, similar))
    if old.heading or new.heading:
        similar = worddiff.word_set_similarity(
            before.words(i, "heading"), after.words(j, "heading")
        )
        weighted.append((1.0, similar))
    if old.children or new.children:
        new_kids = set(after.kids[j])
        kept = sum(1 for child in before.kids[i] if pairs.get(child) in new_kids)
        weighted.append((2.0, kept / max(len(old.children), len(new.children))))
    return sum(weight * value for weight, value in weighted) / sum(w for w, _ in weighted)


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
    moved: set[int],
    old_parent: int | None,
    new_parent: int,
    depth: int,
) -> None:
    """Append the entries under one parent: new children in order, deleted ones where they
    stood (after the nearest preceding sibling kept under the same parent)."""
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
            out.append(_kept(before.nodes[i], after.nodes[j], j in moved, depth))
        if after.kids[j] or (i is not None and before.kids[i]):
            _merge(out, before, after, pairs, reverse, moved, i, j, depth + 1)
        for deleted in anchored.get(i, ()) if anchored and i is not None else ():
            _deleted(out, before, pairs, deleted, depth)


def _deleted(out: list[Entry], before: _Side, pairs: dict[int, int], i: int, depth: int) -> None:
    node = before.nodes[i]
    out.append(
        Entry(
            kind=node.kind,
            statuses=("deleted",),
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
        statuses=("inserted",),
        depth=depth,
        provision_id=node.provision_id,
        new_eid=node.eid,
        new_num=node.num,
        new_heading=node.heading,
        heading_ops=((worddiff.INSERT, node.heading),) if node.heading else (),
        text_ops=((worddiff.INSERT, node.text),) if node.text else (),
    )


def _kept(old: Node, new: Node, moved: bool, depth: int) -> Entry:
    modified: tuple[str, ...] = ()
    if old.revision_id is None or old.revision_id != new.revision_id:
        if old.heading != new.heading:
            modified += ("heading",)
        if old.text != new.text:
            modified += ("text",)
    statuses: tuple[str, ...] = ("modified",) if modified else ()
    if moved:
        statuses += ("moved",)
    if old.num != new.num:
        statuses += ("renumbered",)
    return Entry(
        kind=new.kind,
        statuses=statuses or ("unchanged",),
        depth=depth,
        provision_id=new.provision_id or old.provision_id,
        old_eid=old.eid,
        new_eid=new.eid,
        old_num=old.num,
        new_num=new.num,
        old_heading=old.heading,
        new_heading=new.heading,
        heading_ops=_ops(old.heading, new.heading, "heading" in modified),
        text_ops=_ops(old.text, new.text, "text" in modified),
        modified=modified,
    )


def _ops(old: str, new: str, changed: bool) -> tuple[Op, ...]:
    if changed:
        return worddiff.diff(old, new)
    return ((worddiff.EQUAL, new),) if new else ()
