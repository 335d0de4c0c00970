"""Treaty links as the pages show them: the badges of the instrument page, and the page of one
provision with its history, comments and links (the link forms are in `link_forms`, the
suggested articles in `suggested`)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from alignment import recheck
from alignment import service as alignments
from alignment.models import Alignment
from drafts import history, service, worddiff
from drafts.errors import NotFound
from drafts.models import Instrument, Version
from drafts.packages import comments
from drafts.permissions import ALIGNMENT_EDIT, ALIGNMENT_REVIEW, allows
from drafts.users import User, names
from frameworks import service as frameworks
from frameworks.models import RecommendationSet
from frontend.templating import render

ALL = 10_000


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link as the pages show it: what it points at, where that is read, and its check."""

    alignment: Alignment
    target: str
    title: str
    href: str
    check: recheck.Check


def link_views(
    session: Session, items: list[Alignment], version: Version | None = None
) -> list[LinkView]:
    """Links with their targets named, each checked against `version` or the latest."""
    checks = recheck.check(session=session, alignments=items, version=version)
    views = []
    for item in items:
        if item.article is not None:
            code, number = item.article.framework.code, item.article.number
            target, title = f"{code} {number}", item.article.title or item.article.topic
            href = f"/treaties/{code}/{number}"
        else:
            code = session.get(RecommendationSet, item.recommendation.set_id).code
            number = item.recommendation.number
            target, title = f"{code} {number}", item.recommendation.text
            href = f"/treaties/recommendations/{code}?number={quote(number)}"
        views.append(LinkView(item, target, title, href, checks[item.id]))
    return views


def links_by_provision(
    session: Session, instrument: Instrument, version: Version | None
) -> dict[str, list[LinkView]]:
    """The suggested and confirmed links of an instrument's provisions, by provision id."""
    items, _ = alignments.list_alignments(
        session=session, offset=0, limit=ALL, instrument_id=instrument.id
    )
    found: dict[str, list[LinkView]] = {}
    shown = [item for item in items if item.status != "rejected"]
    for view in link_views(session, shown, version):
        found.setdefault(view.alignment.provision_id, []).append(view)
    return found


def _wording(steps: list[history.Step]) -> history.Step | None:
    """The provision's last wording (its step in the newest version that holds it)."""
    return next((step for step in reversed(steps) if step.change != "removed"), None)


def provision_context(
    session: Session, instrument: Instrument, provision_id: str, user: User | None
) -> dict:
    """What the provision page and its suggestions show: its history, links and rights."""
    steps = history.provision_history(
        session=session, instrument=instrument, provision_id=provision_id
    )
    items, _ = alignments.list_alignments(
        session=session, offset=0, limit=ALL, provision_id=provision_id
    )
    role = user.role if user else None
    return {
        "instrument": instrument,
        "provision_id": provision_id,
        "steps": steps,
        "current": _wording(steps),
        "links": link_views(session, items),
        "authors": names(session, (item.author_id for item in items)),
        "can": {"edit": allows(role, ALIGNMENT_EDIT), "review": allows(role, ALIGNMENT_REVIEW)},
        "INSERT": worddiff.INSERT,
        "DELETE": worddiff.DELETE,
    }


def choices(session: Session) -> dict:
    """The treaties and recommendation sets a new link may point at."""
    return {
        "treaties": [framework for framework, _ in frameworks.list_frameworks(session=session)],
        "sets": [item for item, _ in frameworks.list_recommendation_sets(session=session)],
    }


def show_provision(
    request: Request,
    session: Session,
    user: User | None,
    instrument: Instrument,
    provision_id: str,
    *,
    failed: str = "",
    error: str = "",
    typed: dict | None = None,
    status: int = 200,
) -> Response:
    """The provision page: its history, comments and treaty links, with the link forms."""
    return render(
        request,
        "instruments/provision.html",
        status_code=status,
        notes=comments.comments_on(session=session, provision_ids=[provision_id]),
        failed=failed,
        error=error,
        typed=typed or {},
        **provision_context(session, instrument, provision_id, user),
        **choices(session),
    )


def provision_of(session: Session, instrument_id: int, provision_id: str) -> Instrument:
    """The instrument of an address's provision; 404 when the provision is not one of its."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    provision = alignments.get_provision(session=session, provision_id=provision_id)
    if provision.instrument_id != instrument.id:
        raise NotFound(f"{instrument.title} has no provision {provision_id}.")
    return instrument
