"""Text analysis for search: the words of a text and the terms they are indexed under, per
language of Kanun's texts. Pure functions, the same for the indexed text and the query, and
the same for both database engines, so SQLite and PostgreSQL find the same documents.

English and Russian use the Snowball stemmers (PyStemmer). Turkmen has no Snowball stemmer,
so its words are lowercased, stripped of diacritics (`çagalar` → `cagalar`) and cut by a
light suffix stripper that undoes the commonest plural, possessive and case endings and the
voicing of a final consonant (`hukugy`, `hukuklary` → `hukuk`). A final `n` after a vowel
is dropped too, since the buffer `n` of `çaganyň` cannot be told from the stem's own `n` in
`kanunyň`; both readings then meet (`kanun`, `kanunyň` → `kanu`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache

import Stemmer
from whoosh.lang import stopwords_for_language

LANGUAGES: tuple[str, ...] = ("en", "ru", "tk")

IRREGULAR_ENGLISH: dict[str, str] = {
    "children": "child",
    "women": "woman",
    "men": "man",
}
"""Plurals the Snowball stemmer leaves apart from their singular."""

TURKMEN_SUFFIXES: tuple[str, ...] = (
    "lar", "ler",
    "dan", "den", "tan", "ten",
    "nyn", "nin", "yn", "in",
    "da", "de", "ta", "te",
    "na", "ne", "ga", "ge", "ka", "ke",
    "sy", "si", "ny", "ni",
    "a", "e", "y", "i",
)  # fmt: skip
"""Endings in their folded spelling (`ň` → `n`), longest first within each group."""

AFTER_VOWEL: frozenset[str] = frozenset({"nyn", "nin", "na", "ne", "sy", "si", "ny", "ni"})
"""Endings whose `n`/`s` only joins a stem ending in a vowel (`çaganyň`, not `kanunyň`)."""

WORD = re.compile(r"\w+(?:[.'’]\w+)*")
"""A word: letters and digits, with inner dots and apostrophes (`1.2`, `don't`)."""

KNOWN_WORDS = 500_000
"""Words whose terms each language keeps at hand while indexing."""
_VOWELS = frozenset("aeiouy")
_DEVOICED = str.maketrans({"b": "p", "d": "t", "g": "k", "j": "c"})
_MIN_STEM = 3
_MAX_STRIPS = 3
_STEMMERS = {"en": "english", "ru": "russian"}


@cache
def _snowball(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMERS[language])


def english_stem(word: str) -> str:
    return IRREGULAR_ENGLISH.get(word) or _snowball("en").stemWord(word)


def turkmen_stem(word: str) -> str:
    """Strip up to three endings and a buffer `n`, keeping three letters; devoice the last."""
    for _ in range(_MAX_STRIPS):
        suffix = next((s for s in TURKMEN_SUFFIXES if _strips(word, s)), None)
        if suffix is None:
            break
        word = word[: -len(suffix)]
    if len(word) > _MIN_STEM and word[-1] == "n" and word[-2] in _VOWELS:
        word = word[:-1]
    return word[:-1] + word[-1].translate(_DEVOICED) if word else word


def _strips(word: str, suffix: str) -> bool:
    stem = word[: -len(suffix)]
    if not word.endswith(suffix) or len(stem) < _MIN_STEM:
        return False
    return suffix not in AFTER_VOWEL or stem[-1] in _VOWELS


def fold(word: str) -> str:
    """Lowercase, without diacritics (`Çagalaryň` → `cagalaryn`), Russian `ё` as `е`."""
    lowered = word.lower().replace("ё", "е")
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    kept = "".join(char for char in decomposed if not unicodedata.combining(char))
    return kept


@cache
def stopwords(language: str) -> frozenset[str]:
    return frozenset() if language == "tk" else frozenset(stopwords_for_language(language))


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of `text`, with where each stands."""
    return WORD.finditer(text)


@lru_cache(maxsize=1 << 18)
def term(word: str, language: str) -> str | None:
    """The indexed term of one word in `language`, or None for a word too common to index."""
    lowered = word.lower()
    if lowered in stopwords(language):
        return None
    if language == "tk":
        return turkmen_stem(fold(lowered))
    if language == "ru":
        return _snowball("ru").stemWord(lowered.replace("ё", "е"))
    return english_stem(lowered)


class _Known(dict):
    """Word → its term ("" for a word left out) in one language, made when first asked."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> str:
        if len(self) >= KNOWN_WORDS:
            self.clear()
        made = self[word] = term(word, self.language) or ""
        return made


_known: dict[str, _Known] = {language: _Known(language) for language in LANGUAGES}


def terms(text: str, language: str) -> list[str]:
    """The indexed terms of `text`, in order, common words left out."""
    return [t for t in map(_known[language].__getitem__, WORD.findall(text)) if t]


def query_terms(text: str, language: str, *, prefix_of: bool = False) -> list[str]:
    """The terms a query's words ask for; a prefix (`edu*`, `prefix_of`) of one word as typed."""
    found = WORD.findall(text)
    if prefix_of and len(found) == 1:
        return [prefix(found[0], language)]
    return [t for word in found if (t := term(word, language))]


def prefix(word: str, language: str) -> str:
    """A prefix as typed (`edu*`), in the form the terms are written: lowercase, and folded
    for Turkmen."""
    lowered = word.lower()
    return fold(lowered) if language == "tk" else lowered.replace("ё", "е")
