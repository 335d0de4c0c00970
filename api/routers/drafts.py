"""Draft packages: create, read, edit, targets, stages, conflicts, consolidation, activity."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from alignment import service as alignments
from api.deps import (
    ActorDep,
    Paged,
    PageDep,
    SessionDep,
    check_if_match,
    etag_of,
    paged,
    require,
    window,
)
from drafts import service
from drafts.models import Instrument, Version
from drafts.packages import amendments, consolidation
from drafts.packages import service as drafts
from drafts.packages.models import Draft
from drafts.packages.schemas import (
    ActivityOut,
    ConflictOut,
    ConsolidateIn,
    ConsolidationOut,
    DraftCreate,
    DraftOut,
    DraftTargetOut,
    DraftUpdate,
    DriftOut,
    InstrumentDraftsOut,
    NewInstrumentIn,
    PendingChange,
    Stage,
    StageMoveIn,
    TargetIn,
    TimelineMoveOut,
    VersionMade,
)
from drafts.packages.stages import allowed_moves
from drafts.permissions import CONSOLIDATE, DRAFT_CREATE, DRAFT_MANAGE, READ
from drafts.users import User, names

router = APIRouter(tags=["drafts"])
Reader = Depends(require(READ))


def draft_etag(draft: Draft) -> str:
    return etag_of("draft", draft.id, draft.lock_version)


def draft_out(session, draft: Draft) -> DraftOut:
    owner = session.get(User, draft.owner_id)
    targets = []
    for target in drafts.targets(session=session, draft=draft):
        instrument = session.get(Instrument, target.instrument_id)
        base = session.get(Version, target.base_version_id)
        result = (
            session.get(Version, target.result_version_id) if target.result_version_id else None
        )
        targets.append(
            DraftTargetOut(
                instrument_id=instrument.id,
                title=instrument.title,
                base_version=base.number,
                result_version=result.number if result else None,
                creates_instrument=target.creates_instrument,
            )
        )
    return DraftOut(
        id=draft.id,
        title=draft.title,
        description=draft.description,
        owner_id=draft.owner_id,
        owner=owner.name,
        members=drafts.member_ids(session=session, draft=draft),
        stage=draft.stage,
        stage_since=draft.stage_since,
        days_in_stage=drafts.days_in_stage(draft),
        allowed_moves=allowed_moves(draft.stage),
        consolidated_at=draft.consolidated_at,
        targets=targets,
        created_at=draft.created_at,
        updated_at=draft.updated_at,
    )


def _to_change(session, request: Request, draft_id: int) -> Draft:
    """The draft, once the request's If-Match names its current state."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    check_if_match(request, draft_etag(draft))
    return draft


def _changed(session, draft: Draft, response: Response) -> DraftOut:
    """The draft as it is after a change, with its new ETag."""
    session.flush()
    response.headers["ETag"] = draft_etag(draft)
    return draft_out(session, draft)


def _read(session, draft_id: int, response: Response) -> Draft:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    response.headers["ETag"] = draft_etag(draft)
    return draft


@router.get("/drafts", dependencies=[Reader])
def list_drafts(session: SessionDep, page: PageDep, stage: Stage | None = None) -> Paged[DraftOut]:
    """Drafts, newest first, with the days each has spent in its stage."""
    items, total = drafts.list_drafts(
        session=session, offset=page.offset, limit=page.per_page, stage=stage
    )
    return paged([draft_out(session, d) for d in items], total, page)


@router.post("/drafts", status_code=201)
def create_draft(
    data: DraftCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(DRAFT_CREATE)),
) -> DraftOut:
    draft = drafts.create_draft(session=session, data=data, user=user, actor=actor)
    response.headers["ETag"] = draft_etag(draft)
    response.headers["Location"] = f"/api/v1/drafts/{draft.id}"
    return draft_out(session, draft)


@router.get("/drafts/{draft_id}", dependencies=[Reader])
def read_draft(draft_id: int, session: SessionDep, response: Response) -> DraftOut:
    return draft_out(session, _read(session, draft_id, response))


@router.patch("/drafts/{draft_id}")
def update_draft(
    draft_id: int,
    data: DraftUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(DRAFT_MANAGE)),
) -> DraftOut:
    draft = _to_change(session, request, draft_id)
    drafts.update_draft(session=session, draft=draft, data=data, user=user, actor=actor)
    return _changed(session, draft, response)


@router.post("/drafts/{draft_id}/targets", status_code=201)
def add_target(
    draft_id: int,
    data: TargetIn,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(DRAFT_MANAGE)),
) -> DraftOut:
    """Add an instrument the draft amends (from its latest version unless one is named)."""
    draft = _to_change(session, request, draft_id)
    drafts.add_target(session=session, draft=draft, data=data, user=user, actor=actor)
    return _changed(session, draft, response)


@router.post("/drafts/{draft_id}/instruments", status_code=201)
def create_instrument(
    draft_id: int,
    data: NewInstrumentIn,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(DRAFT_MANAGE)),
) -> DraftOut:
    """Draft a new instrument (a regulation from scratch) inside the package."""
    draft = _to_change(session, request, draft_id)
    drafts.create_instrument(session=session, draft=draft, data=data, user=user, actor=actor)
    return _changed(session, draft, response)


@router.post("/drafts/{draft_id}/stage")
def move_stage(
    draft_id: int,
    data: StageMoveIn,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(READ)),
) -> DraftOut:
    """Move the draft to another stage; who may make which move is in one table."""
    draft = _to_change(session, request, draft_id)
    drafts.move_stage(
        session=session,
        draft=draft,
        to=data.to,
        user=user,
        actor=actor,
        note=data.note,
        meeting_id=data.meeting_id,
    )
    return _changed(session, draft, response)


@router.get("/drafts/{draft_id}/timeline", dependencies=[Reader])
def timeline(draft_id: int, session: SessionDep, page: PageDep) -> Paged[TimelineMoveOut]:
    """The draft's stage moves, oldest first."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    moves = drafts.timeline(session=session, draft=draft)
    shown = window(moves, page)
    by = names(session, (move.user_id for move in shown))
    items = [
        TimelineMoveOut(
            from_stage=move.from_stage,
            to=move.to_stage,
            at=move.at,
            by=by[move.user_id],
            note=move.note,
            meeting_id=move.meeting_id,
        )
        for move in shown
    ]
    return paged(items, len(moves), page)


@router.get("/drafts/{draft_id}/conflicts", dependencies=[Reader])
def conflicts(draft_id: int, session: SessionDep, page: PageDep) -> Paged[ConflictOut]:
    """Pairs of amendments (neither rejected nor withdrawn) that clash, with both sides."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    found = [
        ConflictOut(
            instrument_id=group.target.instrument_id,
            amendments=(int(conflict.first), int(conflict.second)),
            provision_id=conflict.provision_id,
            reason=conflict.reason,
            message=conflict.message,
        )
        for group in amendments.draft_conflicts(session=session, draft=draft)
        for conflict in group.conflicts
    ]
    return paged(window(found, page), len(found), page)


@router.get("/drafts/{draft_id}/drift", dependencies=[Reader])
def drift(draft_id: int, session: SessionDep, page: PageDep) -> Paged[DriftOut]:
    """What changed in each target instrument since the version the draft amends."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    found = consolidation.drift(session=session, draft=draft)
    items = [
        DriftOut.model_validate(
            {
                "instrument_id": d.instrument.id,
                "base_version": d.base.number,
                "latest_version": d.latest.number,
                "summary": d.changes.summary(),
                "diff": d.changes.to_dict(),
            }
        )
        for d in window(found, page)
    ]
    return paged(items, len(found), page)


@router.post("/drafts/{draft_id}/consolidate", status_code=201)
def consolidate(
    draft_id: int,
    data: ConsolidateIn,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(CONSOLIDATE)),
) -> ConsolidationOut:
    """Apply the accepted amendments: one new version per target instrument."""
    draft = _to_change(session, request, draft_id)
    versions = consolidation.consolidate(
        session=session, draft=draft, data=data, user=user, actor=actor
    )
    alignments.links_from_amendments(session=session, draft=draft, versions=versions, actor=actor)
    return ConsolidationOut(
        draft=_changed(session, draft, response),
        versions=[VersionMade(instrument_id=v.instrument_id, number=v.number) for v in versions],
    )


@router.get("/drafts/{draft_id}/activity", dependencies=[Reader])
def draft_activity(draft_id: int, session: SessionDep, page: PageDep) -> Paged[ActivityOut]:
    drafts.get_draft(session=session, draft_id=draft_id)
    return _activity(session, page, draft_id)


@router.get("/activity", dependencies=[Reader])
def activity(session: SessionDep, page: PageDep) -> Paged[ActivityOut]:
    """Recent changes across all drafts, newest first."""
    return _activity(session, page, None)


def _activity(session, page, draft_id: int | None) -> dict:
    rows, total = drafts.activity(
        session=session, offset=page.offset, limit=page.per_page, draft_id=draft_id
    )
    by = names(session, (row.user_id for row in rows))
    items = [
        {
            "at": row.at,
            "draft_id": row.draft_id,
            "action": row.action,
            "target_type": row.target_type,
            "target_id": row.target_id,
            "by": by.get(row.user_id),
        }
        for row in rows
    ]
    return paged(items, total, page)


@router.get("/instruments/{instrument_id}/drafts", dependencies=[Reader])
def instrument_drafts(instrument_id: int, session: SessionDep) -> InstrumentDraftsOut:
    """The drafts that target an instrument, and its accepted changes not yet applied."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    return InstrumentDraftsOut(
        drafts=[
            draft_out(session, d)
            for d in drafts.drafts_for_instrument(session=session, instrument=instrument)
        ],
        changes_not_yet_applied=[
            PendingChange(amendment_id=a.id, draft_id=a.draft_id, kind=a.kind)
            for a in drafts.pending_amendments(session=session, instrument=instrument)
        ],
    )
