"""Instrument pages: the list, one instrument's text at a version or a date (whole, or by its
contents for a long law, each part with its own address), and a provision's history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.deps import SessionDep
from drafts import commencement, linked, service, standing
from drafts.db import utcnow
from drafts.errors import NotFound
from drafts.models import INSTRUMENT_KINDS, Instrument, Version
from drafts.packages import comments
from drafts.permissions import READ
from drafts.tree import Node
from frontend import lawtext, outline
from frontend.deps import PageUser, page_require
from frontend.forms import optional_number
from frontend.i18n import translate
from frontend.routes.links import links_by_provision, show_provision
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
NUMBER = optional_number(1)
NOT_A_DATE = N_("“%(value)s” is not a date; use the form YYYY-MM-DD, e.g. 2024-01-31.")
BEFORE_FIRST = N_(
    "%(title)s was not yet in force on %(day)s: its first version took effect on %(first)s."
)
NEVER = N_("No version of %(title)s has been in force yet, so there is no text for %(day)s.")
REPEALED = N_(
    "%(title)s was repealed with effect from %(since)s; there is no text in force on %(day)s."
)


def today() -> date:
    return utcnow().date()


@router.get("/instruments")
def instrument_list(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    kind: Annotated[str, Query(max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> object:
    per_page = 50
    chosen = kind if kind in INSTRUMENT_KINDS else ""
    items, total = service.list_instruments(
        session=session,
        offset=(page - 1) * per_page,
        limit=per_page,
        kind=chosen or None,
        q=q or None,
    )
    shown = {}
    for item in items:
        versions, _ = service.list_versions(session=session, instrument=item, offset=0, limit=500)
        marks = standing.standings(versions, today())
        current = next((v for v in versions if marks[v.number].current), None)
        pick = current or (versions[-1] if versions else None)
        shown[item.id] = (pick, marks[pick.number]) if pick else None
    return render(
        request,
        "instruments/list.html",
        items=items,
        shown=shown,
        total=total,
        page=page,
        pages=max(1, -(-total // per_page)),
        q=q,
        kind=chosen,
        kinds=INSTRUMENT_KINDS,
    )


def _day(request: Request, at: str) -> tuple[date | None, str]:
    """The date typed in the as-at field, or a sentence saying why it is not one."""
    try:
        return date.fromisoformat(at.strip()), ""
    except ValueError:
        return None, translate(request, NOT_A_DATE) % {"value": at}


def _as_at(
    request: Request, session: Session, instrument: Instrument, versions: list[Version], day: date
) -> tuple[Version | None, str]:
    """The version in force on `day`, or a sentence explaining why there is none."""
    try:
        return service.version_as_at(session=session, instrument=instrument, at=day), ""
    except NotFound:
        pass
    first = standing.first_effective(versions)
    said = {"title": instrument.short_title or instrument.title, "day": day.isoformat()}
    if first is None:
        return None, translate(request, NEVER) % said
    if day < first.effective_date:
        return None, translate(request, BEFORE_FIRST) % {**said, "first": first.effective_date}
    repeals = [v.effective_date for v in versions if v.status == "repealed"]
    since = max((d for d in repeals if d and d <= day), default=first.effective_date)
    return None, translate(request, REPEALED) % {**said, "since": since}


def _choose(
    request: Request,
    session: Session,
    instrument: Instrument,
    versions: list[Version],
    number: int | None,
    at: str,
) -> tuple[Version | None, date | None, str, int]:
    """(the version to show, the as-at day, a sentence when there is none, the status)."""
    if at.strip():
        day, error = _day(request, at)
        if day is None:
            return None, None, error, 422
        chosen, error = _as_at(request, session, instrument, versions, day)
        return chosen, day, error, 404 if error else 200
    if number is not None:
        chosen = service.get_version(session=session, instrument=instrument, number=number)
        return chosen, None, "", 200
    marks = standing.standings(versions, today())
    current = next((v for v in versions if marks[v.number].current), None)
    return current or (versions[-1] if versions else None), None, "", 200


@router.get("/instruments/{instrument_id}")
def instrument_page(
    request: Request,
    instrument_id: int,
    session: SessionDep,
    version: NUMBER = None,
    at: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    """The text in force today (or of a version, or in force on a date), with its standing.
    The law's own text of a version is rendered once and kept (`frontend.lawtext`)."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    versions, _ = service.list_versions(session=session, instrument=instrument, offset=0, limit=500)
    chosen, day, error, status = _choose(request, session, instrument, versions, version, at)

    @cache
    def tree() -> tuple[Node, ...]:
        nodes = service.read_tree(session=session, version=chosen) if chosen else ()
        if chosen is not None and day is not None:
            nodes = commencement.in_force_on(session=session, version=chosen, nodes=nodes, at=day)
        return nodes

    lang = request.state.lang
    text = lawtext.law_text(lang, instrument, chosen, tree, keep=chosen is not None and not day)
    context = _standing_context(versions, chosen, day)
    if text.long:
        context |= {"parts": outline.outline(tree()), "rows": [], "notes": {}, "links": {}}
        context["commencing"] = {}
    else:
        context |= _text_context(session, instrument, chosen, tree, text.rows)
    return render(
        request,
        "instruments/page.html",
        status_code=status,
        instrument=instrument,
        versions=versions,
        chosen=chosen,
        at=at,
        error=error,
        long=text.long,
        toc=text.toc,
        language_versions=linked.members(session=session, instrument=instrument),
        **context,
    )


def _standing_context(versions: list[Version], chosen: Version | None, day: date | None) -> dict:
    """The badges of every version today, and what the banner says of the one shown."""
    marks = standing.standings(versions, today())
    current = next((v for v in versions if marks[v.number].current), None)
    newer = [
        v
        for v in versions
        if chosen is not None
        and v.number > chosen.number
        and marks[v.number].state in (standing.NOT_YET_IN_FORCE, standing.DRAFT)
    ]
    return {
        "marks": marks,
        "mark": marks[chosen.number] if chosen else None,
        "current": current,
        "day": day,
        "historical": chosen is not None and (current is None or chosen.number != current.number),
        "newer": newer if chosen is not None and chosen is current else [],
    }


def _text_context(
    session: Session,
    instrument: Instrument,
    version: Version | None,
    nodes: Callable[[], tuple[Node, ...]],
    rows: list[tuple[Node | lawtext.Row, int]],
) -> dict:
    """The rows of a text with the comments and treaty links on its provisions."""
    ids = [row.provision_id for row, _ in rows]
    return {
        "commencing": _commencing(session, version, nodes),
        "rows": rows,
        "notes": comments.comments_on(session=session, provision_ids=ids),
        "links": links_by_provision(session, instrument, version) if version else {},
    }


def _commencing(
    session: Session, version: Version | None, nodes: Callable[[], tuple[Node, ...]]
) -> dict:
    """Provision id → its commencement date (None: to be set), for the provisions shown that
    are not in force today (the tree is read only for a version that may have some)."""
    if version is None or not commencement.worth_marking(session=session, version=version):
        return {}
    shown = nodes()
    dates = commencement.dates_for(session=session, version=version, nodes=shown)
    return {pid: dates[pid] for pid in commencement.pending(shown, dates, today())}


@router.get("/instruments/{instrument_id}/parts/{eid}")
def part_page(
    request: Request,
    instrument_id: int,
    eid: str,
    session: SessionDep,
    version: NUMBER = None,
) -> Response:
    """One part of a long law: the fragment the contents opens, or a page of its own."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    versions, _ = service.list_versions(session=session, instrument=instrument, offset=0, limit=500)
    chosen, _day, _error, _status = _choose(request, session, instrument, versions, version, "")
    nodes = service.read_tree(session=session, version=chosen) if chosen else ()
    node = outline.find(nodes, eid)
    if node is None or chosen is None:
        raise NotFound(translate(request, "This law has no part %(eid)s.") % {"eid": eid})
    fragment = request.headers.get("hx-request") == "true"
    return render(
        request,
        "instruments/_part.html" if fragment else "instruments/part.html",
        instrument=instrument,
        chosen=chosen,
        node=node,
        trail=outline.trail(nodes, eid),
        **_text_context(session, instrument, chosen, lambda: (node,), outline.flatten((node,))),
        **_standing_context(versions, chosen, None),
    )


@router.get("/instruments/{instrument_id}/provisions/{provision_id}")
def provision_page(
    request: Request, instrument_id: int, provision_id: str, session: SessionDep, user: PageUser
) -> object:
    """How one provision changed, version by version, and the treaty links it has."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    return show_provision(request, session, user, instrument, provision_id)
