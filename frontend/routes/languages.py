"""The bilingual page: two language versions of an instrument side by side, provision by
provision, with the provisions whose translation is out of date or missing flagged, and for
those who may change laws a button that records that a flagged provision matches again."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep
from drafts import linked, service
from drafts.permissions import INSTRUMENT_WRITE, READ, allows
from drafts.users import User
from frontend.deps import PageUser, page_require
from frontend.routes.drafts_forms import actor
from frontend.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
Writer = Annotated[User, Depends(page_require(INSTRUMENT_WRITE))]


@router.get("/instruments/{instrument_id}/languages/{other_id}")
def bilingual_page(
    request: Request, instrument_id: int, other_id: int, session: SessionDep, user: PageUser
) -> Response:
    left = service.get_instrument(session=session, instrument_id=instrument_id)
    right = service.get_instrument(session=session, instrument_id=other_id)
    pairs = linked.pairs(session=session, left=left, right=right)
    members = linked.members(session=session, instrument=left)
    return render(
        request,
        "instruments/bilingual.html",
        left=left,
        right=right,
        authority={m.instrument.id: m.authority for m in members},
        pairs=pairs,
        flagged=sum(1 for pair in pairs if pair.flagged),
        can_confirm=bool(user and allows(user.role, INSTRUMENT_WRITE)),
    )


@router.post("/instruments/{instrument_id}/languages/{other_id}/confirm")
def confirm_match(
    request: Request,
    instrument_id: int,
    other_id: int,
    session: SessionDep,
    user: Writer,
    key: Annotated[str, Form(max_length=36)],
) -> Response:
    """Record that a flagged provision's texts match again, and show the page once more."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    linked.confirm(session=session, instrument=instrument, key=key, actor=actor(request, user))
    page = f"/instruments/{instrument_id}/languages/{other_id}"
    return RedirectResponse(f"{page}#bilingual-summary", status_code=303)
