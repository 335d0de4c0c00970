"""The curated concept lists of the treaty articles (`data/concepts/*.json`).

A concept is what ties a provision to an article: a short name, the paragraph of the article it
belongs to, the sources it comes from (the article's own words, or a general comment or
recommendation of the treaty body) and, per language, the terms that show it in a provision.
How a term is matched is alignment's business; this module reads and checks the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from drafts.errors import InvalidInput
from frameworks.readers import read_json, validated

FOLDER = Path(__file__).parent / "data" / "concepts"
TERM_LANGUAGES: tuple[str, ...] = ("en", "ru", "de", "tk")
Term = Annotated[str, StringConstraints(min_length=2, max_length=120, pattern=r"^~?[^\d~]+$")]
"""A term: words without digits; `~` before it marks it weak, `*` after a word a prefix."""


class ConceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    concept: str = Field(min_length=3, max_length=200)
    passage: str = Field("", pattern=r"^(\d+(\([a-z]+\))?)?$")
    sources: list[str] = Field(min_length=1, max_length=5)
    en: list[Term] = Field(default_factory=list, max_length=60)
    ru: list[Term] = Field(default_factory=list, max_length=60)
    de: list[Term] = Field(default_factory=list, max_length=60)
    tk: list[Term] = Field(default_factory=list, max_length=60)


class ConceptFileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    treaty: str = Field(min_length=1, max_length=40)
    note: str = ""
    sources: dict[str, str]
    articles: dict[str, list[ConceptIn]]


@dataclass(frozen=True, slots=True)
class Concept:
    article: str
    """`CODE:number`, e.g. `CRC:12`."""
    name: str
    passage: str
    """The paragraph of the article, as `1` or `1(a)`; empty for the whole article."""
    sources: tuple[str, ...]
    """Full titles of the sources, e.g. "the article's own words"."""
    terms: dict[str, tuple[str, ...]]
    """Language → terms."""


def read_concepts(raw: Any) -> list[Concept]:
    """The concepts of one file, or InvalidInput naming what is wrong."""
    data = validated(ConceptFileIn, raw, "The concept list")
    concepts = []
    for number, items in data.articles.items():
        for index, item in enumerate(items, 1):
            unknown = [source for source in item.sources if source not in data.sources]
            if unknown:
                raise InvalidInput(
                    f"The concept list, article {number}, concept {index} names the source "
                    f"'{unknown[0]}', which the list's sources do not give."
                )
            concepts.append(
                Concept(
                    article=f"{data.treaty}:{number}",
                    name=item.concept,
                    passage=item.passage,
                    sources=tuple(data.sources[source] for source in item.sources),
                    terms={
                        language: tuple(getattr(item, language))
                        for language in TERM_LANGUAGES
                        if getattr(item, language)
                    },
                )
            )
    return concepts


@cache
def shipped_concepts() -> tuple[Concept, ...]:
    """The concepts of the shipped treaties, read once."""
    found: list[Concept] = []
    for path in sorted(FOLDER.glob("*.json")):
        found.extend(read_concepts(read_json(path.read_bytes())))
    return tuple(found)
