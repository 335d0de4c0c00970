"""The provisions of one version ranked for a treaty article, in memory: the article's
concepts found in each provision (in the version's language) and, for an English text, the
words each provision shares with the article (BM25 over the version's provisions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from alignment.bm25 import BM25
from alignment.concepts import ConceptIndex, strength, strongest
from alignment.suggest import (
    CONCEPT_CAP,
    CONCEPT_WEIGHT,
    LEAD_WORDS,
    Catalogue,
    Evidence,
    Ranking,
    Suggestion,
    shared_words,
)
from alignment.wording import words


@dataclass(frozen=True, slots=True)
class ProvisionText:
    provision_id: str
    title: str
    """Its number and heading, as the text shows them."""
    text: str


def suggest_provisions(
    catalogue: Catalogue,
    *,
    article: str,
    provisions: Sequence[ProvisionText],
    language: str,
    offset: int = 0,
    limit: int = 10,
) -> Ranking:
    """The provisions closest to `article` (`CODE:number`), best first: `limit` of them from
    `offset`."""
    index = ConceptIndex(catalogue.concepts_of(article))
    found = [words(" ".join((item.title, item.text)), language) for item in provisions]
    scores = [0.0] * len(provisions)
    lexical: dict[int, float] = {}
    query = []
    if language == "en":
        query = [word.stem for word in words(catalogue.article_text(article), "en")]
        bm25 = BM25([[word.stem for word in item] for item in found])
        lexical = bm25.scores(query)
        best = max(lexical.values(), default=0.0) or 1.0
        for number, value in lexical.items():
            scores[number] += value / best
    hits = [index.hits(item, language) for item in found]
    for number, item in enumerate(hits):
        value = strength(item, lead=LEAD_WORDS).get(article, 0.0)
        scores[number] += CONCEPT_WEIGHT * min(CONCEPT_CAP, value)
    ranked = sorted(
        (number for number, score in enumerate(scores) if score > 0),
        key=lambda number: (-scores[number], number),
    )
    suggestions = []
    target = [*words(catalogue.article_text(article), "en")]
    for number in ranked[offset : offset + limit]:
        evidence = [
            Evidence(
                hit.concept.name,
                hit.concept.sources,
                tuple(word.surface for word in hit.words),
                (),
            )
            for hit in strongest(hits[number]).get(article, [])
        ]
        if number in lexical:
            stems = [word.stem for word in found[number]]
            shares = bm25.shares(query, number, stems)
            evidence.extend(shared_words(found[number], target, shares))
        item = provisions[number]
        suggestions.append(
            Suggestion(item.provision_id, item.title, scores[number], evidence=tuple(evidence))
        )
    return Ranking(suggestions, len(ranked))
