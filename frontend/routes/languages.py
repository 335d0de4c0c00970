"""The bilingual page: two language versions of an instrument side by side, provision by
provision, with the provisions whose translation is out of date or missing flagged."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from api.deps import SessionDep
from drafts import linked, service
from drafts.permissions import READ
from frontend.deps import page_require
from frontend.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])


@router.get("/instruments/{instrument_id}/languages/{other_id}")
def bilingual_page(
    request: Request, instrument_id: int, other_id: int, session: SessionDep
) -> Response:
    left = service.get_instrument(session=session, instrument_id=instrument_id)
    right = service.get_instrument(session=session, instrument_id=other_id)
    pairs = linked.pairs(session=session, left=left, right=right)
    authority = {
        m.instrument.id: m.authority for m in linked.members(session=session, instrument=left)
    }
    return render(
        request,
        "instruments/bilingual.html",
        left=left,
        right=right,
        authority=authority,
        pairs=pairs,
        flagged=sum(1 for pair in pairs if pair.flagged),
    )
