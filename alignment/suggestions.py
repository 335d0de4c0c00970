"""Suggestions from the database: the treaty articles and recommendations as a catalogue, the
working group's decisions as a memory, and one version's provisions, all ranked in memory.

The catalogue and the memory are rebuilt only when what they are made of changes (counted
and dated by one small query each), so a worker keeps no state another one needs.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from alignment.decisions import Decision, Memory
from alignment.models import Alignment
from alignment.suggest import ArticleText, Catalogue, Ranking, RecommendationText
from alignment.suggest_provisions import ProvisionText, suggest_provisions
from alignment.wording import LANGUAGES, guess_language
from drafts import citations, service, store
from drafts.amend import Outline
from drafts.models import Instrument, Version
from drafts.tree import walk
from frameworks.concepts import shipped_concepts
from frameworks.models import Article, Framework, Recommendation, RecommendationSet

Kept = TypeVar("Kept")
_kept: dict[tuple[str, str], tuple[Hashable, object]] = {}
_lock = threading.Lock()


def catalogue(session: Session) -> Catalogue:
    """The treaty articles and recommendations, ready for ranking."""
    stamp = session.execute(
        select(
            select(func.count(Article.id)).scalar_subquery(),
            select(func.max(Framework.updated_at)).scalar_subquery(),
            select(func.count(Recommendation.id)).scalar_subquery(),
            select(func.max(Recommendation.id)).scalar_subquery(),
            select(func.max(RecommendationSet.updated_at)).scalar_subquery(),
        )
    ).one()
    return _kept_while(session, "catalogue", tuple(stamp), lambda: _build_catalogue(session))


def memory(session: Session, found: Catalogue) -> Memory:
    """The working group's decisions on treaty articles, ready to vote."""
    decided = Alignment.status.in_(("confirmed", "rejected")) & Alignment.article_id.is_not(None)
    stamp = session.execute(
        select(
            func.count(Alignment.id), func.max(Alignment.id), func.max(Alignment.updated_at)
        ).where(decided)
    ).one()
    latest = session.scalar(select(func.max(Version.id)))
    return _kept_while(
        session,
        "memory",
        (*stamp, latest, id(found)),
        lambda: Memory(_decisions(session), found.concepts),
    )


def language_of(instrument: Instrument, text: str = "") -> str:
    """The language suggestions read an instrument's text in."""
    code = (instrument.language or "").split("-")[0].lower()
    return code if code in LANGUAGES else guess_language(text)


def wording(*, session: Session, version: Version, provision_id: str) -> str | None:
    """The heading and text of a provision as `version` words it; None when it is not there."""
    place = store.places(session, version, [provision_id]).get(provision_id)
    if place is None:
        return None
    revision = place[0]
    return " ".join(part for part in (revision.heading, revision.text) if part)


def for_provision(
    *,
    session: Session,
    instrument: Instrument,
    provision_id: str,
    text: str,
    framework: str | None = None,
    type: str = "article",
    offset: int = 0,
    limit: int = 10,
) -> Ranking:
    """Articles (or recommendations) for a provision's wording, with the group's decisions:
    `limit` of them from `offset`, best first."""
    found = catalogue(session)
    language = language_of(instrument, text)
    window = {"offset": offset, "limit": limit}
    if type == "recommendation":
        return found.suggest_recommendations(text, language=language, **window)
    votes = memory(session, found).votes(
        text, language=language, provision_id=provision_id, instrument_id=instrument.id
    )
    return found.suggest_articles(
        text, language=language, framework=framework, votes=votes, **window
    )


def for_article(
    *,
    session: Session,
    article: Article,
    instrument: Instrument,
    version: Version,
    offset: int = 0,
    limit: int = 10,
) -> tuple[Ranking, dict[str, str]]:
    """The provisions of a version closest to an article (`limit` of them from `offset`, best
    first), and the eIds of those shown."""
    tree = service.read_tree(session=session, version=version)
    nodes = [node for node in walk(tree) if node.provision_id and (node.text or node.heading)]
    texts = [
        ProvisionText(
            node.provision_id,
            " ".join(part for part in (node.num, node.heading) if part),
            node.text,
        )
        for node in nodes
    ]
    eids = {node.provision_id: node.eid for node in nodes}
    sample = " ".join(node.text for node in nodes[:20])
    ranked = suggest_provisions(
        catalogue(session),
        article=f"{article.framework.code}:{article.number}",
        provisions=texts,
        language=language_of(instrument, sample),
        offset=offset,
        limit=limit,
    )
    return ranked, {item.key: eids[item.key] for item in ranked.items}


def _build_catalogue(session: Session) -> Catalogue:
    articles = [
        ArticleText(
            framework=code,
            number=article.number,
            title=article.title,
            topic=article.topic,
            text=article.text,
            procedural=article.procedural,
        )
        for article, code in session.execute(
            select(Article, Framework.code)
            .join(Framework, Framework.id == Article.framework_id)
            .order_by(Framework.code, Article.position)
        )
    ]
    recommendations = [
        RecommendationText(
            id=item.id,
            set_code=code,
            number=item.number,
            text=item.text,
            articles=tuple(f"{a.framework.code}:{a.number}" for a in item.articles),
        )
        for item, code in session.execute(
            select(Recommendation, RecommendationSet.code)
            .join(RecommendationSet, RecommendationSet.id == Recommendation.set_id)
            .options(selectinload(Recommendation.articles).selectinload(Article.framework))
            .order_by(RecommendationSet.code, Recommendation.position)
        )
    ]
    return Catalogue(articles, recommendations, shipped_concepts())


def _decisions(session: Session) -> list[Decision]:
    """Every confirmed or rejected article link whose provision is in its instrument's latest
    version, with that wording and where it stands."""
    links = session.execute(
        select(Alignment, Framework.code, Article.number)
        .join(Article, Article.id == Alignment.article_id)
        .join(Framework, Framework.id == Article.framework_id)
        .where(Alignment.status.in_(("confirmed", "rejected")))
        .order_by(Alignment.id)
    ).all()
    by_instrument = defaultdict(list)
    for row in links:
        by_instrument[row[0].instrument_id].append(row)
    decisions = []
    for instrument_id, rows in by_instrument.items():
        instrument = session.get(Instrument, instrument_id)
        version = service.latest_version(session=session, instrument=instrument)
        if version is None:
            continue
        tree = service.read_tree(session=session, version=version)
        outline = Outline(tree)
        sample = " ".join(node.text for node in list(outline.nodes.values())[:20])
        language = language_of(instrument, sample)
        style = citations.style_for(instrument.jurisdiction, language)
        cited = citations.citations(tree, lang="en", style=style)
        for link, code, number in rows:
            node = outline.nodes.get(link.provision_id)
            if node is None:
                continue
            decisions.append(
                Decision(
                    provision_id=link.provision_id,
                    instrument_id=instrument_id,
                    text=" ".join(part for part in (node.heading, node.text) if part),
                    language=language,
                    target=f"{code}:{number}",
                    confirmed=link.status == "confirmed",
                    relation=link.relation,
                    label=cited.get(node.eid) or outline.name(link.provision_id),
                    instrument=instrument.short_title or instrument.title,
                )
            )
    return decisions


def _kept_while(session: Session, name: str, stamp: Hashable, build: Callable[[], Kept]) -> Kept:
    """`build()`, kept for this database until `stamp` changes."""
    bind = session.get_bind()
    key = (str(getattr(bind, "engine", bind).url), name)
    with _lock:
        held = _kept.get(key)
    if held is not None and held[0] == stamp:
        return held[1]  # type: ignore[return-value]
    value = build()
    with _lock:
        _kept[key] = (stamp, value)
    return value
