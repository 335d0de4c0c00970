"""Which provision of one text continues which provision of another: the one matching step.

The store uses it to give the nodes of a new edition (imported without provision ids) the
identities of the provisions they continue; the diff uses it to align two texts that share
no identities. Both call `pair`, so a redline never depends on how its texts reached Kanun.

Rules, applied in this order; a provision is paired at most once:

0. Identity: nodes carrying the same provision id are the same provision.
1. Same place, same words: the same eId and kind, and the same wording once formatting is
   set aside (`drafts.normalize.words`: "1." = "(1)", line wraps, quotes, soft hyphens...).
2. Same words elsewhere: a wording (kind, heading, text) found exactly once among the
   unpaired nodes of each side pairs them although the provision moved or was renumbered.
   Empty nodes and stubs are never paired this way.
3. Same place and number (editions of one law only): a node at the same eId, of the same
   kind, whose parent is paired with the other's parent (or both at the top), continues the
   provision there whatever its wording: it grew, shrank, was restated, or a stub was
   re-occupied (the diff says `modified`), or it became a stub (`repealed`). A number whose
   old content is found elsewhere is not presumed: rule 2 comes first; where the text of
   one of them is found nearly word for word (`SAME_TEXT`) in an unpaired provision of the
   same kind elsewhere and not here, it is paired with that one; where the two wordings are
   unlike (score below `MATCH_THRESHOLD`) and one of them resembles an unpaired sibling on
   the other side at least as well as that threshold, rule 4 decides instead.
4. Similarity: the remaining nodes of the same kind are paired greedily by score (number,
   text and heading words, kept children other than stubs), at or above `MATCH_THRESHOLD`;
   of equal scores, a pair whose parents are paired comes first. Nodes with text are paired
   first, then the others level by level from the deepest, so a provision is scored after
   its children were paired. Words compare case- and punctuation-insensitively; stubs are
   never paired by similarity.

An unnumbered provision's heading is its name (an account of an appropriations act): two
unnumbered provisions with unlike headings are never paired by rules 3 and 4.

Every pair carries a confidence: 1.0 for rules 0-2, the score for rules 3 and 4. Splits and
merges are read off the pairs by the diff (`drafts.diff`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from drafts import eids, worddiff
from drafts.matching_texts import most_alike
from drafts.normalize import is_stub, number, words
from drafts.tree import Node, walk

MATCH_THRESHOLD = 0.45
"""Lowest similarity score at which two provisions are taken to be the same one (rule 4)."""
SAME_TEXT = 0.9
"""Word-set similarity from which two texts are the same content lightly edited (rule 3)."""

ROOT = -1
_Alike = tuple[dict[int, int], dict[int, int]]
"""The new text most like each old one and the reverse (`drafts.matching_texts`)."""
_ALL_PAIRS_LIMIT = 40_000


class Side:
    """One text flattened: nodes by index, each one's parent index and children indexes."""

    def __init__(self, forest: Sequence[Node]) -> None:
        flat = _flatten(forest)
        if any(not node.eid for node in flat[0]):
            flat = _flatten(eids.assign(tuple(forest)))
        self.nodes, self.parent, self.position, self.kids = flat
        self._word_sets: dict[tuple[int, str], frozenset[str]] = {}
        self._wording: dict[int, tuple[str, str, str]] = {}

    def words(self, index: int, part: str) -> frozenset[str]:
        key = (index, part)
        if key not in self._word_sets:
            self._word_sets[key] = worddiff.word_set(getattr(self.nodes[index], part))
        return self._word_sets[key]

    def wording(self, index: int) -> tuple[str, str, str]:
        """(kind, heading, text) with formatting set aside."""
        if index not in self._wording:
            node = self.nodes[index]
            self._wording[index] = (node.kind, words(node.heading), words(node.text))
        return self._wording[index]

    def stub(self, index: int) -> bool:
        node = self.nodes[index]
        return not node.children and is_stub(node.heading, node.text)


def _flatten(
    forest: Sequence[Node],
) -> tuple[list[Node], list[int], list[int], dict[int, Sequence[int]]]:
    """Nodes in document order, with the index of each one's parent, its place among its
    siblings, and the children of each index (-1 for the top level)."""
    nodes: list[Node] = []
    parents: list[int] = []
    positions: list[int] = []
    kids: dict[int, Sequence[int]] = {}

    def visit(siblings: Sequence[Node], parent: int) -> list[int]:
        # Recursion is bounded by `drafts.tree.MAX_DEPTH`; each level appends in one pass.
        indexes = []
        for position, node in enumerate(siblings):
            index = len(nodes)
            nodes.append(node)
            parents.append(parent)
            positions.append(position)
            indexes.append(index)
            kids[index] = visit(node.children, index) if node.children else ()
        return indexes

    kids[ROOT] = visit(forest, ROOT)
    return nodes, parents, positions, kids


@dataclass
class Pairing:
    """Old index -> new index, and the confidence of each pair (by old index)."""

    pairs: dict[int, int] = field(default_factory=dict)
    confidence: dict[int, float] = field(default_factory=dict)
    by_identity: bool = False

    def add(self, i: int, j: int, confidence: float) -> None:
        self.pairs[i] = j
        self.confidence[i] = round(confidence, 3)


def pair(before: Side, after: Side, *, editions: bool = True) -> Pairing:
    """Pair the nodes of two texts by the rules of this module.

    `editions` says the texts are editions of one law (rule 3 applies); for two different
    laws only wording pairs them."""
    result = Pairing()
    _by_identity(before, after, result)
    result.by_identity = bool(result.pairs)
    _same_place_same_words(before, after, result, editions)
    _same_words_elsewhere(before, after, result)
    if editions:
        _same_place(before, after, result)
    with_text = [i for i, node in enumerate(before.nodes) if node.text]
    _best(before, after, result, with_text)
    for level in _deepest_first(before):
        _best(before, after, result, level)
    return result


def _deepest_first(side: Side) -> list[list[int]]:
    """The indexes of a text by depth, deepest first: a provision is scored by its children
    kept, so they are paired before it."""
    depth: list[int] = []
    levels: list[list[int]] = []
    for index, parent in enumerate(side.parent):
        depth.append(0 if parent == ROOT else depth[parent] + 1)
        if depth[index] == len(levels):
            levels.append([])
        levels[depth[index]].append(index)
    return levels[::-1]


def _by_identity(before: Side, after: Side, result: Pairing) -> None:
    old_ids = {node.provision_id: i for i, node in enumerate(before.nodes) if node.provision_id}
    pairs, confidence = result.pairs, result.confidence
    for j, node in enumerate(after.nodes):
        i = old_ids.get(node.provision_id)
        if i is not None:
            pairs[i] = j
            confidence[i] = 1.0


def _same_place_same_words(before: Side, after: Side, result: Pairing, editions: bool) -> None:
    taken = set(result.pairs.values())
    new_by_eid = {node.eid: j for j, node in enumerate(after.nodes) if j not in taken}
    for i, node in enumerate(before.nodes):
        j = new_by_eid.get(node.eid)
        if j is None or i in result.pairs:
            continue
        other = after.nodes[j]
        raw_same = (node.kind, node.heading, node.text) == (other.kind, other.heading, other.text)
        if not raw_same and before.wording(i) != after.wording(j):
            continue
        if not editions and (before.stub(i) or not (node.heading or node.text)):
            continue
        result.add(i, j, 1.0)


def _same_words_elsewhere(before: Side, after: Side, result: Pairing) -> None:
    taken = set(result.pairs.values())
    olds = [i for i in range(len(before.nodes)) if i not in result.pairs and _pairable(before, i)]
    news = [j for j in range(len(after.nodes)) if j not in taken and _pairable(after, j)]
    old_count = Counter(before.wording(i) for i in olds)
    new_count = Counter(after.wording(j) for j in news)
    unique_new = {after.wording(j): j for j in news if new_count[after.wording(j)] == 1}
    for i in olds:
        key = before.wording(i)
        if old_count[key] == 1 and key in unique_new:
            result.add(i, unique_new[key], 1.0)


def _pairable(side: Side, index: int) -> bool:
    node = side.nodes[index]
    return bool(node.heading or node.text) and not side.stub(index)


def _same_place(before: Side, after: Side, result: Pairing) -> None:
    taken = set(result.pairs.values())
    old_by_eid = {node.eid: i for i, node in enumerate(before.nodes) if i not in result.pairs}
    reverse = {j: i for i, j in result.pairs.items()}
    alike = _alike(before, after, result, taken)
    for j, node in enumerate(after.nodes):
        if j in taken:
            continue
        i = old_by_eid.get(node.eid)
        if i is None or i in result.pairs or before.nodes[i].kind != node.kind:
            continue
        old_parent, new_parent = before.parent[i], after.parent[j]
        if not (old_parent == new_parent == ROOT or reverse.get(new_parent) == old_parent):
            continue
        if _named_apart(before, after, i, j):
            continue
        elsewhere = _text_elsewhere(before, after, result, taken, alike, i, j)
        if elsewhere is not None:
            old, new = elsewhere
            result.add(old, new, _score(before, after, result.pairs, old, new))
            reverse[new] = old
            taken.add(new)
            continue
        score = _score(before, after, result.pairs, i, j)
        if score < MATCH_THRESHOLD and _found_elsewhere(before, after, result, i, j, score):
            continue
        result.add(i, j, score)
        reverse[j] = i


def _found_elsewhere(
    before: Side, after: Side, result: Pairing, i: int, j: int, score: float
) -> bool:
    """True when old `i` resembles another unpaired new sibling of `j` better than `j`, or
    new `j` another unpaired old sibling of `i`: its number was re-used for other content."""
    taken = set(result.pairs.values())
    kind = before.nodes[i].kind
    bar = max(MATCH_THRESHOLD, score)
    others_new = (
        k
        for k in after.kids[after.parent[j]]
        if k != j and k not in taken and after.nodes[k].kind == kind and not after.stub(k)
    )
    if any(_score(before, after, result.pairs, i, k) >= bar for k in others_new):
        return True
    others_old = (
        k
        for k in before.kids[before.parent[i]]
        if k != i and k not in result.pairs and before.nodes[k].kind == kind and not before.stub(k)
    )
    return any(_score(before, after, result.pairs, k, j) >= bar for k in others_old)


def _named_apart(before: Side, after: Side, i: int, j: int) -> bool:
    """True for two unnumbered provisions named by unlike headings (two accounts of an
    appropriations act): an unnumbered provision's heading is its name."""
    old, new = before.nodes[i], after.nodes[j]
    if old.num or new.num or not (old.heading and new.heading):
        return False
    alike = worddiff.word_set_similarity(before.words(i, "heading"), after.words(j, "heading"))
    return alike < MATCH_THRESHOLD


def _alike(before: Side, after: Side, result: Pairing, taken: set[int]) -> _Alike:
    """For each node that rule 3 could pair with unlike text (same eId and kind, both
    unpaired), the unpaired node of the other text whose text is nearly the same."""
    new_by_eid = {n.eid: j for j, n in enumerate(after.nodes) if j not in taken}
    doubtful = [
        (i, j)
        for i, node in enumerate(before.nodes)
        if i not in result.pairs
        and (j := new_by_eid.get(node.eid)) is not None
        and after.nodes[j].kind == node.kind
        and worddiff.word_set_similarity(before.words(i, "text"), after.words(j, "text"))
        < SAME_TEXT
    ]
    olds = [(i, before.nodes[i].kind, before.words(i, "text")) for i, _ in doubtful]
    news = [(j, after.nodes[j].kind, after.words(j, "text")) for _, j in doubtful]
    old_pool = [
        (i, n.kind, before.words(i, "text"))
        for i, n in enumerate(before.nodes)
        if n.text and i not in result.pairs
    ]
    new_pool = [
        (j, n.kind, after.words(j, "text"))
        for j, n in enumerate(after.nodes)
        if n.text and j not in taken
    ]
    return most_alike(olds, new_pool, SAME_TEXT), most_alike(news, old_pool, SAME_TEXT)


def _text_elsewhere(
    before: Side, after: Side, result: Pairing, taken: set[int], alike: _Alike, i: int, j: int
) -> tuple[int, int] | None:
    """The pair that continues old `i` or new `j` when the text of one of them is found nearly
    word for word (`SAME_TEXT`) in an unpaired provision of the same kind elsewhere (`alike`,
    by `drafts.matching_texts.most_alike`), and not in the other: old `i` with that new
    provision, or that old provision with new `j`."""
    if worddiff.word_set_similarity(before.words(i, "text"), after.words(j, "text")) >= SAME_TEXT:
        return None
    new_for_old, old_for_new = alike
    found = new_for_old.get(i)
    if found is not None and found != j and found not in taken:
        return i, found
    found = old_for_new.get(j)
    if found is not None and found != i and found not in result.pairs:
        return found, j
    return None


def _best(before: Side, after: Side, result: Pairing, candidates: Iterable[int]) -> None:
    """Greedily pair the unpaired nodes of the same kind with the best scores (rule 4)."""
    pairs = result.pairs
    taken = set(pairs.values())
    olds = [i for i in candidates if i not in pairs and not before.stub(i)]
    news = [j for j in range(len(after.nodes)) if j not in taken and not after.stub(j)]
    if not olds or not news:
        return
    local = len(olds) * len(news) > _ALL_PAIRS_LIMIT
    scored = []
    for i in olds:
        node = before.nodes[i]
        parent = ROOT if before.parent[i] == ROOT else pairs.get(before.parent[i])
        for j in news:
            if after.nodes[j].kind != node.kind or (local and after.parent[j] != parent):
                continue
            if _named_apart(before, after, i, j):
                continue
            score = _score(before, after, pairs, i, j)
            if score >= MATCH_THRESHOLD:
                scored.append((score, after.parent[j] == parent, -i, -j))
    for score, _, i, j in sorted(scored, reverse=True):
        if -i not in pairs and -j not in taken:
            result.add(-i, -j, score)
            taken.add(-j)


def _score(before: Side, after: Side, pairs: dict[int, int], i: int, j: int) -> float:
    old, new = before.nodes[i], after.nodes[j]
    weighted = [(0.5, 1.0 if number(old.num) == number(new.num) else 0.0)]
    if old.text or new.text:
        similar = worddiff.word_set_similarity(before.words(i, "text"), after.words(j, "text"))
        weighted.append((3.0, similar))
    if old.heading or new.heading:
        similar = worddiff.word_set_similarity(
            before.words(i, "heading"), after.words(j, "heading")
        )
        weighted.append((1.0, similar))
    old_kids = [child for child in before.kids[i] if not before.stub(child)]
    new_kids = {child for child in after.kids[j] if not after.stub(child)}
    if old_kids or new_kids:
        kept = sum(1 for child in old_kids if pairs.get(child) in new_kids)
        weighted.append((2.0, kept / max(len(old_kids), len(new_kids))))
    return sum(weight * value for weight, value in weighted) / sum(w for w, _ in weighted)


def match(
    new: tuple[Node, ...],
    old: tuple[Node, ...],
    *,
    make_id: Callable[[], str] = lambda: str(uuid.uuid4()),
) -> tuple[Node, ...]:
    """`new` (with eIds assigned) with a provision id on every node.

    Ids already present in `new` are kept; `old` is the parent version's tree, with eIds and
    ids. The other nodes take the id of the old node `pair` pairs them with, or a new one."""
    if any(not node.eid for node in walk(new)):
        new = eids.assign(new)
    before, after = Side(old), Side(new)
    if all(node.provision_id for node in after.nodes):
        return new
    pairing = pair(before, after)
    found = {j: before.nodes[i].provision_id for i, j in pairing.pairs.items()}
    index_of = {id(node): j for j, node in enumerate(after.nodes)}

    def fill(node: Node) -> Node:
        provision_id = node.provision_id or found.get(index_of[id(node)]) or make_id()
        return replace(
            node,
            provision_id=provision_id,
            children=tuple(fill(child) for child in node.children),
        )

    return tuple(fill(node) for node in new)
