"""Treaty frameworks, their articles, and UN recommendation sets."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from api.deps import ActorDep, PageDep, SessionDep, paged, require
from drafts.permissions import FRAMEWORK_ADMIN, READ
from frameworks import loader, service
from frameworks.models import Article, Recommendation, RecommendationSet
from frameworks.schemas import RecommendationSetIn

router = APIRouter(tags=["frameworks"])
Reader = Depends(require(READ))
Shape = TypeVar("Shape", bound=BaseModel)
Words = Annotated[str, Query(min_length=1, max_length=200, description="Words to look for")]


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


def _shape(model: type[Shape], row: object, **extra: Any) -> Shape:
    """`model` filled from the attributes of `row`, and from `extra` for what the row lacks."""
    fields = {name: getattr(row, name) for name in model.model_fields.keys() - extra.keys()}
    return model.model_validate(fields | extra)


def _article(article: Article) -> ArticleOut:
    return _shape(ArticleOut, article, framework=article.framework.code)


def _recommendation(item: Recommendation, rec_set: RecommendationSet) -> RecommendationOut:
    articles = [f"{article.framework.code} {article.number}" for article in item.articles]
    return _shape(RecommendationOut, item, set=rec_set.code, articles=articles)


@router.get("/frameworks", dependencies=[Reader])
def list_frameworks(session: SessionDep) -> dict:
    """Every framework (treaty) with its number of articles."""
    rows = service.list_frameworks(session=session)
    return {
        "items": [_shape(FrameworkSummary, f, article_count=n) for f, n in rows],
        "total": len(rows),
    }


@router.get("/frameworks/{code}", response_model=FrameworkOut, dependencies=[Reader])
def read_framework(code: str, session: SessionDep) -> FrameworkOut:
    framework = service.get_framework(session=session, code=code)
    count = service.count_articles(session=session, framework=framework)
    return _shape(FrameworkOut, framework, article_count=count)


@router.get("/frameworks/{code}/articles", dependencies=[Reader])
def list_articles(code: str, session: SessionDep, page: PageDep) -> dict:
    """The articles in treaty order."""
    framework = service.get_framework(session=session, code=code)
    items, total = service.list_articles(
        session=session, framework=framework, offset=page.offset, limit=page.per_page
    )
    return paged([_article(article) for article in items], total, page)


@router.get(
    "/frameworks/{code}/articles/{number}", response_model=ArticleOut, dependencies=[Reader]
)
def read_article(code: str, number: str, session: SessionDep) -> ArticleOut:
    framework = service.get_framework(session=session, code=code)
    return _article(service.get_article(session=session, framework=framework, number=number))


@router.get("/frameworks/{code}/search", dependencies=[Reader])
def search_articles(code: str, q: Words, session: SessionDep, page: PageDep) -> dict:
    """Articles whose title, topic or text hold every word of `q`, with a snippet."""
    framework = service.get_framework(session=session, code=code)
    hits = service.search_articles(session=session, framework=framework, q=q)
    items = [
        ArticleHitOut(
            number=hit.article.number,
            title=hit.article.title,
            topic=hit.article.topic,
            snippet=hit.snippet,
        )
        for hit in hits[page.offset : page.offset + page.per_page]
    ]
    return paged(items, len(hits), page)


@router.get("/recommendation-sets", dependencies=[Reader])
def list_recommendation_sets(session: SessionDep) -> dict:
    rows = service.list_recommendation_sets(session=session)
    return {
        "items": [_shape(RecommendationSetOut, s, recommendation_count=n) for s, n in rows],
        "total": len(rows),
    }


@router.post(
    "/recommendation-sets",
    response_model=RecommendationSetOut,
    dependencies=[Depends(require(FRAMEWORK_ADMIN))],
    responses={201: {"description": "The set was new"}},
)
def import_recommendation_set(
    data: RecommendationSetIn, session: SessionDep, actor: ActorDep, response: Response
) -> RecommendationSetOut:
    """Import a set of recommendations, or update the set of the same code in place
    (200); recommendations are matched by number and never removed."""
    result = loader.load_recommendations(session, data, actor=actor)
    if result.created:
        response.status_code = 201
        response.headers["Location"] = f"/api/v1/recommendation-sets/{result.code}"
    rec_set = service.get_recommendation_set(session=session, code=result.code)
    return _shape(RecommendationSetOut, rec_set, recommendation_count=result.total)


@router.get("/recommendation-sets/{code}/recommendations", dependencies=[Reader])
def list_recommendations(
    code: str,
    session: SessionDep,
    page: PageDep,
    q: Annotated[str | None, Query(max_length=200, description="Words of the text")] = None,
) -> dict:
    rec_set = service.get_recommendation_set(session=session, code=code)
    items, total = service.list_recommendations(
        session=session,
        recommendation_set=rec_set,
        q=q,
        offset=page.offset,
        limit=page.per_page,
    )
    return paged([_recommendation(item, rec_set) for item in items], total, page)


@router.get(
    "/recommendation-sets/{code}/recommendations/{number:path}",
    response_model=RecommendationOut,
    dependencies=[Reader],
)
def read_recommendation(code: str, number: str, session: SessionDep) -> RecommendationOut:
    """One recommendation by its number in the source (which may hold slashes)."""
    rec_set = service.get_recommendation_set(session=session, code=code)
    item = service.get_recommendation(session=session, recommendation_set=rec_set, number=number)
    return _recommendation(item, rec_set)
