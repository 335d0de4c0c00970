"""Suggested alignments: the treaty articles or recommendations closest to a provision, and the
provisions of a version closest to an article, each with the evidence behind it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from alignment import suggestions
from alignment.schemas import (
    ArticleSuggestionsOut,
    EvidenceOut,
    ProvisionSuggestionsOut,
    SuggestionOut,
)
from alignment.suggest import Suggestion
from api.deps import PageDep, SessionDep, paged, require
from drafts import service as drafts
from drafts.errors import NotFound
from drafts.models import Instrument, Provision, Version
from drafts.permissions import READ
from frameworks import service as frameworks

router = APIRouter(tags=["search"])
Reader = Depends(require(READ))
BASE = "/api/v1"


@router.get("/provisions/{provision_id}/suggestions", dependencies=[Reader])
def provision_suggestions(
    provision_id: str,
    session: SessionDep,
    page: PageDep,
    instrument: int | None = None,
    version: Annotated[int | None, Query(ge=1)] = None,
    framework: str | None = None,
    type: Annotated[str, Query(pattern="^(article|recommendation)$")] = "article",
) -> ProvisionSuggestionsOut:
    """Treaty articles (or recommendations) ranked by how directly the provision's wording in
    the instrument's latest version (or `version`) implements them."""
    provision = session.get(Provision, provision_id)
    if provision is None or instrument not in (None, provision.instrument_id):
        raise NotFound(f"There is no provision {provision_id} in that instrument.")
    owner = drafts.get_instrument(session=session, instrument_id=provision.instrument_id)
    read = _version(session, owner, version)
    text = suggestions.wording(session=session, version=read, provision_id=provision_id)
    if text is None:
        raise NotFound(f"Provision {provision_id} is not in version {read.number}.")
    if framework:
        frameworks.get_framework(session=session, code=framework)
    ranked = suggestions.for_provision(
        session=session,
        instrument=owner,
        provision_id=provision_id,
        text=text,
        framework=framework,
        type=type,
        offset=page.offset,
        limit=page.per_page,
    )
    return ProvisionSuggestionsOut(
        provision_id=provision_id,
        version=read.number,
        **paged([_target(item, type) for item in ranked.items], ranked.total, page),
    )


@router.get("/frameworks/{code}/articles/{number}/suggestions", dependencies=[Reader])
def article_suggestions(
    code: str,
    number: str,
    instrument: int,
    session: SessionDep,
    page: PageDep,
    version: Annotated[int | None, Query(ge=1)] = None,
) -> ArticleSuggestionsOut:
    """The provisions of the instrument's latest version (or `version`) ranked by how directly
    they implement the article."""
    framework = frameworks.get_framework(session=session, code=code)
    article = frameworks.get_article(session=session, framework=framework, number=number)
    owner = drafts.get_instrument(session=session, instrument_id=instrument)
    read = _version(session, owner, version)
    ranked, eids = suggestions.for_article(
        session=session,
        article=article,
        instrument=owner,
        version=read,
        offset=page.offset,
        limit=page.per_page,
    )
    base = f"{BASE}/instruments/{owner.id}"
    items = [
        _out(
            item,
            type="provision",
            instrument_id=owner.id,
            eid=eids[item.key],
            provision_id=item.key,
            links={
                "instrument": base,
                "version": f"{base}/versions/{read.number}",
                "history": f"{base}/provisions/{item.key}/history",
            },
        )
        for item in ranked.items
    ]
    return ArticleSuggestionsOut(
        article=f"{framework.code}:{article.number}",
        instrument_id=owner.id,
        version=read.number,
        **paged(items, ranked.total, page),
    )


def _version(session, instrument: Instrument, number: int | None) -> Version:
    if number is not None:
        return drafts.get_version(session=session, instrument=instrument, number=number)
    latest = drafts.latest_version(session=session, instrument=instrument)
    if latest is None:
        raise NotFound(f"{instrument.short_title or instrument.title} has no version yet.")
    return latest


def _target(item: Suggestion, type: str) -> SuggestionOut:
    code, _, number = item.key.partition(":")
    if type == "recommendation":
        path = f"{code}/recommendations/{number}"
        links = {"recommendation": f"{BASE}/recommendation-sets/{path}"}
        return _out(item, type=type, links=links)
    links = {"article": f"{BASE}/frameworks/{code}/articles/{number}"}
    return _out(item, type=type, framework=code, article=item.key, links=links)


def _out(item: Suggestion, **fields) -> SuggestionOut:
    values = {
        "framework": None,
        "article": None,
        "instrument_id": None,
        "eid": None,
        "provision_id": None,
    } | fields
    return SuggestionOut(
        title=item.title,
        score=round(item.score, 4),
        matched_terms=list(item.matched_terms),
        passage=item.passage,
        passage_text=item.passage_text,
        evidence=[
            EvidenceOut(
                concept=evidence.concept,
                sources=list(evidence.sources),
                provision_words=list(evidence.provision_words),
                target_words=list(evidence.target_words),
            )
            for evidence in item.evidence
        ],
        reasons=[str(reason) for reason in item.reasons],
        **values,
    )
