"""Search across laws, drafts, treaty articles and recommendations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from alignment.indexing import NEVER_IN_FORCE, recommendation_numbers
from alignment.schemas import SearchHitOut, SearchResultsOut
from alignment.search import MAX_PER_PAGE, TYPES, SearchDocument, SearchFilters, SearchIndex
from api import representations
from api.deps import ReadSessionDep, read_in_thread, require
from drafts.permissions import READ

router = APIRouter(tags=["search"])
Reader = Depends(require(READ))


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


def _hit(doc: SearchDocument, score: float, snippet: str, links: dict[str, str]) -> SearchHitOut:
    in_force = doc.valid_from != NEVER_IN_FORCE
    return SearchHitOut(
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


@router.get("/search", response_model=SearchResultsOut, dependencies=[Reader])
async def search(
    request: Request,
    session: ReadSessionDep,
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
) -> Response:
    """Provisions (each wording with the versions and dates it was in), amendments, treaty
    articles and recommendations matching `q`, best first, with counts per facet. The answer
    has a strong ETag and holds until the documents next change: `304` answers a matching
    If-None-Match."""
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
    options = (q, filters, page, per_page)

    def rekey(session: Session) -> str:
        return representations.key_of("search", SearchIndex(session).stamp(), *options)

    def answer() -> Response:
        key = rekey(session)

        def make() -> bytes:
            results = SearchIndex(session).search(q, filters=filters, page=page, per_page=per_page)
            paths = _recommendation_paths(session, [hit.document for hit in results.hits])
            items = [
                _hit(hit.document, hit.score, hit.snippet, _links(hit.document, paths))
                for hit in results.hits
            ]
            out = SearchResultsOut(
                items=items,
                total=results.total,
                page=page,
                per_page=per_page,
                facets=results.facets,
            )
            return out.model_dump_json().encode()

        return representations.current(request, key, make, rekey=rekey)

    return await read_in_thread(session, answer)
