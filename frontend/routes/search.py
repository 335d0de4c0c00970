"""The search page: laws, amendments, treaty articles and recommendations found through the
search index, with the matched words marked, counts per facet that narrow the search, and a
link from each hit to where it lives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from alignment.indexing import NEVER_IN_FORCE, recommendation_numbers
from alignment.search import (
    FACETS,
    TYPES,
    SearchDocument,
    SearchFilters,
    SearchIndex,
    SearchResults,
)
from alignment.search_analysis import LANGUAGES
from api.deps import SessionDep
from drafts import service
from drafts.db import utcnow
from drafts.errors import InvalidInput
from drafts.models import VERSION_STATUSES
from drafts.packages.models import AMENDMENT_STATUSES
from drafts.permissions import READ
from frameworks import service as frameworks
from frontend.deps import page_require
from frontend.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
PER_PAGE = 20
MAX_PAGE = 500


class SearchForm(BaseModel):
    """The search form as typed: every field a string, empty when not given."""

    q: str = Field("", max_length=2000)
    type: str = Field("", max_length=20)
    instrument: str = Field("", max_length=20)
    language: str = Field("", max_length=10)
    framework: str = Field("", max_length=40)
    status: str = Field("", max_length=80)
    as_at: str = Field("", max_length=20)
    version: str = Field("", max_length=20)

    def filters(self) -> SearchFilters:
        """The filters the fields ask for; InvalidInput names a field that makes no sense."""
        instrument = _whole(self.instrument, "instrument")
        return SearchFilters(
            type=self.type or None,
            instrument_id=None if instrument is None else str(instrument),
            version=_whole(self.version, "version"),
            as_at=self.as_at_day(),
            status=self.status or None,
            framework=self.framework or None,
            language=self.language or None,
        )

    def as_at_day(self) -> date | None:
        if not self.as_at:
            return None
        try:
            return date.fromisoformat(self.as_at)
        except ValueError:
            raise InvalidInput(f"{self.as_at} is not a date; use the form YYYY-MM-DD.") from None

    def url(self, page: int = 1, **changes: str) -> str:
        """This search with some fields changed (an empty one left out), at `page`."""
        params = {name: value for name, value in {**self.model_dump(), **changes}.items() if value}
        if page > 1:
            params["page"] = str(page)
        return f"/search?{urlencode(params)}" if params else "/search"


def _whole(value: str, name: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise InvalidInput(f'The {name} must be a whole number from 1, not "{value}".')
    return int(value)


@dataclass(frozen=True, slots=True)
class HitView:
    document: SearchDocument
    snippet: str
    href: str
    in_force: bool


def in_force_today(doc: SearchDocument) -> bool:
    """Whether the hit's wording is the one in force today."""
    today = utcnow().date()
    started = doc.valid_from not in (None, NEVER_IN_FORCE) and doc.valid_from <= today
    return started and (doc.valid_to is None or today < doc.valid_to)


def hit_href(
    doc: SearchDocument, form: SearchForm, recommendations: dict[int, tuple[str, str]]
) -> str:
    """The page where a hit lives: a provision in the text in force (or on the as-at day, in
    the version asked for, or in its own version when its wording is no longer in force),
    the article, the recommendation, the amendment."""
    key = doc.doc_id.partition(":")[2]
    if doc.type == "provision":
        if form.as_at:
            at = "?" + urlencode({"at": form.as_at})
        elif form.version or not in_force_today(doc):
            at = "?" + urlencode({"version": form.version or doc.version_from})
        else:
            at = ""
        return f"/instruments/{doc.instrument_id}{at}#{doc.eid}"
    if doc.type == "article":
        code, _, number = key.partition(":")
        return f"/treaties/{quote(code)}/{quote(number)}"
    if doc.type == "recommendation" and int(key) in recommendations:
        code, number = recommendations[int(key)]
        return f"/treaties/recommendations/{quote(code)}?{urlencode({'number': number})}"
    return f"/amendments/{key}"


def _hits(session: Session, results: SearchResults, form: SearchForm) -> list[HitView]:
    documents = [hit.document for hit in results.hits]
    numbers = recommendation_numbers(session, documents)
    return [
        HitView(
            hit.document,
            hit.snippet,
            hit_href(hit.document, form, numbers),
            hit.document.valid_from not in (None, NEVER_IN_FORCE),
        )
        for hit in results.hits
    ]


@router.get("/search")
def search_page(
    request: Request,
    session: SessionDep,
    form: Annotated[SearchForm, Query()],
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> Response:
    """Every text matching the words and filters, best first, a page at a time."""
    results, error = None, ""
    try:
        results = SearchIndex(session).search(
            form.q, filters=form.filters(), page=page, per_page=PER_PAGE
        )
    except InvalidInput as refused:
        error = refused.detail
    instruments = service.instruments_by_title(session=session)
    facets = results.facets if results else {name: {} for name in FACETS}
    return render(
        request,
        "search/page.html",
        status_code=422 if error else 200,
        form=form,
        error=error,
        results=results,
        hits=_hits(session, results, form) if results else [],
        facets=facets,
        titles={str(i.id): i.short_title or i.title for i in instruments},
        instruments=instruments,
        frameworks=[framework for framework, _count in frameworks.list_frameworks(session=session)],
        types=TYPES,
        languages=LANGUAGES,
        max_page=MAX_PAGE,
        statuses=sorted({*VERSION_STATUSES, *AMENDMENT_STATUSES, *facets["status"]}),
    )
