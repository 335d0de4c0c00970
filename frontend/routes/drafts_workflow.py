"""Forms that move a draft along: stage moves, meetings and consolidation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from alignment import service as alignments
from api.deps import SessionDep
from drafts.errors import KanunError, PermissionDenied
from drafts.packages import consolidation, meetings
from drafts.packages import service as drafts
from drafts.packages.schemas import ConsolidateIn, MeetingCreate, StageMoveIn
from drafts.permissions import CONSOLIDATE, MEETING_MANAGE, READ
from drafts.users import User
from frontend.deps import page_require
from frontend.routes.drafts_forms import actor, optional_int, sentence
from frontend.routes.drafts_view import show_draft
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
LABELS = {
    "to": N_("Stage"),
    "note": N_("Note"),
    "meeting_id": N_("Meeting"),
    "title": N_("Title"),
    "held_on": N_("Date"),
    "location": N_("Place"),
    "attendees": N_("Attendees"),
    "notes": N_("Notes"),
    "status": N_("Status"),
    "effective_date": N_("In force from"),
    "label": N_("Label"),
}


def _failed(request, session, user, draft, form: str, error, typed: dict) -> Response:
    """The draft page again, with the sentence and what was typed in the form that failed."""
    session.rollback()
    if isinstance(error, PermissionDenied):
        raise error
    if isinstance(error, ValidationError):
        detail, status = sentence(request, error, LABELS), 422
    else:
        detail, status = error.detail, error.status
    return show_draft(
        request, session, user, draft, failed=form, error=detail, typed=typed, status=status
    )


@router.post("/drafts/{draft_id}/stage")
def move_stage(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(READ))],
    to: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    meeting_id: Annotated[str, Form()] = "",
) -> Response:
    """Move the draft; the stage table decides who may make which move."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    typed = {"note": note, "meeting_id": optional_int(meeting_id)}
    try:
        data = StageMoveIn(to=to, note=note, meeting_id=typed["meeting_id"])
        drafts.move_stage(
            session=session,
            draft=draft,
            to=data.to,
            user=user,
            actor=actor(request, user),
            note=data.note,
            meeting_id=data.meeting_id,
        )
    except (ValidationError, KanunError) as error:
        return _failed(request, session, user, draft, "stage", error, typed)
    return RedirectResponse(f"/drafts/{draft.id}#stage", status_code=303)


@router.post("/drafts/{draft_id}/meetings")
def create_meeting(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(MEETING_MANAGE))],
    title: Annotated[str, Form()] = "",
    held_on: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
    attendees: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    """A meeting of the draft; attendees one per line."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    typed = {
        "title": title,
        "held_on": held_on,
        "location": location,
        "attendees": attendees,
        "notes": notes,
    }
    try:
        data = MeetingCreate(
            title=title,
            held_on=held_on,
            location=location,
            attendees=[line.strip() for line in attendees.splitlines() if line.strip()],
            notes=notes,
        )
        meetings.create(
            session=session, draft=draft, data=data, user=user, actor=actor(request, user)
        )
    except (ValidationError, KanunError) as error:
        return _failed(request, session, user, draft, "meeting", error, typed)
    return RedirectResponse(f"/drafts/{draft.id}#meetings", status_code=303)


@router.post("/drafts/{draft_id}/consolidate")
def consolidate(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(CONSOLIDATE))],
    status: Annotated[str, Form()] = "",
    effective_date: Annotated[str, Form()] = "",
    label: Annotated[str, Form()] = "",
    rebase: Annotated[str, Form()] = "",
) -> Response:
    """Apply the accepted amendments as new versions of the target instruments."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    typed = {
        "status": status,
        "effective_date": effective_date,
        "label": label,
        "rebase": bool(rebase),
    }
    try:
        data = ConsolidateIn(
            status=status or None,
            effective_date=effective_date or None,
            label=label,
            rebase=bool(rebase),
        )
        who = actor(request, user)
        versions = consolidation.consolidate(
            session=session, draft=draft, data=data, user=user, actor=who
        )
        alignments.links_from_amendments(session=session, draft=draft, versions=versions, actor=who)
    except (ValidationError, KanunError) as error:
        return _failed(request, session, user, draft, "consolidate", error, typed)
    return RedirectResponse(f"/drafts/{draft.id}#consolidation", status_code=303)
