"""Pydantic shapes of the reference data as it comes in (framework files and recommendation
sets from JSON, CSV or the API; every text is NFC-normalised on the way in) and as the API
answers with it."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from drafts.tree import normalize_text

CSV_COLUMNS = (
    "number",
    "text",
    "response",
    "recommended_by",
    "themes",
    "articles",
    "document",
    "year",
    "cycle",
)
CSV_LIST_COLUMNS = frozenset({"recommended_by", "themes", "articles"})
ARTICLE_REF = re.compile(
    r"^(?P<code>[A-Za-z0-9][\w.-]*)\s+(?:art(?:icle|\.)?\s*)?(?P<number>[\w.()-]+)$"
)


def _clean(value: Any) -> Any:
    return normalize_text(value) if isinstance(value, str) else value


def _text(max_length: int | None = None, min_length: int = 0, pattern: str | None = None):
    constraints = StringConstraints(min_length=min_length, max_length=max_length, pattern=pattern)
    return Annotated[str, BeforeValidator(_clean), constraints]


CODE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
Code = _text(40, 1, CODE)
SetCode = _text(80, 1, CODE)
ArticleNumber = _text(20, 1, r"^[\w.()-]+$")
ArticleRef = _text(80, 1, ARTICLE_REF.pattern)
RecommendationNumber = _text(120, 1)
Title = _text(500, 1)
Name = _text(300)
Label = _text(200)
Entry = _text(200, 1)
Short = _text(100)
Body = _text(min_length=1)
Document = _text(120)
Prose = _text()


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    number: ArticleNumber
    title: Name | None = None
    topic: Name = ""
    part: Short | None = None
    procedural: bool = False
    """About the treaty's own machinery (committee, reports, ratification), not a right."""
    text: Body


class FrameworkIn(BaseModel):
    """A framework in the shipped treaty files' shape (`treaty` is the code)."""

    model_config = ConfigDict(extra="ignore")

    code: Code = Field(validation_alias="treaty")
    title: Title
    adopted: date | None = None
    adopted_by: Name = ""
    entry_into_force: date | None = None
    source: Prose = ""
    preamble: Prose = ""
    final_clause: Prose = ""
    notes: dict[str, Prose] = Field(default_factory=dict)
    articles: list[ArticleIn] = Field(min_length=1, max_length=5000)


class RecommendationIn(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    number: RecommendationNumber = Field(
        description="As the source numbers it, e.g. 'A/HRC/24/3 para. 112.1'"
    )
    text: Body
    response: Label = Field("", description="The State's answer as the source words it")
    recommended_by: list[Entry] = Field(default_factory=list, max_length=200)
    themes: list[Entry] = Field(default_factory=list, max_length=200)
    articles: list[ArticleRef] = Field(
        default_factory=list, max_length=200, description="Linked articles, e.g. 'CRC 3'"
    )
    document: Document = ""
    year: int | None = Field(None, ge=1945, le=2100)
    cycle: int | None = Field(None, ge=1, le=100)
    details: dict[str, Any] = Field(default_factory=dict)


class RecommendationSetIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: SetCode
    title: Title
    mechanism: Short = Field("", description="e.g. UPR, CRC Committee")
    source: Prose = ""
    note: Prose = ""
    recommendations: list[RecommendationIn] = Field(min_length=1, max_length=20_000)


def article_ref(ref: str) -> tuple[str, str]:
    """'CRC 3' or 'CRC art. 3' → ('CRC', '3')."""
    match = ARTICLE_REF.match(ref)
    return match["code"], match["number"]


class FrameworkSummary(BaseModel):
    code: str
    title: str
    adopted: date | None
    adopted_by: str
    entry_into_force: date | None
    source: str
    article_count: int
    updated_at: datetime


class FrameworkOut(FrameworkSummary):
    preamble: str
    final_clause: str
    notes: dict[str, str]


class ArticleOut(BaseModel):
    framework: str
    number: str
    title: str | None
    topic: str
    part: str | None
    procedural: bool
    text: str


class ArticleHitOut(BaseModel):
    number: str
    title: str | None
    topic: str
    snippet: str


class RecommendationSetOut(BaseModel):
    code: str
    title: str
    mechanism: str
    source: str
    note: str
    recommendation_count: int
    updated_at: datetime


class RecommendationOut(BaseModel):
    set: str
    number: str
    text: str
    response: str
    recommended_by: list[str]
    themes: list[str]
    articles: list[str]
    document: str
    year: int | None
    cycle: int | None
    details: dict[str, Any]
