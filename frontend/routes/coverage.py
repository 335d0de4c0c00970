"""Coverage pages: how far one version of a law covers each treaty (heatmap, gaps, and the
provisions behind each article), and what a draft changes in that coverage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from alignment import coverage, draft_coverage
from api.deps import SessionDep
from drafts import service
from drafts.errors import NotFound
from drafts.models import Instrument, Version
from drafts.packages import service as drafts
from drafts.permissions import READ
from frameworks import service as frameworks
from frameworks.models import Framework
from frontend.deps import page_require
from frontend.forms import optional_number
from frontend.i18n import translate
from frontend.routes.links import ALL
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
Code = Annotated[str, Query(max_length=40)]
NOT_A_DATE = N_("{value} is not a date; use the form YYYY-MM-DD.")
VERSION = optional_number(1)
BOTH = N_("Choose a version or a date, not both.")


@dataclass(frozen=True, slots=True)
class TreatyCoverage:
    """One treaty's coverage as a page shows it, with each article's title or topic."""

    framework: Framework
    result: coverage.Coverage
    topics: dict[str, str]


@dataclass(frozen=True, slots=True)
class DraftTreaty:
    """One treaty's coverage before and after a draft, with each article's title or topic."""

    framework: Framework
    result: draft_coverage.DraftCoverage
    topics: dict[str, str]

    def rows(self) -> list[tuple[coverage.ArticleStatus, coverage.ArticleStatus]]:
        """Each article's status before and after the draft."""
        return list(zip(self.result.before.articles, self.result.after.articles, strict=True))


def chosen_treaties(session: Session, code: str) -> list[Framework]:
    """The treaty named by `code`, or every loaded treaty when none is named."""
    if code:
        return [frameworks.get_framework(session=session, code=code)]
    return [framework for framework, _ in frameworks.list_frameworks(session=session)]


def topics(session: Session, framework: Framework) -> dict[str, str]:
    """Article number → its title, or its topic when the treaty gives none."""
    articles, _ = frameworks.list_articles(
        session=session, framework=framework, offset=0, limit=ALL
    )
    return {article.number: article.title or article.topic for article in articles}


def _read(
    request: Request, session: Session, instrument: Instrument, version: int | None, at: str
) -> tuple[Version | None, str]:
    """The version asked for (by number, in force on `at`, or the latest), or a sentence why
    there is none."""
    if version is not None and at:
        return None, translate(request, BOTH)
    try:
        if at:
            when = date.fromisoformat(at)
            return service.version_as_at(session=session, instrument=instrument, at=when), ""
        if version is not None:
            return service.get_version(session=session, instrument=instrument, number=version), ""
    except ValueError:
        return None, translate(request, NOT_A_DATE).format(value=at)
    except NotFound as missing:
        return None, missing.detail
    return service.latest_version(session=session, instrument=instrument), ""


@router.get("/instruments/{instrument_id}/coverage")
def instrument_coverage(
    request: Request,
    instrument_id: int,
    session: SessionDep,
    framework: Code = "",
    version: VERSION = None,
    at: Annotated[str, Query(max_length=10)] = "",
    procedural: bool = False,
) -> Response:
    """Each treaty's articles coloured by status in one version of the law, with the gaps;
    procedural articles only when asked for."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    versions, _ = service.list_versions(session=session, instrument=instrument, offset=0, limit=500)
    read, error = _read(request, session, instrument, version, at)
    shown = []
    if read is not None:
        tree = service.read_tree(session=session, version=read)
        for treaty in chosen_treaties(session, framework):
            result = coverage.evaluate(
                session=session,
                framework=treaty,
                texts=[(instrument.id, tree)],
                procedural=procedural,
            )
            shown.append(TreatyCoverage(treaty, result, topics(session, treaty)))
    return render(
        request,
        "coverage/instrument.html",
        status_code=422 if error else 200,
        instrument=instrument,
        versions=versions,
        read=read,
        treaties=frameworks.list_frameworks(session=session),
        shown=shown,
        framework=framework,
        version=version,
        at=at,
        procedural=procedural,
        error=error,
    )


@router.get("/drafts/{draft_id}/coverage")
def draft_coverage_page(
    request: Request,
    draft_id: int,
    session: SessionDep,
    framework: Code = "",
    include_proposed: bool = False,
    procedural: bool = False,
) -> Response:
    """Each treaty's coverage before and after the draft, and the articles it changes."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    shown = [
        DraftTreaty(
            treaty,
            draft_coverage.draft_coverage(
                session=session,
                draft=draft,
                framework=treaty,
                include_proposed=include_proposed,
                procedural=procedural,
            ),
            topics(session, treaty),
        )
        for treaty in chosen_treaties(session, framework)
    ]
    return render(
        request,
        "coverage/draft.html",
        draft=draft,
        treaties=frameworks.list_frameworks(session=session),
        shown=shown,
        framework=framework,
        include_proposed=include_proposed,
        procedural=procedural,
        recommendations=shown[0].result.recommendations if shown else (),
    )
