"""Draft pages: the list, opening a draft, one draft's page and editing its title and members."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from api.auth import service as auth
from api.deps import SessionDep
from drafts import service
from drafts.errors import KanunError, PermissionDenied
from drafts.packages import service as drafts
from drafts.packages.schemas import DraftCreate, DraftUpdate
from drafts.packages.stages import STAGES
from drafts.permissions import DRAFT_CREATE, READ
from drafts.users import User, names
from frontend.deps import page_require
from frontend.forms import optional_number
from frontend.i18n import translate
from frontend.routes.drafts_forms import actor, ids, is_stale, sentence
from frontend.routes.drafts_view import show_draft
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
DAYS = optional_number(0, 100_000)
LABELS = {"title": N_("Title"), "description": N_("Description"), "members": N_("Members")}
STALE_DRAFT = N_(
    "Someone else changed this draft since you opened it. What you typed is kept below; "
    "check the draft and save again."
)


@router.get("/drafts")
def draft_list(
    request: Request,
    session: SessionDep,
    user: Annotated[User | None, Depends(page_require(READ))],
    stage: Annotated[str, Query(max_length=30)] = "",
    min_days: DAYS = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Drafts, newest first, by stage and by how long they have waited in it."""
    chosen = stage if stage in STAGES else ""
    every, _ = drafts.list_drafts(session=session, offset=0, limit=1000, stage=chosen or None)
    if min_days is not None:
        every = [d for d in every if drafts.days_in_stage(d) >= min_days]
    shown = every[(page - 1) * PER_PAGE : page * PER_PAGE]
    return render(
        request,
        "drafts/list.html",
        items=shown,
        owners=names(session, (d.owner_id for d in shown)),
        days=drafts.days_in_stage,
        stages=STAGES,
        stage=chosen,
        min_days=min_days,
        total=len(every),
        page=page,
        pages=max(1, -(-len(every) // PER_PAGE)),
    )


def _new_form(request: Request, session, user: User, typed: dict, error: str = "", status=200):
    instruments, _ = service.list_instruments(session=session, offset=0, limit=500)
    people, _ = auth.list_users(session=session, offset=0, limit=500)
    return render(
        request,
        "drafts/new.html",
        status_code=status,
        instruments=instruments,
        people=[p for p in people if p.is_active and p.id != user.id],
        typed=typed,
        error=error,
    )


@router.get("/drafts/new")
def new_draft(
    request: Request,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(DRAFT_CREATE))],
) -> Response:
    return _new_form(
        request, session, user, {"title": "", "description": "", "targets": [], "members": []}
    )


@router.post("/drafts/new")
def create_draft(
    request: Request,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(DRAFT_CREATE))],
    title: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
    targets: Annotated[list[str] | None, Form()] = None,
    members: Annotated[list[str] | None, Form()] = None,
) -> Response:
    typed = {
        "title": title,
        "description": description,
        "targets": ids(targets or []),
        "members": ids(members or []),
    }
    try:
        data = DraftCreate(
            title=title,
            description=description,
            targets=[{"instrument_id": i} for i in typed["targets"]],
            members=typed["members"],
        )
        draft = drafts.create_draft(
            session=session, data=data, user=user, actor=actor(request, user)
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        return _new_form(request, session, user, typed, sentence(request, error, LABELS), 422)
    except KanunError as error:
        session.rollback()
        return _new_form(request, session, user, typed, error.detail, error.status)
    return RedirectResponse(f"/drafts/{draft.id}", status_code=303)


@router.get("/drafts/{draft_id}")
def draft_page(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Annotated[User | None, Depends(page_require(READ))],
) -> Response:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    return show_draft(request, session, user, draft)


@router.post("/drafts/{draft_id}")
def edit_draft(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Annotated[User, Depends(page_require(DRAFT_CREATE))],
    title: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
    members: Annotated[list[str] | None, Form()] = None,
    lock_version: Annotated[str, Form()] = "",
) -> Response:
    """The owner changes the title, the description and who takes part."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    typed = {"title": title, "description": description, "members": ids(members or [])}
    if is_stale(lock_version, draft.lock_version):
        stale = translate(request, STALE_DRAFT)
        return _failed(request, session, user, draft, typed, stale, 409)
    try:
        data = DraftUpdate(title=title, description=description, members=typed["members"])
        drafts.update_draft(
            session=session, draft=draft, data=data, user=user, actor=actor(request, user)
        )
    except PermissionDenied:
        raise
    except ValidationError as error:
        return _failed(request, session, user, draft, typed, sentence(request, error, LABELS), 422)
    except KanunError as error:
        return _failed(request, session, user, draft, typed, error.detail, error.status)
    return RedirectResponse(f"/drafts/{draft.id}", status_code=303)


def _failed(request, session, user, draft, typed, error: str, status: int) -> Response:
    session.rollback()
    return show_draft(
        request, session, user, draft, failed="details", error=error, typed=typed, status=status
    )
