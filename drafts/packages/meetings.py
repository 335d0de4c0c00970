"""Meetings of a draft's working group or committee, and the decisions taken there."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import access, audit
from drafts.errors import NotFound
from drafts.packages.models import Amendment, Draft, Meeting, StageMove
from drafts.packages.schemas import MeetingCreate, MeetingUpdate
from drafts.tree import normalize_text
from drafts.users import User


def get_meeting(*, session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"There is no meeting with id {meeting_id}.")
    return meeting


def list_meetings(*, session: Session, draft: Draft) -> list[Meeting]:
    return list(
        session.scalars(
            select(Meeting).where(Meeting.draft_id == draft.id).order_by(Meeting.held_on)
        )
    )


def _clean(fields: dict) -> dict:
    return {
        name: [normalize_text(a) for a in value]
        if name == "attendees"
        else (normalize_text(value) if isinstance(value, str) else value)
        for name, value in fields.items()
    }


def create(
    *, session: Session, draft: Draft, data: MeetingCreate, user: User, actor: audit.Actor
) -> Meeting:
    access.on_draft(session, user, draft).manage_meetings().check()
    meeting = Meeting(draft_id=draft.id, created_by=user.id, **_clean(data.model_dump()))
    session.add(meeting)
    session.flush()
    audit.record(session, actor, "meeting.create", "meeting", meeting.id, draft_id=draft.id)
    return meeting


def update(
    *, session: Session, meeting: Meeting, data: MeetingUpdate, user: User, actor: audit.Actor
) -> Meeting:
    draft = session.get(Draft, meeting.draft_id)
    access.on_draft(session, user, draft).manage_meetings().check()
    changes = _clean(data.model_dump(exclude_unset=True, exclude_none=True))
    for name, value in changes.items():
        setattr(meeting, name, value)
    session.flush()
    audit.record(
        session,
        actor,
        "meeting.update",
        "meeting",
        meeting.id,
        draft_id=meeting.draft_id,
        fields=sorted(changes),
    )
    return meeting


@dataclass(frozen=True, slots=True)
class Decisions:
    """What a meeting decided: amendments accepted or rejected, and stage moves."""

    amendments: list[Amendment]
    stage_moves: list[StageMove]


def decisions(*, session: Session, meeting: Meeting) -> Decisions:
    return Decisions(
        amendments=list(
            session.scalars(
                select(Amendment).where(Amendment.meeting_id == meeting.id).order_by(Amendment.id)
            )
        ),
        stage_moves=list(
            session.scalars(
                select(StageMove).where(StageMove.meeting_id == meeting.id).order_by(StageMove.id)
            )
        ),
    )
