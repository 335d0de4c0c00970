"""Okapi BM25 over a few hundred short texts held in memory.

Kanun ranks treaty passages, recommendations and one version's provisions this way instead of
through a search engine: the collections are small, are rebuilt from the database in
milliseconds, and the evidence a person reads needs each word's share of a score, which the
engines at hand do not give.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

K1 = 1.2
B = 0.75


class BM25:
    """Documents given as lists of stems; queries scored against all of them at once."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        self.size = len(documents)
        self.lengths = [len(document) for document in documents]
        average = sum(self.lengths) / self.size if self.size else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for number, document in enumerate(documents):
            for stem, count in Counter(document).items():
                self.postings[stem].append((number, count))
        self.idf = {
            stem: math.log(1 + (self.size - len(found) + 0.5) / (len(found) + 0.5))
            for stem, found in self.postings.items()
        }
        self.norms = [K1 * (1 - B + B * length / (average or 1)) for length in self.lengths]

    def scores(self, query: Iterable[str]) -> dict[int, float]:
        """Document number → score, for the documents that share a stem with `query`."""
        totals: dict[int, float] = defaultdict(float)
        for stem in set(query):
            for number, count in self.postings.get(stem, ()):
                totals[number] += self.weight(stem, number, count)
        return totals

    def shares(
        self, query: Iterable[str], number: int, document: Sequence[str]
    ) -> dict[str, float]:
        """Each stem of `query` that document `number` holds, with its part of the score."""
        counts = Counter(document)
        return {
            stem: self.weight(stem, number, counts[stem]) for stem in set(query) if counts.get(stem)
        }

    def weight(self, stem: str, number: int, count: int) -> float:
        return self.idf.get(stem, 0.0) * count * (K1 + 1) / (count + self.norms[number])
