"""The Kazakh special social services law (2021 edition) cut into provisions for measuring the
obligation detector, and the obligations it states, written by reading it.

Split by the law's parts: chapters 1–3 (Articles 1–11) are for development, chapters 3-1, 4
and 5 (Articles 11-1–22) are held out and only measured. A key is (article, paragraph) or
(article, paragraph.item) or (article, item); the body is written as the law writes it there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.corpus import CORPUS

LAW = CORPUS / "kz-special-social-services-2021" / "KZ_Special_Social_Services_Law_v2_2021-10-12.md"
DEV_ARTICLES = frozenset({"1", "2", "3", "4", "5", "6", "7", "8", "8-1", "9", "10", "11"})

DEV: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("5", "3", "уполномоченным органом в области социальной защиты населения"),
        (
            "5",
            "7",
            "местными представительными органами областей",
        ),
        ("5", "8", "Правительством Республики Казахстан"),
        ("6", "2", "Министерство внутренних дел Республики Казахстан"),
        ("7", "2", "Правительство Республики Казахстан"),
        ("7", "4", "Правительство Республики Казахстан"),
        ("8", "2", "Уполномоченный орган в области социальной защиты населения"),
        ("8-1", "2", "Уполномоченный орган в области здравоохранения"),
        ("10", "2", "Уполномоченный орган в области образования"),
        ("10", "3", "Уполномоченный орган в области образования"),
        ("10", "4", "Уполномоченный орган в области образования"),
        ("11", "1.6", "Местные исполнительные органы областей"),
    }
)
HELD_OUT: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("11-1", "5", "Правительством Республики Казахстан"),
        ("11-2", "2", "Уполномоченный по правам человека"),
        ("11-5", "4", "Уполномоченным по правам человека"),
        ("11-7", "2", "Координационный совет"),
        ("11-8", "1", "Правительством Республики Казахстан"),
        ("11-8", "4", "Координационным советом"),
    }
)

_ARTICLE = re.compile(r"^#{2,4}\s*Статья\s+([\d-]+)\.")
_PARAGRAPH = re.compile(r"^(\d+(?:-\d+)?)\.\s")
_ITEM = re.compile(r"^(\s*)(\d+(?:-\d+)?)\)\s")


@dataclass(frozen=True, slots=True)
class Unit:
    article: str
    key: str
    text: str
    lead_in: str


def units() -> list[Unit]:
    """Every line of the law's articles with its key and, for a list item, its lead-in."""
    found: list[Unit] = []
    article = paragraph = intro = ""
    for raw in LAW.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        heading = _ARTICLE.match(line)
        if heading:
            article, paragraph, intro = heading[1], "", ""
            continue
        if not article or not line.strip() or line.lstrip().startswith(("#", ">", "<", "*")):
            continue
        item = _ITEM.match(line)
        if item:
            key = f"{paragraph}.{item[2]}" if item[1] and paragraph else item[2]
            found.append(Unit(article, key, line.strip(), intro))
            continue
        number = _PARAGRAPH.match(line)
        if number:
            paragraph = number[1]
        if line.endswith(":"):
            intro = line.strip()
        found.append(Unit(article, paragraph, line.strip(), ""))
    return found


def score(found: set[tuple[str, str, str]], expected: frozenset) -> tuple[float, float]:
    """(recall, precision) of the found (article, key, body) against the expected."""
    fold = {(a, k, b.casefold()) for a, k, b in found}
    want = {(a, k, b.casefold()) for a, k, b in expected}
    hits = len(fold & want)
    return hits / len(want), (hits / len(fold) if fold else 1.0)
