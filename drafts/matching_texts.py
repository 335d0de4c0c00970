"""Which provisions of two texts say nearly the same words: a set-similarity join.

Comparing every old text with every new one costs their product, and a large code restated
in part has thousands of each. Two word sets whose Dice similarity is at least `d` have a
Jaccard similarity of at least `j = d / (2 - d)`, and two sets that alike share a word among
the first `|S| - ceil(j * |S|) + 1` words of each when the words are ordered rarest first
(prefix filtering: Chaudhuri, Ganti and Kaushik 2006; Bayardo, Ma and Srikant 2007). Only
the texts sharing such a word, and whose sizes are that alike, are compared.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from drafts.worddiff import word_set_similarity

Text = tuple[int, str, frozenset[str]]
"""A provision's index, kind and the word set of its text."""


def most_alike(queries: Sequence[Text], pool: Sequence[Text], threshold: float) -> dict[int, int]:
    """For each text of `queries`, the text of `pool` of the same kind most like it, where
    their Dice similarity is at least `threshold`."""
    frequency = Counter(word for _, _, words in (*queries, *pool) for word in words)
    jaccard = threshold / (2 - threshold) - 1e-9

    def prefix(words: frozenset[str]) -> list[str]:
        ordered = sorted(words, key=lambda word: (frequency[word], word))
        return ordered[: len(ordered) - math.ceil(jaccard * len(ordered)) + 1]

    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, (_, kind, words) in enumerate(pool):
        for word in prefix(words):
            index[kind, word].append(position)
    found: dict[int, int] = {}
    for query, kind, words in queries:
        best = threshold
        for position in sorted({p for word in prefix(words) for p in index[kind, word]}):
            candidate, _, other = pool[position]
            if min(len(words), len(other)) < jaccard * max(len(words), len(other)):
                continue
            similar = word_set_similarity(words, other)
            if similar >= best:
                best, found[query] = similar, candidate
    return found
