"""The implementing acts laws require: proposals from the wording, review, links, the tracker."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import ActorDep, PageDep, SessionDep, check_if_match, etag_of, require
from api.routers.documents import _download
from drafts import obligations_tracking as tracking
from drafts import service
from drafts.db import utcnow
from drafts.obligations_report import Filters, chosen, per_law, rows
from drafts.obligations_tracking import Obligation, View
from drafts.permissions import OBLIGATION_MANAGE, READ
from drafts.tracking_schemas import (
    DraftLinked,
    Linked,
    ObligationCreate,
    ObligationList,
    ObligationOut,
    ObligationStatus,
    ObligationSummary,
    ObligationUpdate,
    ProposalsMade,
    ProvisionRef,
    Review,
)
from exports import obligations_out
from exports.versions import Exported
from frontend.i18n import reader_language, translations
from frontend.tracking_words import COLUMNS, TABLE_TITLE, status_words, summary_line

router = APIRouter(tags=["obligations"])
Reader = Depends(require(READ))
Manager = Depends(require(OBLIGATION_MANAGE))
DOCX = obligations_out.DOCX_MEDIA_TYPE


def obligation_etag(obligation: Obligation) -> str:
    return etag_of("obligation", obligation.id, obligation.lock_version)


def _linked(instrument) -> Linked:
    return Linked(id=instrument.id, title=instrument.short_title or instrument.title)


def obligation_out(view: View) -> ObligationOut:
    row = view.obligation
    return ObligationOut(
        id=row.id,
        instrument=_linked(view.instrument),
        provision=ProvisionRef(provision_id=row.provision_id, eid=view.eid, citation=view.citation),
        body=row.body,
        description=row.description,
        phrase=row.phrase,
        pattern=row.pattern,
        review=row.review,
        status=view.status,
        due_date=row.due_date,
        draft=DraftLinked(id=view.draft.id, title=view.draft.title, stage=view.draft.stage)
        if view.draft
        else None,
        adopted_instrument=_linked(view.adopted) if view.adopted else None,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _one(session, obligation: Obligation) -> ObligationOut:
    (view,) = tracking.views(session=session, today=utcnow().date(), ids=[obligation.id])
    return obligation_out(view)


@router.post("/instruments/{instrument_id}/obligations/proposals", status_code=201)
def propose_obligations(
    instrument_id: int, session: SessionDep, actor: ActorDep, _user=Manager
) -> ProposalsMade:
    """Read the law's newest version for the implementing acts it requires; each not proposed
    before becomes a proposal for people to confirm or reject."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    made = tracking.propose(session=session, instrument=instrument, actor=actor)
    if not made:
        return ProposalsMade(proposed=[])
    found = tracking.views(session=session, today=utcnow().date(), ids=[o.id for o in made])
    return ProposalsMade(proposed=[obligation_out(view) for view in found])


@router.post("/instruments/{instrument_id}/obligations", status_code=201)
def create_obligation(
    instrument_id: int,
    data: ObligationCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    _user=Manager,
) -> ObligationOut:
    """An obligation added by hand (confirmed from the start)."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    obligation = tracking.create(
        session=session, instrument=instrument, actor=actor, **data.model_dump()
    )
    response.headers["ETag"] = obligation_etag(obligation)
    response.headers["Location"] = f"/api/v1/obligations/{obligation.id}"
    return _one(session, obligation)


def _chosen(session, instrument_id, status, review, body) -> tuple[list[View], Filters]:
    if instrument_id is not None:
        service.get_instrument(session=session, instrument_id=instrument_id)
    every = tracking.views(session=session, today=utcnow().date(), instrument_id=instrument_id)
    return every, Filters(status=status, review=review, body=body)


@router.get("/obligations", dependencies=[Reader])
def list_obligations(
    session: SessionDep,
    page: PageDep,
    instrument_id: int | None = None,
    status: ObligationStatus | None = None,
    review: Review | None = None,
    body: str | None = Query(None, max_length=300, description="words of the body's name"),
) -> ObligationList:
    """The obligations of one law or of all, with the counts per law ("12 required — 5
    adopted, 4 in drafting, 3 overdue")."""
    every, filters = _chosen(session, instrument_id, status, review, body)
    matching = chosen(every, filters)
    shown = matching[page.offset : page.offset + page.per_page]
    return ObligationList(
        on=utcnow().date(),
        items=[obligation_out(view) for view in shown],
        total=len(matching),
        page=page.page,
        per_page=page.per_page,
        summaries=[
            ObligationSummary(instrument=_linked(first.instrument), **counts)
            for first, counts in per_law(every, filters)
        ],
    )


@router.get(
    "/obligations/export",
    dependencies=[Reader],
    responses={
        200: {"content": {obligations_out.CSV_MEDIA_TYPE: {}, obligations_out.DOCX_MEDIA_TYPE: {}}}
    },
)
def export_obligations(
    request: Request,
    session: SessionDep,
    format: Literal["csv", "docx"] = "docx",
    instrument_id: int | None = None,
    status: ObligationStatus | None = None,
    review: Review | None = None,
    body: str | None = Query(None, max_length=300),
) -> Response:
    """The tracker as a table for the working group, in the reader's language."""
    every, filters = _chosen(session, instrument_id, status, review, body)
    gettext = translations(reader_language(request)).gettext
    columns = [gettext(column) for column in COLUMNS]
    table = rows(chosen(every, filters), status_words(gettext))
    day = utcnow().date().isoformat()
    if format == "csv":
        content = obligations_out.to_csv(columns, table)
        return _download(
            Exported(content, obligations_out.CSV_MEDIA_TYPE, f"obligations-{day}.csv")
        )
    lines = [
        summary_line(gettext, first.instrument.short_title or first.instrument.title, counts)
        for first, counts in per_law(every, filters)
    ]
    content = obligations_out.to_docx(gettext(TABLE_TITLE), lines, columns, table)
    return _download(Exported(content, DOCX, f"obligations-{day}.docx"))


@router.get("/obligations/{obligation_id}", dependencies=[Reader])
def read_obligation(obligation_id: int, session: SessionDep, response: Response) -> ObligationOut:
    obligation = tracking.get(session=session, obligation_id=obligation_id)
    response.headers["ETag"] = obligation_etag(obligation)
    return _one(session, obligation)


@router.patch("/obligations/{obligation_id}")
def update_obligation(
    obligation_id: int,
    data: ObligationUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    _user=Manager,
) -> ObligationOut:
    """Confirm or reject a proposal, edit it, set its due date, link its draft package or the
    instrument that fulfils it (send `null` to unlink)."""
    obligation = tracking.get(session=session, obligation_id=obligation_id)
    check_if_match(request, obligation_etag(obligation))
    tracking.update(
        session=session,
        obligation=obligation,
        changes=data.model_dump(exclude_unset=True),
        actor=actor,
    )
    response.headers["ETag"] = obligation_etag(obligation)
    return _one(session, obligation)
