"""Treaty pages: the frameworks, one framework's articles, one article with the provisions and
recommendations linked to it, and a set of UN recommendations with a text filter."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from alignment import service as alignments
from api.deps import SessionDep
from drafts.models import Instrument
from drafts.permissions import READ
from frameworks import service as frameworks
from frontend.deps import page_require
from frontend.routes.links import ALL, link_views
from frontend.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
PER_PAGE = 50


@router.get("/treaties")
def treaty_list(request: Request, session: SessionDep) -> Response:
    return render(
        request,
        "treaties/list.html",
        treaties=frameworks.list_frameworks(session=session),
        sets=frameworks.list_recommendation_sets(session=session),
    )


@router.get("/treaties/recommendations/{code}")
def recommendation_set(
    request: Request,
    code: str,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    number: Annotated[str, Query(max_length=120)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    """A set's recommendations, those whose text holds every word of `q`, or one by number."""
    rec_set = frameworks.get_recommendation_set(session=session, code=code)
    if number:
        items = [
            frameworks.get_recommendation(
                session=session, recommendation_set=rec_set, number=number
            )
        ]
        total = 1
    else:
        items, total = frameworks.list_recommendations(
            session=session,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
            recommendation_set=rec_set,
            q=q or None,
        )
    links, _ = alignments.list_alignments(
        session=session, offset=0, limit=ALL, recommendation_set=rec_set.code
    )
    by_item: dict[int, list] = {}
    for link in links:
        by_item.setdefault(link.recommendation_id, []).append(link)
    return render(
        request,
        "treaties/recommendations.html",
        rec_set=rec_set,
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        q=q,
        number=number,
        links=by_item,
        instruments=_instruments(session, [link.instrument_id for link in links]),
    )


@router.get("/treaties/{code}")
def treaty_page(request: Request, code: str, session: SessionDep) -> Response:
    framework = frameworks.get_framework(session=session, code=code)
    articles, _ = frameworks.list_articles(
        session=session, framework=framework, offset=0, limit=ALL
    )
    return render(request, "treaties/treaty.html", framework=framework, articles=articles)


@router.get("/treaties/{code}/{number}")
def article_page(request: Request, code: str, number: str, session: SessionDep) -> Response:
    """An article's text, and every provision and recommendation linked to it."""
    framework = frameworks.get_framework(session=session, code=code)
    article = frameworks.get_article(session=session, framework=framework, number=number)
    items, _ = alignments.list_alignments(
        session=session, offset=0, limit=ALL, framework=code, article=number
    )
    return render(
        request,
        "treaties/article.html",
        framework=framework,
        article=article,
        paragraphs=[line for line in article.text.splitlines() if line.strip()],
        links=link_views(session, items),
        instruments=_instruments(session, [item.instrument_id for item in items]),
        recommendations=frameworks.recommendations_on(session=session, article=article),
    )


def _instruments(session: Session, ids: list[int]) -> dict[int, Instrument]:
    return {instrument_id: session.get(Instrument, instrument_id) for instrument_id in set(ids)}
