"""Meetings of a draft, and the decisions recorded against them (for the minutes)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

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
from api.routers.amendments import amendment_out
from drafts.packages import meetings
from drafts.packages import service as drafts
from drafts.packages.models import Meeting
from drafts.packages.schemas import (
    MeetingCreate,
    MeetingDecisionsOut,
    MeetingOut,
    MeetingUpdate,
    StageMoveOut,
)
from drafts.permissions import MEETING_MANAGE, READ
from drafts.users import User

router = APIRouter(tags=["meetings"])
Reader = Depends(require(READ))


def meeting_etag(meeting: Meeting) -> str:
    return etag_of("meeting", meeting.id, meeting.lock_version)


@router.get("/drafts/{draft_id}/meetings", dependencies=[Reader])
def list_meetings(draft_id: int, session: SessionDep, page: PageDep) -> Paged[MeetingOut]:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    found = meetings.list_meetings(session=session, draft=draft)
    return paged([MeetingOut.model_validate(m) for m in window(found, page)], len(found), page)


@router.post("/drafts/{draft_id}/meetings", status_code=201)
def create_meeting(
    draft_id: int,
    data: MeetingCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(MEETING_MANAGE)),
) -> MeetingOut:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    meeting = meetings.create(session=session, draft=draft, data=data, user=user, actor=actor)
    response.headers["ETag"] = meeting_etag(meeting)
    response.headers["Location"] = f"/api/v1/meetings/{meeting.id}"
    return MeetingOut.model_validate(meeting)


@router.get("/meetings/{meeting_id}", dependencies=[Reader])
def read_meeting(meeting_id: int, session: SessionDep, response: Response) -> MeetingDecisionsOut:
    """The meeting with the decisions taken there."""
    meeting = meetings.get_meeting(session=session, meeting_id=meeting_id)
    decided = meetings.decisions(session=session, meeting=meeting)
    response.headers["ETag"] = meeting_etag(meeting)
    return MeetingDecisionsOut(
        **MeetingOut.model_validate(meeting).model_dump(),
        amendment_decisions=[amendment_out(session, a) for a in decided.amendments],
        stage_moves=[
            StageMoveOut(from_stage=m.from_stage, to=m.to_stage, at=m.at, note=m.note)
            for m in decided.stage_moves
        ],
    )


@router.patch("/meetings/{meeting_id}")
def update_meeting(
    meeting_id: int,
    data: MeetingUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(MEETING_MANAGE)),
) -> MeetingOut:
    meeting = meetings.get_meeting(session=session, meeting_id=meeting_id)
    check_if_match(request, meeting_etag(meeting))
    meetings.update(session=session, meeting=meeting, data=data, user=user, actor=actor)
    session.flush()
    response.headers["ETag"] = meeting_etag(meeting)
    return MeetingOut.model_validate(meeting)
