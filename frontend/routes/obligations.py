"""The tracker of implementing acts: per law and across laws, with filters, review and links."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep
from drafts import obligations_tracking as tracking
from drafts import service
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput
from drafts.models import Instrument
from drafts.obligations_report import Filters, chosen, per_law
from drafts.obligations_status import REVIEWS, STATUSES
from drafts.obligations_tracking import Obligation
from drafts.packages import service as packages
from drafts.permissions import OBLIGATION_MANAGE, READ
from drafts.users import User
from frontend.deps import page_require
from frontend.i18n import translate
from frontend.routes.drafts_forms import actor, is_stale
from frontend.templating import render
from frontend.tracking_words import STATUS_WORDS, summary_line
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
Manager = Annotated[User, Depends(page_require(OBLIGATION_MANAGE))]
Words = Annotated[str, Query(max_length=300)]
NOT_A_DATE = N_("“%(value)s” is not a date; use the form YYYY-MM-DD, e.g. 2024-01-31.")
STALE = N_("Someone changed this obligation since you opened the page; here is how it is now.")


def _filters(status: Words = "", review: Words = "", body: Words = "") -> Filters:
    """The tracker's filters as the reader typed them (a word it does not know is no filter)."""
    return Filters(
        status=status if status in STATUSES else None,
        review=review if review in REVIEWS else None,
        body=body.strip() or None,
    )


FiltersDep = Annotated[Filters, Depends(_filters)]


def _tracker(request: Request, session, instrument_id: int | None, filters: Filters):
    instrument = (
        service.get_instrument(session=session, instrument_id=instrument_id)
        if instrument_id is not None
        else None
    )
    body = filters.body or ""
    every = tracking.views(session=session, today=utcnow().date(), instrument_id=instrument_id)

    def gettext(message: str) -> str:
        return translate(request, message)

    query = {"status": filters.status or "", "review": filters.review or "", "body": body}
    if instrument_id is not None:
        query["instrument_id"] = str(instrument_id)
    return render(
        request,
        "obligations/tracker.html",
        instrument=instrument,
        lines=[
            (first.instrument, summary_line(gettext, _name(first.instrument), counts))
            for first, counts in per_law(every, filters)
        ],
        items=chosen(every, filters),
        filters=filters,
        body=body,
        statuses=STATUSES,
        reviews=REVIEWS,
        words=STATUS_WORDS,
        export=urlencode({k: v for k, v in query.items() if v}),
        drafts=packages.list_drafts(session=session, offset=0, limit=200)[0],
        instruments=service.instruments_by_title(session=session),
    )


def _name(instrument: Instrument) -> str:
    return instrument.short_title or instrument.title


@router.get("/obligations")
def tracker_page(request: Request, session: SessionDep, filters: FiltersDep) -> Response:
    """Every law's implementing acts, counted per law."""
    return _tracker(request, session, None, filters)


@router.get("/instruments/{instrument_id}/obligations")
def law_tracker_page(
    request: Request, instrument_id: int, session: SessionDep, filters: FiltersDep
) -> Response:
    """One law's implementing acts."""
    return _tracker(request, session, instrument_id, filters)


@router.post("/instruments/{instrument_id}/obligations/proposals")
def propose_page(
    request: Request, instrument_id: int, session: SessionDep, user: Manager
) -> Response:
    """Read the law for obligations and show the new proposals."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    tracking.propose(session=session, instrument=instrument, actor=actor(request, user))
    return RedirectResponse(f"/instruments/{instrument_id}/obligations?review=proposed", 303)


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


@router.post("/obligations/{obligation_id}")
def change_page(
    request: Request,
    obligation_id: int,
    session: SessionDep,
    user: Manager,
    lock_version: Annotated[str, Form()] = "",
    review: Annotated[Literal["", "confirmed", "rejected"], Form()] = "",
    due_date: Annotated[str, Form(max_length=10)] = "",
    draft_id: Annotated[str, Form(max_length=12)] = "",
    adopted_instrument_id: Annotated[str, Form(max_length=12)] = "",
    links: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    """Confirm or reject a proposal, or set its due date and links."""
    obligation: Obligation = tracking.get(session=session, obligation_id=obligation_id)
    if is_stale(lock_version, obligation.lock_version):
        raise Conflict(translate(request, STALE))
    changes: dict = {"review": review} if review else {}
    if links:
        try:
            changes["due_date"] = _date(due_date)
        except ValueError as wrong:
            raise InvalidInput(translate(request, NOT_A_DATE) % {"value": due_date}) from wrong
        changes["draft_id"] = int(draft_id) if draft_id.isdigit() else None
        adopted = adopted_instrument_id
        changes["adopted_instrument_id"] = int(adopted) if adopted.isdigit() else None
    tracking.update(
        session=session, obligation=obligation, changes=changes, actor=actor(request, user)
    )
    return RedirectResponse(
        f"/instruments/{obligation.instrument_id}/obligations#obligation-{obligation.id}", 303
    )
