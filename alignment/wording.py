"""The words of a text that can count as evidence for a treaty link, with their stems.

A text is cut by Kanun's one tokenizer (`drafts.worddiff`); a word is then lowercased and
stemmed in its language (Snowball for English, Russian and German, Kanun's light stemmer for
Turkmen). Numbers, sub-paragraph letters, stop words and the filler of legal drafting ("shall",
"article", "measures", "настоящий", "Absatz") are dropped: they never count as evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from whoosh.lang import stemmer_for_language, stopwords_for_language

from alignment.search_analysis import english_stem, turkmen_stem
from drafts.worddiff import is_word, tokenize

LANGUAGES: tuple[str, ...] = ("en", "ru", "de", "tk")


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


FILLER: dict[str, frozenset[str]] = {
    "en": _listed(
        "shall must may might should would could will article articles paragraph paragraphs "
        "subparagraph section sections subsection subsections schedule chapter part act law "
        "laws provision provisions state states party parties present convention regulation "
        "regulations order orders make made makes making take taken takes appropriate measure "
        "measures ensure ensuring including include includes inter alia accordance respect "
        "relevant purpose purposes within without under also said such case cases way ways "
        "manner given give person persons thereof therein herein hereby otherwise whether "
        "insert inserted inserting substitute substituted omit omitted amend amended amendment "
        "amendments apply applies applied means mean meaning follows following word words "
        "subject virtue effect force day days year years time upon one two three first second "
        "third new other others every e g etc"
    ),
    "ru": _listed(
        "статья статьи статье статей пункт пункта пункте пунктом подпункт подпункта часть "
        "части настоящий настоящего настоящим настоящем закон закона законом законе законов "
        "законами законодательство законодательства законодательством республики республика "
        "казахстан казахстана туркменистан туркменистана порядке порядок порядка соответствии "
        "соответствие случае случаях иные иных иными иной иного ином также является являются "
        "осуществляется осуществляют осуществляет предусмотренных установленном установленных "
        "определяемом утверждается утверждает лицо лица лицом лиц орган органа органы органов "
        "органами рк"
    ),
    "de": _listed(
        "absatz absatzes abs satz satzes nummer nr buch buches gesetz gesetzes gesetzbuch "
        "paragraph vorschrift vorschriften gilt gelten entsprechend entsprechende soweit sofern "
        "insbesondere sowie bzw vom bis nach maßgabe fall fällen falle träger trägers stelle "
        "stellen person personen"
    ),
    "tk": _listed(
        "madda maddasy maddanyň bölegi bölek kanun kanuny kanunyň türkmenistanyň "
        "türkmenistan we bilen üçin ýa-da hem-de degişli laýyklykda"
    ),
}
"""Words of legal drafting that tie any provision to any article; never evidence."""

STEMS_KEPT = 50_000
"""Stems remembered per language: the Snowball stemmers are pure Python, and words recur."""
_LABEL = re.compile(r"^(?:[a-zа-я]|[ivxlc]+)$")
"""Sub-paragraph letters and small roman numerals: `a`, `б`, `iv`."""
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_TURKMEN = re.compile("[ňýşž]", re.IGNORECASE)
_GERMAN = re.compile(r"[äöüß]|\b(?:und|der|die|das|des|nicht|wird|werden|oder)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a text that can be evidence: its stem and where it stands in the text."""

    stem: str
    form: str
    """The word lowercased (and for Turkmen without diacritics), for matching word beginnings."""
    surface: str
    start: int
    end: int


def guess_language(text: str) -> str:
    """The language of a text when nobody says: Cyrillic → ru, Turkmen letters → tk, German
    function words or umlauts → de, otherwise en."""
    sample = text[:2000]
    if _CYRILLIC.search(sample):
        return "ru"
    if _TURKMEN.search(sample):
        return "tk"
    if len(_GERMAN.findall(sample)) >= 2:
        return "de"
    return "en"


def words(text: str, language: str) -> list[Word]:
    """The evidence words of `text` in order, each with its stem."""
    stem, dropped = _analysis(language)
    found = []
    position = 0
    for token in tokenize(text):
        start, position = position, position + len(token)
        if not is_word(token):
            continue
        lowered = lowercase(token, language)
        if lowered in dropped or _LABEL.match(lowered) or any(c.isdigit() for c in lowered):
            continue
        found.append(Word(stem(lowered), lowered, token, start, position))
    return found


def lowercase(word: str, language: str) -> str:
    """A word as matched: lowercased, `ё` as `е`, and for Turkmen without diacritics."""
    lowered = unicodedata.normalize("NFC", word.casefold().replace("ё", "е"))
    return _folded(lowered) if language == "tk" else lowered


def stems(text: str, language: str) -> list[str]:
    return [word.stem for word in words(text, language)]


def _folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _turkmen(word: str) -> str:
    """The Turkmen stem of a word as the search index makes it: without diacritics."""
    return turkmen_stem(_folded(word))


@cache
def _analysis(language: str) -> tuple[Callable[[str], str], frozenset[str]]:
    """The stemmer of a language and the words it drops."""
    if language not in LANGUAGES:
        language = "en"
    if language == "en":
        stem: Callable[[str], str] = english_stem
    elif language == "tk":
        stem = _turkmen
    else:
        stem = stemmer_for_language(language)
    stop = frozenset() if language == "tk" else frozenset(stopwords_for_language(language))
    cached = lru_cache(maxsize=STEMS_KEPT)(stem)
    return cached, stop | {lowercase(word, language) for word in FILLER[language]}
