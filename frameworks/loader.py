"""Loading reference data: frameworks from JSON in the shape of the shipped treaty files, and
recommendation sets from JSON (the shape of the shipped UPR file) or CSV.

Loading is idempotent: the same file twice changes nothing, a newer file updates the stored
texts in place. Everything is checked before anything is written, so a bad file stores nothing;
articles and recommendations are never removed by a load (links may point at them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from drafts import audit, controls
from drafts.controls import FORBIDDEN_BYTES
from drafts.db import utcnow
from drafts.errors import InvalidInput
from frameworks import readers
from frameworks.models import Article, Framework, Recommendation, RecommendationSet
from frameworks.schemas import RecommendationIn, RecommendationSetIn, article_ref

DATA = Path(__file__).parent / "data"
SHIPPED_FRAMEWORKS = ("crc.json", "crpd.json", "cedaw.json")
SHIPPED_UPR = "recommendations-tkm-upr.json"
SHIPPED_UPR_CODE = "TKM-UPR"
LOADER = audit.Actor(user_id=None, request_id="frameworks")


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one load did: `added` and `updated` count articles or recommendations."""

    code: str
    created: bool
    added: int
    updated: int
    total: int
    removed: str = ""
    """The control characters removed from the file, for a warning."""


def load_shipped(session: Session, *, actor: audit.Actor = LOADER) -> list[LoadResult]:
    """Load the CRC, CRPD and CEDAW and the UPR recommendations to Turkmenistan."""
    results = [
        load_framework_file(session, DATA / name, actor=actor) for name in SHIPPED_FRAMEWORKS
    ]
    results.append(
        load_recommendations_file(
            session, DATA / SHIPPED_UPR, code=SHIPPED_UPR_CODE, mechanism="UPR", actor=actor
        )
    )
    return results


def load_framework_file(session: Session, path: Path, *, actor: audit.Actor) -> LoadResult:
    """Load a framework file; control characters in its texts are removed with a warning."""
    raw, removed = controls.clean_data(readers.read_json(path.read_bytes()))
    result = load_framework(session, raw, actor=actor)
    return replace(result, removed=controls.removed_note(removed))


def load_framework(session: Session, raw: Any, *, actor: audit.Actor) -> LoadResult:
    """Store a framework given in the shipped treaty files' JSON shape, or bring it up to date."""
    data = readers.read_framework(raw)

    framework = session.scalar(select(Framework).where(Framework.code == data.code))
    stored: dict[str, Any] = {}
    if framework is not None:
        articles = session.scalars(select(Article).where(Article.framework_id == framework.id))
        stored = {article.number: article for article in articles}
        _check_kept(stored, {article.number for article in data.articles}, data.code, "article")
    created = framework is None
    if framework is None:
        framework = Framework(code=data.code)
        session.add(framework)
    changed = _apply(framework, data.model_dump(exclude={"code", "articles"}))
    session.flush()

    added = updated = 0
    for position, article_in in enumerate(data.articles, 1):
        values = {**article_in.model_dump(), "position": position}
        article = stored.get(article_in.number)
        if article is None:
            session.add(Article(framework_id=framework.id, **values))
            added += 1
        elif _apply(article, values):
            updated += 1
    if created or changed or added or updated:
        framework.updated_at = utcnow()
        session.flush()
        audit.record(
            session, actor, "framework.load", "framework", data.code, added=added, updated=updated
        )
    return LoadResult(data.code, created, added, updated, len(data.articles))


def load_recommendations_file(
    session: Session,
    path: Path,
    *,
    code: str,
    actor: audit.Actor,
    format: str = "json",
    title: str | None = None,
    mechanism: str | None = None,
) -> LoadResult:
    """Load a JSON or CSV file of recommendations as the set `code`; control characters in its
    texts are removed with a warning."""
    content = path.read_bytes()
    if format == "csv":
        removed = Counter(character.decode() for character in FORBIDDEN_BYTES.findall(content))
        data, labels = readers.read_recommendations_csv(
            FORBIDDEN_BYTES.sub(b"", content),
            code=code,
            title=title or "",
            mechanism=mechanism or "",
        )
    elif format == "json":
        raw, removed = controls.clean_data(readers.read_json(content))
        data, labels = readers.read_recommendations_json(
            raw, code=code, title=title, mechanism=mechanism
        )
    else:
        raise InvalidInput(f"'{format}' is not a format Kanun reads: use json or csv.")
    result = load_recommendations(session, data, actor=actor, labels=labels)
    return replace(result, removed=controls.removed_note(removed))


def load_recommendations(
    session: Session,
    data: RecommendationSetIn,
    *,
    actor: audit.Actor,
    labels: list[str] | None = None,
) -> LoadResult:
    """Store a set of recommendations, or bring the stored set of the same code up to date."""
    labels = labels or [f"Recommendation {i}" for i in range(1, len(data.recommendations) + 1)]
    _check_unique([item.number for item in data.recommendations], "recommendation", labels)
    articles = _resolve_articles(session, data.recommendations, labels)

    rec_set = session.scalar(select(RecommendationSet).where(RecommendationSet.code == data.code))
    stored: dict[str, Any] = {}
    if rec_set is not None:
        query = (
            select(Recommendation)
            .where(Recommendation.set_id == rec_set.id)
            .options(selectinload(Recommendation.articles))
        )
        stored = {item.number: item for item in session.scalars(query)}
        numbers = {item.number for item in data.recommendations}
        _check_kept(stored, numbers, data.code, "recommendation")
    created = rec_set is None
    if rec_set is None:
        rec_set = RecommendationSet(code=data.code)
        session.add(rec_set)
    changed = _apply(rec_set, data.model_dump(exclude={"code", "recommendations"}))
    session.flush()

    added = updated = 0
    for position, (item, linked) in enumerate(zip(data.recommendations, articles, strict=True), 1):
        values = {**item.model_dump(exclude={"articles"}), "position": position}
        recommendation = stored.get(item.number)
        if recommendation is None:
            session.add(Recommendation(set_id=rec_set.id, articles=linked, **values))
            added += 1
        elif _apply(recommendation, values) | _relink(recommendation, linked):
            updated += 1
    if created or changed or added or updated:
        rec_set.updated_at = utcnow()
        session.flush()
        audit.record(
            session,
            actor,
            "recommendations.load",
            "recommendation_set",
            data.code,
            added=added,
            updated=updated,
        )
    return LoadResult(data.code, created, added, updated, len(data.recommendations))


def _check_unique(numbers: list[str], kind: str, labels: list[str]) -> None:
    seen: set[str] = set()
    for label, number in zip(labels, numbers, strict=True):
        if number in seen:
            raise InvalidInput(f"{label} repeats the {kind} number {number}.")
        seen.add(number)


def _check_kept(stored: dict, given: set[str], code: str, kind: str) -> None:
    left_out = [number for number in stored if number not in given]
    if left_out:
        raise InvalidInput(
            f"{code} holds {kind} {left_out[0]}, which this import leaves out; an import never "
            f"removes a {kind}, so give all of them."
        )


def _resolve_articles(
    session: Session, items: list[RecommendationIn], labels: list[str]
) -> list[list[Article]]:
    """The stored articles each recommendation names, or InvalidInput for the first unknown."""
    refs = [[article_ref(ref) for ref in item.articles] for item in items]
    codes = {code.upper() for item_refs in refs for code, _ in item_refs}
    known: dict[tuple[str, str], Article] = {}
    if codes:
        query = select(Article).join(Framework).where(func.upper(Framework.code).in_(codes))
        for article in session.scalars(query):
            known[(article.framework.code.upper(), article.number)] = article
    linked = []
    for label, item_refs in zip(labels, refs, strict=True):
        for code, number in item_refs:
            if (code.upper(), number) not in known:
                raise InvalidInput(
                    f"{label} names article {number} of {code}, which is not loaded."
                )
        articles = [known[(code.upper(), number)] for code, number in item_refs]
        linked.append(list(dict.fromkeys(articles)))
    return linked


def _apply(row: object, values: dict[str, Any]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _relink(recommendation: Recommendation, articles: list[Article]) -> bool:
    if {article.id for article in recommendation.articles} == {article.id for article in articles}:
        return False
    recommendation.articles = articles
    return True
