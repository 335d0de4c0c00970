"""The browser session: opened on sign-in with its cookie set, closed on sign-out with its
cookie cleared; the same for the API's sign-in and the pages'."""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.responses import Response

from api.auth import service as auth
from api.auth.models import WebSession
from api.deps import SESSION_COOKIE
from api.settings import Settings
from drafts import audit
from drafts.users import User


def open_session(
    response: Response, *, session: Session, user: User, settings: Settings, actor: audit.Actor
) -> WebSession:
    """A new browser session for `user`, its sign-in recorded and its cookie set on `response`."""
    secret, record = auth.start_session(session=session, user=user, hours=settings.session_hours)
    audit.record(session, actor, "auth.login", "user", user.id)
    set_session_cookie(response, secret, settings)
    return record


def close_session(
    response: Response, *, session: Session, record: WebSession | None, actor: audit.Actor
) -> None:
    """End the browser session of the request, if any, recording the sign-out, and clear its
    cookie on `response`."""
    if record is not None:
        auth.end_session(session=session, record=record)
        audit.record(session, actor, "auth.logout", "user", record.user_id)
    clear_session_cookie(response)


def set_session_cookie(response: Response, secret: str, settings: Settings) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
