"""What the plain-text parser recognises in each language: heading words and numbering.

Headings carry a keyword and a bare number ("Article 5", "Глава 3-1", "5-nji madda");
numbered provisions are known by their marker, which is kept as written ("1.", "(1)",
"(a)", "1)", "а)"). Each language lists its patterns in the order they are tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEVELS: dict[str, int] = {
    "block": 0,
    "part": 0,
    "chapter": 1,
    "section": 2,
    "article": 3,
    "paragraph": 4,
    "point": 5,
    "subpoint": 6,
}
"""How deep each structural kind sits: a provision closes every open one at its level or below."""

HEADING_KINDS = frozenset({"block", "part", "chapter", "section", "article"})
"""Kinds introduced by a keyword heading; the others are introduced by their marker."""

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"
TURKMEN = "abçdeäfghijžklmnňoöprsştuüwyýz"

_NUM = r"(?P<num>\d+(?:[-.]\d+)*[A-Z]?|[IVXLCDM]+)(?!\w)"
_TAIL = r"(?P<sep>\s*[.:—–-]\s*|\s+|$)(?P<heading>.*)$"
_ORDINAL = r"(?i:-?[uüiy]?nj[iyuü])"
_REST = r"(?:\s+(?P<rest>.*))?$"


@dataclass(frozen=True)
class Heading:
    """A keyword heading; `marked_only` ones count only on Markdown heading or bold lines."""

    kind: str
    regex: re.Pattern[str]
    marked_only: bool = False


@dataclass(frozen=True)
class Marker:
    """A numbered provision; `restates` marks a repeat of the heading's own number ("1.—")."""

    kind: str
    regex: re.Pattern[str]
    restates: bool = False


@dataclass(frozen=True)
class Language:
    code: str
    headings: tuple[Heading, ...]
    markers: tuple[Marker, ...]
    templates: dict[str, str]
    """How `render_text` writes each heading kind; `{num}` or `{ordinal}` is the number."""
    letters: dict[str, str] = field(default_factory=dict)
    """The alphabet of kinds numbered with letters; other kinds use digits or roman numerals."""


def _before(kind: str, words: str, optional_num: bool = False) -> Heading:
    number = rf"(?:\s+{_NUM})?" if optional_num else rf"\s*{_NUM}"
    return Heading(kind, re.compile(rf"^(?P<kw>{words}){number}{_TAIL}"))


def _after(kind: str, words: str) -> Heading:
    return Heading(kind, re.compile(rf"^{_NUM}{_ORDINAL}?\s+(?P<kw>(?i:{words})){_TAIL}"))


def _marker(kind: str, pattern: str, restates: bool = False) -> Marker:
    return Marker(kind, re.compile(pattern + _REST), restates)


ENGLISH = Language(
    code="en",
    headings=(
        _before("part", "PART|Part"),
        _before("chapter", "CHAPTER|Chapter"),
        _before("section", "SECTION|Section"),
        _before("article", "ARTICLE|Article"),
        _before("block", "SCHEDULE|Schedule|ANNEX|Annex", optional_num=True),
        Heading("section", re.compile(r"^(?P<num>\d+[A-Z]?)\s+(?P<heading>\S.*)$"), True),
    ),
    markers=(
        Marker("section", re.compile(r"^(?P<num>\d+[A-Z]?)\.\s*[—–]\s*(?P<rest>.*)$"), True),
        _marker("paragraph", r"^(?P<num>\d+[A-Z]?\.)"),
        _marker("paragraph", r"^(?P<num>\(\d+[A-Z]?\))"),
        _marker("subpoint", r"^(?P<num>\([ivx]+\)|[ivx]+\))"),
        _marker("point", r"^(?P<num>\([a-z]{1,2}\)|[a-z]\))"),
    ),
    templates={
        "part": "Part {num}",
        "chapter": "Chapter {num}",
        "section": "Section {num}",
        "article": "Article {num}",
        "block": "Schedule {num}",
    },
    letters={"point": LATIN},
)

RUSSIAN = Language(
    code="ru",
    headings=(
        _before("part", "РАЗДЕЛ|Раздел"),
        _before("chapter", "ГЛАВА|Глава"),
        _before("section", "ПАРАГРАФ|Параграф|§"),
        _before("article", "СТАТЬЯ|Статья"),
        _before("block", "ПРИЛОЖЕНИЕ|Приложение", optional_num=True),
    ),
    markers=(
        _marker("paragraph", r"^(?P<num>\d+(?:-\d+)?\.)"),
        _marker("point", r"^(?P<num>\d+(?:-\d+)?\))"),
        _marker("subpoint", rf"^(?P<num>[{CYRILLIC}ё](?:-\d+)?\))"),
    ),
    templates={
        "part": "Раздел {num}",
        "chapter": "Глава {num}",
        "section": "Параграф {num}",
        "article": "Статья {num}",
        "block": "Приложение {num}",
    },
    letters={"subpoint": CYRILLIC},
)

TURKMEN_LANGUAGE = Language(
    code="tk",
    headings=(
        _after("part", "bölüm"),
        _after("chapter", "bap"),
        _before("section", "§"),
        _after("article", "madda"),
        _after("block", "goşundy"),
        _before("block", "GOŞUNDY|Goşundy", optional_num=True),
    ),
    markers=(
        _marker("paragraph", r"^(?P<num>\d+(?:-\d+)?\.)"),
        _marker("point", r"^(?P<num>\d+(?:-\d+)?\))"),
        _marker("subpoint", rf"^(?P<num>[{TURKMEN}]\))"),
    ),
    templates={
        "part": "{num} bölüm",
        "chapter": "{num} bap",
        "section": "§ {num}",
        "article": "{ordinal} madda",
        "block": "Goşundy {num}",
    },
    letters={"subpoint": TURKMEN},
)

LANGUAGES: dict[str, Language] = {
    language.code: language for language in (ENGLISH, RUSSIAN, TURKMEN_LANGUAGE)
}

_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_TURKMEN_SIGNS = re.compile(r"(?i)\b(?:madda|bap|bölüm)\b|\d+-[uüiy]?nj[iyuü]\b|[ňŇýÝ]")


def detect_language(text: str) -> str:
    """'ru' for mostly Cyrillic text, 'tk' when Turkmen words or letters show, else 'en'."""
    if len(_CYRILLIC_LETTER.findall(text)) > len(_LATIN_LETTER.findall(text)):
        return "ru"
    return "tk" if _TURKMEN_SIGNS.search(text) else "en"


_ORDINAL_BY_UNITS = {6: "njy", 9: "njy"}
_ORDINAL_BY_TENS = {10: "njy", 30: "njy", 40: "njy", 60: "njy", 90: "njy"}


def turkmen_ordinal(num: str) -> str:
    """'5' -> '5-nji', '6' -> '6-njy', '10' -> '10-njy'; other numbers are left as they are."""
    if not num.isdigit():
        return num
    value = int(num)
    if value % 10:
        suffix = _ORDINAL_BY_UNITS.get(value % 10, "nji")
    elif value % 100:
        suffix = _ORDINAL_BY_TENS.get(value % 100, "nji")
    else:
        suffix = "nji"
    return f"{num}-{suffix}"
