"""Learning from the working group: links confirmed or rejected for some provisions change the
suggestions for similar ones.

Each decided provision is a vector of its words (stems, tagged with the language) and of the
treaty concepts found in it, which tie provisions of different languages together; similarity
is the cosine of TF-IDF weights. The `NEIGHBOURS` most similar decided provisions vote: a
confirmed link adds `VOTE` times the similarity (times its relation's weight) to its article,
a rejected one takes half as much away, and a link rejected for the very provision asked about
takes `REJECTED` away. Every vote is said in words ("confirmed for Article 7(2) of this law").
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from alignment.concepts import ConceptIndex
from alignment.suggest import Reason, Votes
from alignment.wording import guess_language, words

NEIGHBOURS = 5
SIMILAR = 0.3
"""Provisions less similar than this do not vote."""
VOTE = 0.5
REJECTED = 2.0
RELATION_WEIGHT = {
    "implements": 1.0,
    "partially_implements": 0.5,
    "references": 0.25,
    "conflicts_with": 0.0,
}
"""How much a confirmed link of each relation says that similar provisions implement it."""
CONCEPT_FEATURE = 2.0
"""A concept found counts as much as this many occurrences of a word."""


@dataclass(frozen=True, slots=True)
class Decision:
    """A link the working group confirmed or rejected, with the provision's wording."""

    provision_id: str
    instrument_id: int
    text: str
    language: str
    target: str
    """`CODE:number` of the article."""
    confirmed: bool
    relation: str
    label: str
    """The provision's legal citation: "Article 7(2)"."""
    instrument: str
    """The instrument's short title, for a provision of another law."""


class Memory:
    """The decided provisions, ready to vote on a new text."""

    def __init__(self, decisions: Sequence[Decision], concepts: ConceptIndex) -> None:
        self.concepts = concepts
        by_provision: dict[str, list[Decision]] = defaultdict(list)
        for decision in decisions:
            by_provision[decision.provision_id].append(decision)
        self.provisions = list(by_provision)
        self.decisions = [by_provision[key] for key in self.provisions]
        bags = [self._features(items[0].text, items[0].language) for items in self.decisions]
        spread = Counter(feature for bag in bags for feature in bag)
        size = len(bags)
        self.idf = {feature: math.log(1 + size / count) for feature, count in spread.items()}
        self.vectors = [self._vector(bag) for bag in bags]

    def votes(
        self,
        text: str,
        *,
        language: str | None = None,
        provision_id: str | None = None,
        instrument_id: int | None = None,
    ) -> Votes:
        """What the decisions on similar provisions (and on this one) add to each article."""
        language = language or guess_language(text)
        vector = self._vector(self._features(text, language))
        similar = []
        for number, other in enumerate(self.vectors):
            if self.provisions[number] == provision_id:
                continue
            value = sum(weight * other.get(feature, 0.0) for feature, weight in vector.items())
            if value >= SIMILAR:
                similar.append((value, number))
        similar.sort(reverse=True)
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[Reason]] = defaultdict(list)
        for value, number in similar[:NEIGHBOURS]:
            for decision in self.decisions[number]:
                where = _where(decision, instrument_id)
                if decision.confirmed:
                    weight = RELATION_WEIGHT.get(decision.relation, 0.0)
                    if weight:
                        scores[decision.target] += VOTE * value * weight
                        reasons[decision.target].append(Reason("confirmed", *where))
                else:
                    scores[decision.target] -= VOTE * value / 2
                    reasons[decision.target].append(Reason("rejected", *where))
        if provision_id in self.provisions:
            for decision in self.decisions[self.provisions.index(provision_id)]:
                if not decision.confirmed:
                    scores[decision.target] -= REJECTED
                    reasons[decision.target].append(Reason("rejected"))
        return Votes(dict(scores), {key: tuple(found) for key, found in reasons.items()})

    def _features(self, text: str, language: str) -> Counter[str]:
        found = words(text, language)
        bag = Counter(f"{language}:{word.stem}" for word in found)
        for hit in self.concepts.hits(found, language):
            bag[f"concept:{hit.concept.article}:{hit.concept.name}"] += CONCEPT_FEATURE
        return bag

    def _vector(self, bag: Counter[str]) -> dict[str, float]:
        weights = {
            feature: (1 + math.log(count)) * self.idf.get(feature, 0.0)
            for feature, count in bag.items()
        }
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        return {feature: weight / norm for feature, weight in weights.items() if weight}


def _where(decision: Decision, instrument_id: int | None) -> tuple[str, str]:
    """The decided provision, and its law when that is another."""
    same = decision.instrument_id == instrument_id
    return decision.label, "" if same else decision.instrument
