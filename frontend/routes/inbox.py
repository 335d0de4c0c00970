"""The inbox: what others did that concerns me (mentions, replies, amendments to decide, drafts
whose next step is mine), amendments awaiting my decision and drafts at a stage where I act."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep
from drafts.errors import NotFound
from drafts.notify import service as notify
from drafts.notify.models import Notification
from drafts.packages import service as drafts
from drafts.permissions import AMENDMENT_DECIDE, READ, allows
from drafts.users import User
from frontend.deps import page_require
from frontend.i18n import translations
from frontend.notices import href, told
from frontend.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[User, Depends(page_require(READ))]
PER_PAGE = 50


@router.get("/inbox")
def inbox_page(
    request: Request,
    session: SessionDep,
    user: Reader,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    rows, total = notify.inbox(session, user, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    gettext = translations(request.state.lang).gettext
    decides = allows(user.role, AMENDMENT_DECIDE)
    return render(
        request,
        "inbox/page.html",
        notices=told(session, gettext, rows),
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        decides=decides,
        awaiting=drafts.awaiting(session=session, user=user),
        to_act=notify.drafts_to_act_on(session, user),
        days=drafts.days_in_stage,
    )


@router.get("/inbox/{notification_id}")
def open_notification(notification_id: int, session: SessionDep, user: Reader) -> RedirectResponse:
    """Mark a notification read and go to the page it is about."""
    notification = session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        raise NotFound(f"You have no notification {notification_id}.")
    notify.mark_read(session, user, [notification.id])
    return RedirectResponse(href(notification), status_code=303)


@router.post("/inbox/read")
def mark_all_read(session: SessionDep, user: Reader) -> RedirectResponse:
    notify.mark_read(session, user)
    return RedirectResponse("/inbox", status_code=303)
