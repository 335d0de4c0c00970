"""Search across laws, drafts, treaty articles and recommendations; suggested alignments."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import select

from alignment import suggest
from alignment.indexing import NEVER_IN_FORCE, index_language, recommendation_numbers
from alignment.search import MAX_PER_PAGE, TYPES, SearchDocument, SearchFilters, SearchIndex
from api.deps import SessionDep, require
from drafts import service as drafts
from drafts.errors import NotFound
from drafts.models import Instrument, Provision, Revision, VersionNode
from drafts.permissions import READ
from frameworks import service as frameworks

router = APIRouter(tags=["search"])
Reader = Depends(require(READ))
Limit = Annotated[int, Query(ge=1, le=50, description="How many suggestions")]


def get_index(request: Request) -> SearchIndex:
    """The app's search index, opened (or built) at first use."""
    return request.app.state.search()


IndexDep = Annotated[SearchIndex, Depends(get_index)]


class HitOut(BaseModel):
    type: str
    title: str
    snippet: str
    score: float
    language: str
    instrument_id: int | None
    eid: str | None
    provision_id: str | None
    version_from: int | None
    version_to: int | None
    valid_from: date | None
    valid_to: date | None
    status: str | None
    framework: str | None
    article: str | None
    links: dict[str, str]


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


def _links(doc: SearchDocument, recommendations: dict[int, str]) -> dict[str, str]:
    base = "/api/v1"
    links: dict[str, str] = {}
    if doc.instrument_id:
        links["instrument"] = f"{base}/instruments/{doc.instrument_id}"
        if doc.type == "provision":
            links["version"] = f"{links['instrument']}/versions/{doc.version_from}"
            links["history"] = f"{links['instrument']}/provisions/{doc.provision_id}/history"
    if doc.type == "article" and doc.article:
        code, _, number = doc.article.partition(":")
        links["article"] = f"{base}/frameworks/{code}/articles/{number}"
    if doc.type == "amendment":
        links["amendment"] = f"{base}/amendments/{doc.doc_id.partition(':')[2]}"
    if doc.type == "recommendation":
        path = recommendations.get(int(doc.doc_id.partition(":")[2]))
        if path:
            links["recommendation"] = f"{base}/recommendation-sets/{path}"
    return links


def _recommendation_paths(session, docs: list[SearchDocument]) -> dict[int, str]:
    numbers = recommendation_numbers(session, docs)
    return {key: f"{code}/recommendations/{number}" for key, (code, number) in numbers.items()}


def _common(doc: SearchDocument, links: dict[str, str]) -> dict:
    return {
        "type": doc.type,
        "title": doc.title,
        "framework": doc.framework,
        "article": doc.article,
        "instrument_id": int(doc.instrument_id) if doc.instrument_id else None,
        "eid": doc.eid,
        "provision_id": doc.provision_id,
        "links": links,
    }


def _hit(doc: SearchDocument, score: float, snippet: str, links: dict[str, str]) -> HitOut:
    in_force = doc.valid_from != NEVER_IN_FORCE
    return HitOut(
        **_common(doc, links),
        snippet=snippet,
        score=round(score, 4),
        language=doc.language,
        version_from=doc.version_from,
        version_to=doc.version_to,
        valid_from=doc.valid_from if in_force else None,
        valid_to=doc.valid_to if in_force else None,
        status=doc.status,
    )


@router.get("/search", dependencies=[Reader])
def search(
    session: SessionDep,
    index: IndexDep,
    q: Annotated[str, Query(max_length=500, description='Words, OR, NOT, "phrases"')] = "",
    type: Annotated[str | None, Query(description=", ".join(TYPES))] = None,
    instrument: int | None = None,
    version: Annotated[int | None, Query(ge=1)] = None,
    as_at: date | None = None,
    status: str | None = None,
    framework: str | None = None,
    article: Annotated[str | None, Query(description='e.g. "CRC:3"')] = None,
    language: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
) -> dict:
    """Provisions (each wording with the versions and dates it was in), amendments, treaty
    articles and recommendations matching `q`, best first, with counts per facet."""
    filters = SearchFilters(
        type=type,
        instrument_id=str(instrument) if instrument is not None else None,
        version=version,
        as_at=as_at,
        status=status,
        framework=framework,
        article=article,
        language=language,
    )
    results = index.search(q, filters=filters, page=page, per_page=per_page)
    paths = _recommendation_paths(session, [hit.document for hit in results.hits])
    items = [
        _hit(hit.document, hit.score, hit.snippet, _links(hit.document, paths))
        for hit in results.hits
    ]
    return {
        "items": items,
        "total": results.total,
        "page": page,
        "per_page": per_page,
        "facets": results.facets,
    }


@router.get("/provisions/{provision_id}/suggestions", dependencies=[Reader])
def provision_suggestions(
    provision_id: str,
    session: SessionDep,
    index: IndexDep,
    instrument: int | None = None,
    version: Annotated[int | None, Query(ge=1)] = None,
    framework: str | None = None,
    type: Annotated[str, Query(pattern="^(article|recommendation)$")] = "article",
    limit: Limit = 10,
) -> dict:
    """Treaty articles (or recommendations) ranked by how close the provision's wording in
    the instrument's latest version (or `version`) is to theirs."""
    provision = session.get(Provision, provision_id)
    if provision is None or instrument not in (None, provision.instrument_id):
        raise NotFound(f"There is no provision {provision_id} in that instrument.")
    owner = drafts.get_instrument(session=session, instrument_id=provision.instrument_id)
    read = _version(session, owner, version)
    revision = session.scalar(
        select(Revision)
        .join(VersionNode, VersionNode.revision_id == Revision.id)
        .where(VersionNode.version_id == read.id, Revision.provision_id == provision_id)
    )
    if revision is None:
        raise NotFound(f"Provision {provision_id} is not in version {read.number}.")
    if framework:
        frameworks.get_framework(session=session, code=framework)
    text = " ".join(part for part in (revision.heading, revision.text) if part)
    ranked = suggest.suggest_articles(index, text=text, framework=framework, type=type, limit=limit)
    paths = _recommendation_paths(session, [s.document for s in ranked])
    return {
        "provision_id": provision_id,
        "version": read.number,
        "items": [_suggestion(s, _links(s.document, paths)) for s in ranked],
    }


@router.get("/frameworks/{code}/articles/{number}/suggestions", dependencies=[Reader])
def article_suggestions(
    code: str,
    number: str,
    instrument: int,
    session: SessionDep,
    index: IndexDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    limit: Limit = 10,
) -> dict:
    """The provisions of the instrument's latest version (or `version`) ranked by how close
    their wording is to the article's."""
    framework = frameworks.get_framework(session=session, code=code)
    article = frameworks.get_article(session=session, framework=framework, number=number)
    owner = drafts.get_instrument(session=session, instrument_id=instrument)
    read = _version(session, owner, version)
    text = " ".join(part for part in (article.title, article.topic, article.text) if part)
    ranked = suggest.suggest_provisions(
        index,
        text=text,
        instrument_id=owner.id,
        version=read.number,
        language=index_language(owner.language),
        limit=limit,
    )
    return {
        "article": f"{framework.code}:{article.number}",
        "instrument_id": owner.id,
        "version": read.number,
        "items": [_suggestion(s, _links(s.document, {})) for s in ranked],
    }


def _version(session, instrument: Instrument, number: int | None):
    if number is not None:
        return drafts.get_version(session=session, instrument=instrument, number=number)
    latest = drafts.latest_version(session=session, instrument=instrument)
    if latest is None:
        raise NotFound(f"{instrument.short_title or instrument.title} has no version yet.")
    return latest


def _suggestion(item: suggest.Suggestion, links: dict[str, str]) -> SuggestionOut:
    return SuggestionOut(
        **_common(item.document, links),
        score=round(item.score, 4),
        matched_terms=list(item.matched_terms),
    )
