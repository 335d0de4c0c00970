"""Finding the curated concepts of treaty articles in a text of any of their languages.

A term is matched as a run of evidence words (`alignment.wording`): a plain word by its stem,
a word with `*` by its beginning (`kindeswohl*` finds "Kindeswohlgefährdung"). A term of several
words weighs 1 and a single word `SINGLE`, either times `WEAK` when the list marks the term weak
(`~`), divided by the number of articles whose concepts share it, so a term that points at one
article counts for more than one that points at three.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from alignment.wording import Word, lowercase, words
from frameworks.concepts import Concept

WEAK = 0.4
SINGLE = 0.75
MORE = 0.2
LEAD = 1.3
_PREFIX_KEY = 3


@dataclass(frozen=True, slots=True)
class Piece:
    """One word of a term: a stem to equal, or a pattern its lowercased form must match."""

    stem: str = ""
    pattern: re.Pattern[str] | None = None
    key: str = ""

    def matches(self, word: Word) -> bool:
        if self.pattern is None:
            return word.stem == self.stem
        return self.pattern.fullmatch(word.form) is not None


@dataclass(frozen=True, slots=True)
class Term:
    concept: Concept
    text: str
    pieces: tuple[Piece, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """A concept found in a text: the term that showed it and the words it stands on."""

    concept: Concept
    term: str
    weight: float
    words: tuple[Word, ...]
    at: int
    """The position of its first word among the text's evidence words."""


class ConceptIndex:
    """The terms of many concepts, ready to be looked for in texts of each language."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        compiled: list[tuple[str, Concept, str, tuple[Piece, ...], float]] = []
        owners: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
        for concept in concepts:
            for language, terms in concept.terms.items():
                for text in terms:
                    pieces = _pieces(text.lstrip("~"), language)
                    if not pieces:
                        continue
                    shape = tuple(piece.key for piece in pieces)
                    owners[(language, shape)].add(concept.article)
                    base = (WEAK if text.startswith("~") else 1.0) * (
                        1.0 if len(pieces) > 1 else SINGLE
                    )
                    compiled.append((language, concept, text.lstrip("~"), pieces, base))
        self.by_stem: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.by_prefix: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        for language, concept, text, pieces, base in compiled:
            shape = tuple(piece.key for piece in pieces)
            term = Term(concept, text, pieces, base / len(owners[(language, shape)]))
            first = pieces[0]
            if first.pattern is None:
                self.by_stem[language][first.stem].append(term)
            else:
                self.by_prefix[language][first.key[:_PREFIX_KEY]].append(term)

    def hits(self, found: list[Word], language: str) -> list[ConceptHit]:
        """Every concept term standing in `found` (a text's evidence words), in order."""
        stems = self.by_stem.get(language, {})
        prefixes = self.by_prefix.get(language, {})
        hits = []
        for index, word in enumerate(found):
            candidates = [*stems.get(word.stem, ()), *prefixes.get(word.form[:_PREFIX_KEY], ())]
            for term in candidates:
                run = found[index : index + len(term.pieces)]
                if len(run) == len(term.pieces) and all(
                    piece.matches(item) for piece, item in zip(term.pieces, run, strict=True)
                ):
                    hits.append(ConceptHit(term.concept, term.text, term.weight, tuple(run), index))
        return hits


def strongest(hits: Iterable[ConceptHit]) -> dict[str, list[ConceptHit]]:
    """Article → its concepts found, each once by its weightiest hit, weightiest first."""
    best: dict[tuple[str, str, str], ConceptHit] = {}
    for hit in hits:
        key = (hit.concept.article, hit.concept.name, hit.concept.passage)
        if key not in best or hit.weight > best[key].weight:
            best[key] = hit
    found: dict[str, list[ConceptHit]] = defaultdict(list)
    for hit in sorted(best.values(), key=lambda hit: -hit.weight):
        found[hit.concept.article].append(hit)
    return found


def strength(hits: Iterable[ConceptHit], *, lead: int = 0) -> dict[str, float]:
    """Article → how strongly its concepts show: per concept its weightiest term, raised by
    `MORE` for each further term of it found (up to three) and by `LEAD` when a term stands
    among the first `lead` words (a heading, an opening sentence)."""
    terms: dict[tuple[str, str, str], dict[str, float]] = defaultdict(dict)
    for hit in hits:
        key = (hit.concept.article, hit.concept.name, hit.concept.passage)
        weight = hit.weight * (LEAD if hit.at < lead else 1.0)
        terms[key][hit.term] = max(weight, terms[key].get(hit.term, 0.0))
    found: dict[str, float] = defaultdict(float)
    for (article, _, _), weights in terms.items():
        ordered = sorted(weights.values(), reverse=True)
        found[article] += ordered[0] * (1 + MORE * min(3, len(ordered) - 1))
    return found


def in_text(index: ConceptIndex, text: str, language: str) -> list[ConceptHit]:
    return index.hits(words(text, language), language)


def _pieces(term: str, language: str) -> tuple[Piece, ...]:
    """The words of a term to match, without stop words and filler; a term of several words
    cut down to one is refused, so a list never matches more widely than it says."""
    pieces: list[Piece] = []
    for part in term.split():
        if "*" in part:
            form = lowercase(part, language)
            literal = form.split("*")[0]
            if len(literal) < _PREFIX_KEY:
                raise ValueError(f"'{term}': a word with * needs three letters before it.")
            pattern = re.compile(".*".join(re.escape(bit) for bit in form.split("*")))
            pieces.append(Piece(pattern=pattern, key=form))
        else:
            pieces.extend(Piece(stem=word.stem, key=word.stem) for word in words(part, language))
    if len(term.split()) > 1 and len(pieces) < 2:
        raise ValueError(f"'{term}': stop words leave only one word of it; write that word.")
    return tuple(pieces)
