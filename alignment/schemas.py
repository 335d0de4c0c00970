"""Pydantic shapes the API reads and writes for links between provisions and treaty articles or
recommendations, for treaty coverage, for suggested links and for search."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from alignment.models import LinkStatus, Relation
from drafts.schemas import Paged

Code = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Note = Annotated[str, StringConstraints(max_length=20_000)]
WordOps = list[tuple[str, str]]
"""A word redline: ("equal" | "insert" | "delete", text) pairs."""


class AlignmentIn(BaseModel):
    """Either `framework` and `article`, or `recommendation_set` and `recommendation`."""

    model_config = ConfigDict(extra="forbid")

    provision_id: Annotated[str, StringConstraints(min_length=1, max_length=36)]
    framework: Code | None = None
    article: Code | None = None
    recommendation_set: Code | None = None
    recommendation: Code | None = None
    relation: Relation
    status: LinkStatus = "suggested"
    note: Note = ""


class AlignmentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    relation: Relation | None = None
    status: LinkStatus | None = None
    note: Note | None = None


class WordingChange(BaseModel):
    """How a provision's wording changed since a person reviewed the link."""

    heading: WordOps
    text: WordOps


class AlignmentOut(BaseModel):
    """A link, held against one version of its instrument (`version`)."""

    id: int
    instrument_id: int
    provision_id: str
    framework: str | None
    article: str | None
    article_title: str | None
    recommendation_set: str | None
    recommendation: str | None
    recommendation_text: str | None
    relation: Relation
    status: LinkStatus
    note: str
    source: str
    amendment_id: int | None
    author: str | None
    reviewed_revision_id: int | None
    reviewed_by: int | None
    reviewed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int | None
    eid: str | None
    present: bool = Field(description="Whether the provision is in the version read.")
    needs_recheck: bool
    redline: WordingChange | None


class BackingOut(BaseModel):
    """A provision linked to an article, as it stands in the text read."""

    provision_id: str | None
    eid: str | None
    label: str
    relation: str
    status: str
    alignment_id: int | None
    amendment_id: int | None
    needs_recheck: bool


class ArticleCoverageOut(BaseModel):
    number: str
    title: str | None
    status: str
    provisions: list[BackingOut]
    suggested: list[BackingOut]


class CoverageSummary(BaseModel):
    """How many articles carry each status, and the share covered."""

    model_config = ConfigDict(extra="allow")

    articles: int
    coverage_percent: float
    procedural_left_out: int


class CoverageOut(BaseModel):
    framework: str
    summary: CoverageSummary
    articles: list[ArticleCoverageOut]


class InstrumentCoverageOut(CoverageOut):
    """A framework's coverage by one version of an instrument."""

    instrument_id: int
    version: int
    effective_date: date | None
    as_at: date | None


class CoverageChange(BaseModel):
    number: str
    title: str | None
    before: str
    after: str
    suggested_by_amendments: list[int]


class RecommendationAddressed(BaseModel):
    set: str
    number: str
    text: str
    provision_id: str
    relation: Relation
    status: LinkStatus
    amendments: list[int]


class DraftCoverageOut(BaseModel):
    """A framework's coverage before and after a draft's amendments."""

    draft_id: int
    framework: str
    amendments: Literal["accepted", "proposed and accepted"]
    before: CoverageOut
    after: CoverageOut
    changes: list[CoverageChange]
    recommendations: list[RecommendationAddressed]


class EvidenceOut(BaseModel):
    concept: str
    """The concept that ties both texts; empty for words they share."""
    sources: list[str]
    provision_words: list[str]
    target_words: list[str]
    """The words of the article's passage (or recommendation) that show the concept."""


class SuggestionOut(BaseModel):
    type: str
    title: str
    score: float
    matched_terms: list[str]
    framework: str | None
    article: str | None
    instrument_id: int | None
    eid: str | None
    provision_id: str | None
    links: dict[str, str]
    passage: str = ""
    """The article's paragraph that matched, as cited: `9(1)(a)`."""
    passage_text: str = ""
    evidence: list[EvidenceOut] = []
    reasons: list[str] = []
    """The working group's decisions on similar provisions that moved this suggestion."""


class ProvisionSuggestionsOut(Paged[SuggestionOut]):
    """A page of the treaty articles or recommendations closest to a provision, best first;
    `total` counts every one that scored above nothing."""

    provision_id: str
    version: int


class ArticleSuggestionsOut(Paged[SuggestionOut]):
    """A page of the provisions of a version closest to a treaty article, best first; `total`
    counts every one that scored above nothing."""

    article: str
    instrument_id: int
    version: int


class SearchHitOut(BaseModel):
    """One search hit: a provision's wording (with the versions and dates it was in), an
    amendment, a treaty article or a recommendation."""

    type: str = Field(description="provision, article, recommendation or amendment")
    title: str
    snippet: str = Field(description="The text around the words found, marked with <mark>.")
    score: float
    language: str
    instrument_id: int | None
    eid: str | None
    provision_id: str | None
    version_from: int | None = Field(description="The first version with this wording.")
    version_to: int | None = Field(description="The last version with this wording.")
    valid_from: date | None = Field(description="In force from; null when never in force.")
    valid_to: date | None
    status: str | None
    framework: str | None
    article: str | None = Field(description='"CODE:number" of a treaty article.')
    links: dict[str, str] = Field(description="Where to read the hit and what it belongs to.")


class SearchResultsOut(Paged[SearchHitOut]):
    """A page of search hits, best first, with the counts per facet of all of them."""

    facets: dict[str, dict[str, int]] = Field(
        description="Facet (type, language, instrument_id, framework, status) → value → hits."
    )
