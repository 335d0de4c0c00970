"""Commencement per provision: record when provisions of a version come into force."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query, Response

from api.deps import ActorDep, PageDep, SessionDep, require, window
from drafts import commencement, service
from drafts.commencement import Commencement
from drafts.db import utcnow
from drafts.models import Version
from drafts.permissions import READ, VERSION_CREATE
from drafts.provision_refs import cited
from drafts.tracking_schemas import (
    CommencementCreate,
    CommencementList,
    CommencementOut,
    PendingProvision,
    ProvisionRef,
)

router = APIRouter(prefix="/instruments", tags=["commencement"])
Reader = Depends(require(READ))
PATH = "/{instrument_id}/versions/{number}/commencements"


def _out(version: Version, item: Commencement, ids: list[str], refs: dict) -> CommencementOut:
    return CommencementOut(
        id=item.id,
        version=version.number,
        commences_on=item.commences_on,
        by_instrument_id=item.by_instrument_id,
        by_title=item.by_title,
        note=item.note,
        created_at=item.created_at,
        whole_version=not ids,
        provisions=[ProvisionRef(provision_id=i, eid=refs[i][0], citation=refs[i][1]) for i in ids],
    )


@router.get(PATH, dependencies=[Reader])
def list_commencements(
    instrument_id: int,
    number: int,
    session: SessionDep,
    page: PageDep,
    on: date | None = Query(None, description="the day to tell what is pending on; today"),
) -> CommencementList:
    """The version's commencements, and its provisions not in force on a day."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    version = service.get_version(session=session, instrument=instrument, number=number)
    nodes = service.read_tree(session=session, version=version)
    refs = cited(instrument, nodes)
    day = on or utcnow().date()
    dates = commencement.dates_for(session=session, version=version, nodes=nodes)
    waiting = commencement.pending_heads(nodes, dates, day)
    recorded = commencement.list_commencements(session=session, version=version)
    return CommencementList(
        instrument_id=instrument.id,
        version=version.number,
        on=day,
        items=[_out(version, item, ids, refs) for item, ids in window(recorded, page)],
        total=len(recorded),
        page=page.page,
        per_page=page.per_page,
        pending=[
            PendingProvision(
                provision_id=pid, eid=refs[pid][0], citation=refs[pid][1], commences_on=dates[pid]
            )
            for pid in waiting
        ],
    )


@router.post(PATH, status_code=201)
def record_commencement(
    instrument_id: int,
    number: int,
    data: CommencementCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    _user=Depends(require(VERSION_CREATE)),
) -> CommencementOut:
    """Record that provisions of the version (none named: all of it) commence on a date, or on a
    date still to be set. Commencements are never edited: a later one decides instead."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    version = service.get_version(session=session, instrument=instrument, number=number)
    nodes = service.read_tree(session=session, version=version)
    item, ids = commencement.record(
        session=session,
        version=version,
        nodes=nodes,
        provisions=data.provisions,
        commences_on=data.commences_on,
        by_instrument_id=data.by_instrument_id,
        by_title=data.by_title,
        note=data.note,
        actor=actor,
    )
    response.headers["Location"] = (
        f"/api/v1/instruments/{instrument.id}/versions/{number}/commencements"
    )
    return _out(version, item, ids, cited(instrument, nodes))
