"""Text analysis for the search index: one analyzer per language of Kanun's texts.

English and Russian use the Snowball stemmers that Whoosh ships. Turkmen has no Snowball
stemmer, so its words are lowercased, stripped of diacritics (`çagalar` → `cagalar`) and
cut by a light suffix stripper that undoes the commonest plural, possessive and case
endings and the voicing of a final consonant (`hukugy`, `hukuklary` → `hukuk`). A final
`n` after a vowel is dropped too, since the buffer `n` of `çaganyň` cannot be told from the
stem's own `n` in `kanunyň`; both readings then meet (`kanun`, `kanunyň` → `kanu`).

The schema pickles these analyzers into the index, so every function here is module-level.
"""

from __future__ import annotations

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

LANGUAGES: tuple[str, ...] = ("en", "ru", "tk")

_english_snowball = stemmer_for_language("en")

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

_VOWELS = frozenset("aeiouy")

_DEVOICED = str.maketrans({"b": "p", "d": "t", "g": "k", "j": "c"})
_MIN_STEM = 3
_MAX_STRIPS = 3


def english_stem(word: str) -> str:
    return IRREGULAR_ENGLISH.get(word) or _english_snowball(word)


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


def _words() -> RegexTokenizer:
    return RegexTokenizer(r"\w+(?:[.'’]\w+)*")


def english_analyzer() -> Analyzer:
    return (
        _words()
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language("en"))
        | StemFilter(stemfn=english_stem)
    )


def russian_analyzer() -> Analyzer:
    return (
        _words()
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language("ru"))
        | StemFilter(lang="ru")
    )


def turkmen_analyzer() -> Analyzer:
    return (
        _words() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(stemfn=turkmen_stem)
    )


ANALYZERS = {"en": english_analyzer, "ru": russian_analyzer, "tk": turkmen_analyzer}
"""A fresh analyzer per language code."""
