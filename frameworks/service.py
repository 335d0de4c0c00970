"""Reading frameworks, their articles and the UN recommendations: list, get, search.

The search here is a plain case-insensitive word match inside one framework's articles; the
full search index across laws and treaties lives in `alignment`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from drafts.errors import InvalidInput, NotFound
from frameworks.models import (
    Article,
    Framework,
    Recommendation,
    RecommendationSet,
    recommendation_articles,
)

SNIPPET_CHARS = 200


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article: Article
    snippet: str


def list_frameworks(*, session: Session) -> list[tuple[Framework, int]]:
    """Every framework with its number of articles, by code."""
    return _counted(session, Framework, Article.framework_id)


def _counted(session: Session, parent: type, child_key: InstrumentedAttribute) -> list:
    """Every row of `parent` (a table with a code), by code, with how many rows refer to it
    through `child_key`."""
    counts = (
        select(child_key.label("parent_id"), func.count().label("total"))
        .group_by(child_key)
        .subquery()
    )
    rows = session.execute(
        select(parent, func.coalesce(counts.c.total, 0))
        .outerjoin(counts, counts.c.parent_id == parent.id)
        .order_by(parent.code)
    )
    return [(row, total) for row, total in rows]


def get_framework(*, session: Session, code: str) -> Framework:
    framework = session.scalar(select(Framework).where(Framework.code == code))
    if framework is None:
        raise NotFound(f"There is no framework with the code {code}.")
    return framework


def count_articles(*, session: Session, framework: Framework) -> int:
    query = select(func.count()).where(Article.framework_id == framework.id)
    return session.scalar(query) or 0


def list_articles(
    *, session: Session, framework: Framework, offset: int, limit: int
) -> tuple[list[Article], int]:
    """A framework's articles in the order of the treaty."""
    query = select(Article).where(Article.framework_id == framework.id).order_by(Article.position)
    items = session.scalars(query.offset(offset).limit(limit)).all()
    return list(items), count_articles(session=session, framework=framework)


def get_article(*, session: Session, framework: Framework, number: str) -> Article:
    article = session.scalar(
        select(Article).where(Article.framework_id == framework.id, Article.number == number)
    )
    if article is None:
        raise NotFound(f"{framework.code} has no article {number}.")
    return article


def search_articles(*, session: Session, framework: Framework, q: str) -> list[ArticleHit]:
    """Articles whose title, topic and text hold every word of `q`, in treaty order."""
    words = q.casefold().split()
    if not words:
        return []
    query = select(Article).where(Article.framework_id == framework.id).order_by(Article.position)
    hits = []
    for article in session.scalars(query):
        haystack = "\n".join((article.title or "", article.topic, article.text)).casefold()
        if all(word in haystack for word in words):
            hits.append(ArticleHit(article, snippet(article.text, words)))
    return hits


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `text` around the first of `words` found in it."""
    folded = text.casefold()
    found = [index for word in words if (index := folded.find(word)) >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    body = " ".join(text[start:end].split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")


def list_recommendation_sets(*, session: Session) -> list[tuple[RecommendationSet, int]]:
    """Every recommendation set with its number of recommendations, by code."""
    return _counted(session, RecommendationSet, Recommendation.set_id)


def get_recommendation_set(*, session: Session, code: str) -> RecommendationSet:
    rec_set = session.scalar(select(RecommendationSet).where(RecommendationSet.code == code))
    if rec_set is None:
        raise NotFound(f"There is no recommendation set with the code {code}.")
    return rec_set


def list_recommendations(
    *,
    session: Session,
    offset: int,
    limit: int,
    recommendation_set: RecommendationSet | None = None,
    q: str | None = None,
) -> tuple[list[Recommendation], int]:
    """Recommendations in the order of their source; `q` keeps those whose text has every word."""
    query = select(Recommendation)
    if recommendation_set is not None:
        query = query.where(Recommendation.set_id == recommendation_set.id)
    for word in (q or "").split():
        query = query.where(func.lower(Recommendation.text).like(_contains(word), escape="\\"))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    query = query.options(selectinload(Recommendation.articles).selectinload(Article.framework))
    ordered = query.order_by(Recommendation.set_id, Recommendation.position)
    return list(session.scalars(ordered.offset(offset).limit(limit))), total


def get_recommendation(
    *, session: Session, recommendation_set: RecommendationSet, number: str
) -> Recommendation:
    recommendation = session.scalar(
        select(Recommendation).where(
            Recommendation.set_id == recommendation_set.id, Recommendation.number == number
        )
    )
    if recommendation is None:
        raise NotFound(f"{recommendation_set.code} has no recommendation {number}.")
    return recommendation


def _contains(word: str) -> str:
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def check_references(*, session: Session, refs: list[dict]) -> None:
    """Refuse treaty references (`{"framework": "CRC", "articles": [3, 12]}`) to a framework
    or an article that is not loaded."""
    for index, ref in enumerate(refs):
        field = f"treaty_refs.{index}"
        framework = session.scalar(select(Framework).where(Framework.code == ref["framework"]))
        if framework is None:
            raise InvalidInput(
                f"There is no framework with the code {ref['framework']}.",
                errors=[{"field": f"{field}.framework", "message": "unknown framework"}],
            )
        numbers = [str(number) for number in ref["articles"]]
        known = set(
            session.scalars(
                select(Article.number).where(
                    Article.framework_id == framework.id, Article.number.in_(numbers)
                )
            )
        )
        missing = [number for number in numbers if number not in known]
        if missing:
            raise InvalidInput(
                f"{framework.code} has no article {missing[0]}.",
                errors=[{"field": f"{field}.articles", "message": f"unknown article {missing[0]}"}],
            )


def recommendations_on(*, session: Session, article: Article) -> list[tuple[Recommendation, str]]:
    """The recommendations that name the article, with their set's code, in source order."""
    rows = session.execute(
        select(Recommendation, RecommendationSet.code)
        .join(RecommendationSet, RecommendationSet.id == Recommendation.set_id)
        .join(
            recommendation_articles,
            recommendation_articles.c.recommendation_id == Recommendation.id,
        )
        .where(recommendation_articles.c.article_id == article.id)
        .order_by(RecommendationSet.code, Recommendation.position)
    )
    return [(recommendation, code) for recommendation, code in rows]
