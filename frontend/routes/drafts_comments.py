"""Comment forms of the draft and amendment pages: a new thread, a reply, resolve and reopen."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from api.deps import SessionDep
from drafts.errors import KanunError, PermissionDenied
from drafts.packages import amendments, comments
from drafts.packages import service as drafts
from drafts.packages.models import Amendment, Comment, Draft
from drafts.packages.schemas import CommentCreate
from drafts.permissions import COMMENT
from drafts.users import User
from frontend.deps import page_require
from frontend.routes.amendments import show_amendment
from frontend.routes.drafts_forms import actor, optional_int, sentence
from frontend.routes.drafts_view import show_draft
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
Commenter = Annotated[User, Depends(page_require(COMMENT))]
LABELS = {"body": N_("Comment")}


def _place(comment: Comment) -> str:
    """The page a comment is shown on, with its anchor."""
    page = (
        f"/amendments/{comment.amendment_id}"
        if comment.amendment_id
        else f"/drafts/{comment.draft_id}"
    )
    return f"{page}#comment-{comment.id}"


def _post(
    request: Request,
    session,
    user: User,
    draft: Draft,
    amendment: Amendment | None,
    body: str,
    parent: str,
) -> Response:
    parent_id = optional_int(parent)
    try:
        data = CommentCreate(
            body=body, amendment_id=amendment.id if amendment else None, parent_id=parent_id
        )
        comment = comments.create(
            session=session, draft=draft, data=data, user=user, actor=actor(request, user)
        )
    except (ValidationError, KanunError) as error:
        session.rollback()
        if isinstance(error, PermissionDenied):
            raise
        detail = (
            sentence(request, error, LABELS) if isinstance(error, ValidationError) else error.detail
        )
        failed = f"reply-{parent_id}" if parent_id else "comment"
        shown = dict(failed=failed, error=detail, typed={"body": body}, status=422)
        if amendment is not None:
            return show_amendment(request, session, user, amendment, **shown)
        return show_draft(request, session, user, draft, **shown)
    return RedirectResponse(_place(comment), status_code=303)


@router.post("/drafts/{draft_id}/comments")
def comment_on_draft(
    request: Request,
    draft_id: int,
    session: SessionDep,
    user: Commenter,
    body: Annotated[str, Form()] = "",
    parent_id: Annotated[str, Form()] = "",
) -> Response:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    return _post(request, session, user, draft, None, body, parent_id)


@router.post("/amendments/{amendment_id}/comments")
def comment_on_amendment(
    request: Request,
    amendment_id: int,
    session: SessionDep,
    user: Commenter,
    body: Annotated[str, Form()] = "",
    parent_id: Annotated[str, Form()] = "",
) -> Response:
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    draft = drafts.get_draft(session=session, draft_id=amendment.draft_id)
    return _post(request, session, user, draft, amendment, body, parent_id)


@router.post("/comments/{comment_id}/resolve")
def resolve(
    request: Request,
    comment_id: int,
    session: SessionDep,
    user: Commenter,
    resolved: Annotated[str, Form()] = "true",
) -> Response:
    """Resolve a thread, or open it again with `resolved=false`."""
    comment = comments.get_comment(session=session, comment_id=comment_id)
    comments.resolve(
        session=session,
        comment=comment,
        user=user,
        actor=actor(request, user),
        resolved=resolved != "false",
    )
    return RedirectResponse(_place(comment), status_code=303)
