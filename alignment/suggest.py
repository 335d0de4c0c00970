"""Suggested links: the treaty articles (and recommendations) a provision implements, and the
provisions of a version that implement an article, ranked in memory with their evidence.

An article's score for a provision adds three things, each explained to the reader:

- words they share (BM25 over the article's paragraphs and sub-paragraphs, the best of them
  counting, as a share of the best article's; only for English provisions, the treaties being
  in English), with a long provision scored by its best run of words;
- the curated concepts of the article found in the provision, in its own language
  (`alignment.concepts`), each weighing `CONCEPT_WEIGHT` where the best shared words weigh 1;
- what the working group decided for similar provisions (`alignment.decisions`).

Procedural articles (committees, reports, ratification) are never suggested.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from alignment.bm25 import BM25
from alignment.concepts import ConceptHit, ConceptIndex, strength, strongest
from alignment.passages import Passage, article_passages, parts
from alignment.wording import Word, guess_language, words
from frameworks.concepts import Concept

CONCEPT_WEIGHT = 1.0
"""What one concept found weighs, where the best shared words score 1."""
CONCEPT_CAP = 3.0
"""Concepts of one article count up to this many."""
LEXICAL_FLOOR = 12.0
"""A BM25 score below this is a weak match, so the best article scores less than 1 (one
ordinary shared word, "emergency", scores about 7; a paragraph's own phrase, 15 to 30)."""
WHOLE_SHARE = 0.5
"""For a long provision, the share of the whole text's lexical score beside its best part's."""
SHARED_SHOWN = 6
LEAD_WORDS = 12
"""Concepts among a provision's first words (its heading, its opening) weigh more."""


Located = tuple[float, tuple[int, list[Word]]]
"""An article's lexical score, with its best passage and the provision's words that found it."""


@dataclass(frozen=True, slots=True)
class ArticleText:
    framework: str
    number: str
    title: str | None
    topic: str
    text: str
    procedural: bool = False

    @property
    def key(self) -> str:
        return f"{self.framework}:{self.number}"

    @property
    def heading(self) -> str:
        heading = self.title or self.topic
        return f"{self.framework} article {self.number}: {heading}".rstrip(": ")


@dataclass(frozen=True, slots=True)
class RecommendationText:
    id: int
    set_code: str
    number: str
    text: str
    articles: tuple[str, ...] = ()
    """`CODE:number` of the articles the recommendation names."""

    @property
    def key(self) -> str:
        return f"{self.set_code}:{self.number}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a suggestion was made: a concept (or, with no concept, words in common) and the
    words that show it on each side."""

    concept: str
    sources: tuple[str, ...]
    provision_words: tuple[str, ...]
    target_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Suggestion:
    key: str
    """`CODE:number` of an article, `SET:number` of a recommendation, or a provision id."""
    title: str
    score: float
    passage: str = ""
    """The article's paragraph that matched, as cited: `9(1)(a)`."""
    passage_text: str = ""
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[Reason, ...] = ()
    """The working group's decisions that moved this suggestion."""

    @property
    def matched_terms(self) -> tuple[str, ...]:
        """The provision's words that are evidence, each once."""
        seen: dict[str, str] = {}
        for item in self.evidence:
            for word in item.provision_words:
                seen.setdefault(word.casefold(), word)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class Ranking:
    """One window of a ranking, best first: the suggestions from `offset`, and how many
    candidates it ranked in all (every one that scored above nothing, the ranker's floor)."""

    items: list[Suggestion]
    total: int


@dataclass(frozen=True, slots=True)
class Reason:
    """A decision that moved a suggestion: confirmed or rejected, for which provision (none:
    this one) of which law (none: the same)."""

    verdict: str
    where: str = ""
    law: str = ""

    def __str__(self) -> str:
        if not self.where:
            return f"{self.verdict} for this provision"
        return f"{self.verdict} for {self.where} of {self.law or 'this law'}"


@dataclass(frozen=True, slots=True)
class Votes:
    """What decisions add to each target's score, and why."""

    scores: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, tuple[Reason, ...]] = field(default_factory=dict)


class Catalogue:
    """The treaty articles and recommendations, cut and indexed for ranking."""

    def __init__(
        self,
        articles: Sequence[ArticleText],
        recommendations: Sequence[RecommendationText],
        concepts: Iterable[Concept],
    ) -> None:
        self.articles = {article.key: article for article in articles}
        self.passages: list[Passage] = []
        for article in articles:
            if not article.procedural:
                self.passages += article_passages(article.framework, article.number, article.text)
        self.passage_words = [
            words(" ".join((passage.text, passage.lead, self._heading(passage))), "en")
            for passage in self.passages
        ]
        self.bm25 = BM25([[word.stem for word in found] for found in self.passage_words])
        self.passage_own = [words(passage.text, "en") for passage in self.passages]
        self.passages_of: dict[str, list[int]] = defaultdict(list)
        for number, passage in enumerate(self.passages):
            self.passages_of[passage.article].append(number)
        known = [concept for concept in concepts if concept.article in self.articles]
        self.concepts = ConceptIndex(known)
        self.concept_lists: dict[str, list[Concept]] = defaultdict(list)
        for concept in known:
            self.concept_lists[concept.article].append(concept)
        self.passage_hits = [self.concepts.hits(found, "en") for found in self.passage_own]
        self.recommendations = list(recommendations)
        self.recommendation_words = [words(item.text, "en") for item in self.recommendations]
        self.recommendation_bm25 = BM25(
            [[word.stem for word in found] for found in self.recommendation_words]
        )
        self.recommendation_topics = [
            {*item.articles, *strongest(self.concepts.hits(found, "en"))}
            for item, found in zip(self.recommendations, self.recommendation_words, strict=True)
        ]

    def concepts_of(self, article: str) -> list[Concept]:
        """The curated concepts of an article (`CODE:number`)."""
        return self.concept_lists.get(article, [])

    def article_text(self, article: str) -> str:
        """An article's title, topic and text, as one text to compare with provisions."""
        found = self.articles[article]
        return " ".join(part for part in (found.title, found.topic, found.text) if part)

    def _heading(self, passage: Passage) -> str:
        article = self.articles[passage.article]
        return " ".join(part for part in (article.title, article.topic) if part)

    def suggest_articles(
        self,
        text: str,
        *,
        language: str | None = None,
        framework: str | None = None,
        offset: int = 0,
        limit: int = 10,
        votes: Votes | None = None,
    ) -> Ranking:
        """Articles ranked by how directly `text` implements them, best first: `limit` of them
        from `offset`."""
        language = language or guess_language(text)
        found = words(text, language)
        lexical = self._lexical(found) if language == "en" else {}
        hits = self.concepts.hits(found, language)
        concepts = strongest(hits)
        strengths = strength(hits, lead=LEAD_WORDS)
        votes = votes or Votes()
        scores: dict[str, float] = defaultdict(float)
        for key, (value, _) in lexical.items():
            scores[key] += value
        for key, value in strengths.items():
            scores[key] += CONCEPT_WEIGHT * min(CONCEPT_CAP, value)
        for key, value in votes.scores.items():
            if key in self.articles:
                scores[key] += value
        order = {key: position for position, key in enumerate(self.articles)}
        kept = [
            key
            for key, score in scores.items()
            if score > 0
            and not self.articles[key].procedural
            and (not framework or self.articles[key].framework == framework)
        ]
        kept.sort(key=lambda key: (-scores[key], order[key]))
        shown = [
            self._suggestion(key, scores[key], concepts.get(key, []), lexical.get(key), votes)
            for key in kept[offset : offset + limit]
        ]
        return Ranking(shown, len(kept))

    def _suggestion(
        self,
        key: str,
        score: float,
        hits: list[ConceptHit],
        lexical: Located | None,
        votes: Votes,
    ) -> Suggestion:
        number = self._passage(key, hits, lexical)
        passage = self.passages[number]
        return Suggestion(
            key=key,
            title=self.articles[key].heading,
            score=score,
            passage=passage.label,
            passage_text=passage.text,
            evidence=self._evidence(number, hits, lexical),
            reasons=votes.reasons.get(key, ()),
        )

    def suggest_recommendations(
        self, text: str, *, language: str | None = None, offset: int = 0, limit: int = 10
    ) -> Ranking:
        """Recommendations ranked by the words they share with `text` and the articles whose
        concepts both show: `limit` of them from `offset`, best first."""
        language = language or guess_language(text)
        found = words(text, language)
        shown = {
            key: CONCEPT_WEIGHT * min(CONCEPT_CAP, sum(hit.weight for hit in hits))
            for key, hits in strongest(self.concepts.hits(found, language)).items()
        }
        lexical = self.recommendation_bm25.scores(w.stem for w in found) if language == "en" else {}
        best = max(lexical.values(), default=0.0) or 1.0
        scores: dict[int, float] = {}
        for number in range(len(self.recommendations)):
            topics = self.recommendation_topics[number]
            topical = max((shown.get(key, 0.0) for key in topics), default=0.0)
            score = lexical.get(number, 0.0) / best + topical
            if score > 0:
                scores[number] = score
        ranked = sorted(scores, key=lambda number: (-scores[number], number))
        stems = [w.stem for w in found]
        items = []
        for number in ranked[offset : offset + limit]:
            item, own = self.recommendations[number], self.recommendation_words[number]
            shares = self.recommendation_bm25.shares(stems, number, [w.stem for w in own])
            evidence = shared_words(found, own, shares)
            title = f"{item.set_code} {item.number}"
            items.append(Suggestion(item.key, title, scores[number], evidence=evidence))
        return Ranking(items, len(ranked))

    def _lexical(self, found: list[Word]) -> dict[str, Located]:
        """Article → (share of the best article's score, (its best passage, the words)).
        A long provision counts its whole text and its best run of words half each."""
        pieces = parts(found)
        whole = self._best_passages(found)
        if len(pieces) == 1:
            return {key: (value, (number, found)) for key, (value, number) in whole.items()}
        result: dict[str, Located] = {}
        for piece in pieces:
            for key, (value, number) in self._best_passages(piece).items():
                if key not in result or value > result[key][0]:
                    result[key] = (value, (number, piece))
        return {
            key: (
                WHOLE_SHARE * whole.get(key, (0.0, 0))[0] + (1 - WHOLE_SHARE) * value,
                located,
            )
            for key, (value, located) in result.items()
        }

    def _best_passages(self, found: list[Word]) -> dict[str, tuple[float, int]]:
        """Article → (its best passage's score as a share of the best, that passage)."""
        scores = self.bm25.scores(word.stem for word in found)
        best: dict[str, tuple[float, int]] = {}
        for number, value in scores.items():
            key = self.passages[number].article
            if key not in best or value > best[key][0]:
                best[key] = (value, number)
        top = max((value for value, _ in best.values()), default=0.0)
        top = max(top, LEXICAL_FLOOR) or 1.0
        return {key: (value / top, number) for key, (value, number) in best.items()}

    def _passage(self, key: str, hits: list[ConceptHit], lexical: Located | None) -> int:
        """The passage to show: within the paragraph of the weightiest concept that names one,
        the sub-paragraph showing that concept or sharing the most words; else the passage
        sharing the most words; else the article's first."""
        own = self.passages_of[key]
        best_lexical = lexical[1][0] if lexical is not None else None
        for hit in hits:
            if not hit.concept.passage:
                continue
            label = f"{self.articles[key].number}({hit.concept.passage})"
            inside = [n for n in own if self.passages[n].label.startswith(label)]
            showing = [
                n
                for n in inside
                if any(other.concept == hit.concept for other in self.passage_hits[n])
            ]
            if best_lexical in inside and (not showing or best_lexical in showing):
                return best_lexical
            if showing or inside:
                return (showing or inside)[0]
        return best_lexical if best_lexical is not None else own[0]

    def _evidence(
        self, number: int, hits: list[ConceptHit], lexical: Located | None
    ) -> tuple[Evidence, ...]:
        evidence = []
        for hit in hits:
            there = [
                word.surface
                for other in self.passage_hits[number]
                if other.concept == hit.concept
                for word in other.words
            ]
            evidence.append(
                Evidence(
                    concept=hit.concept.name,
                    sources=hit.concept.sources,
                    provision_words=tuple(word.surface for word in hit.words),
                    target_words=tuple(dict.fromkeys(there)),
                )
            )
        if lexical is not None and lexical[1][0] == number:
            piece = lexical[1][1]
            stems = [word.stem for word in self.passage_words[number]]
            shares = self.bm25.shares([word.stem for word in piece], number, stems)
            evidence.extend(shared_words(piece, self.passage_own[number], shares))
        return tuple(evidence)


def shared_words(
    found: list[Word], target: list[Word], shares: dict[str, float]
) -> tuple[Evidence, ...]:
    """The words both texts hold, the weightiest first, as one piece of evidence."""
    if not shares:
        return ()
    stems = sorted(shares, key=lambda stem: -shares[stem])[:SHARED_SHOWN]
    mine = tuple(dict.fromkeys(word.surface for word in found if word.stem in stems))
    theirs = tuple(dict.fromkeys(word.surface for word in target if word.stem in stems))
    return (Evidence("", (), mine, theirs),)
