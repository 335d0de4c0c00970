"""Treaty frameworks, their articles, and UN recommendation sets."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from api.deps import ActorDep, Paged, PageDep, SessionDep, paged, require, window
from drafts.permissions import FRAMEWORK_ADMIN, READ
from frameworks import loader, service
from frameworks.models import Article, Recommendation, RecommendationSet
from frameworks.schemas import (
    ArticleHitOut,
    ArticleOut,
    FrameworkOut,
    FrameworkSummary,
    RecommendationOut,
    RecommendationSetIn,
    RecommendationSetOut,
)

router = APIRouter(tags=["frameworks"])
Reader = Depends(require(READ))
Shape = TypeVar("Shape", bound=BaseModel)
Words = Annotated[str, Query(min_length=1, max_length=200, description="Words to look for")]


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
def list_frameworks(session: SessionDep, page: PageDep) -> Paged[FrameworkSummary]:
    """Every framework (treaty) with its number of articles."""
    rows = service.list_frameworks(session=session)
    items = [_shape(FrameworkSummary, f, article_count=n) for f, n in window(rows, page)]
    return paged(items, len(rows), page)


@router.get("/frameworks/{code}", response_model=FrameworkOut, dependencies=[Reader])
def read_framework(code: str, session: SessionDep) -> FrameworkOut:
    framework = service.get_framework(session=session, code=code)
    count = service.count_articles(session=session, framework=framework)
    return _shape(FrameworkOut, framework, article_count=count)


@router.get("/frameworks/{code}/articles", dependencies=[Reader])
def list_articles(code: str, session: SessionDep, page: PageDep) -> Paged[ArticleOut]:
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
def search_articles(
    code: str, q: Words, session: SessionDep, page: PageDep
) -> Paged[ArticleHitOut]:
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
        for hit in window(hits, page)
    ]
    return paged(items, len(hits), page)


@router.get("/recommendation-sets", dependencies=[Reader])
def list_recommendation_sets(session: SessionDep, page: PageDep) -> Paged[RecommendationSetOut]:
    rows = service.list_recommendation_sets(session=session)
    items = [_shape(RecommendationSetOut, s, recommendation_count=n) for s, n in window(rows, page)]
    return paged(items, len(rows), page)


@router.post(
    "/recommendation-sets",
    response_model=RecommendationSetOut,
    dependencies=[Depends(require(FRAMEWORK_ADMIN))],
    responses={201: {"description": "The set was new", "model": RecommendationSetOut}},
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
) -> Paged[RecommendationOut]:
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
