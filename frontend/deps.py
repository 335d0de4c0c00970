"""Dependencies of the pages: the signed-in user from the session cookie, the language, and
CSRF checks on form posts (the session's token, as a form field or an `X-CSRF-Token` header)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request

from api.auth import service as auth
from api.deps import CSRF_HEADER, SESSION_COOKIE, UNSAFE_METHODS, SessionDep, SettingsDep
from drafts.errors import PermissionDenied
from drafts.notify import service as notify
from drafts.permissions import allows
from drafts.users import User
from frontend.i18n import LANGUAGES, choose

LANG_COOKIE = "kanun_lang"


@dataclass(frozen=True, slots=True)
class Viewer:
    """What the page layout shows of the signed-in user; outlives the request's session."""

    id: int
    name: str
    role: str
    unread: int = 0
    """Unread notifications in the inbox."""


class SignInRequired(Exception):
    """Raised on a page that needs a signed-in user; answered with a redirect to the form."""

    def __init__(self, next_path: str) -> None:
        self.location = f"/login?next={quote(next_path)}"


async def sent_csrf(request: Request) -> str | None:
    """The CSRF token a change carries, in its header or its form; None for a read."""
    if request.method not in UNSAFE_METHODS:
        return None
    header = request.headers.get(CSRF_HEADER)
    if header is not None:
        return header
    form = await request.form()
    token = form.get("csrf_token")
    return token if isinstance(token, str) else ""


def page_user(
    request: Request, session: SessionDep, sent: Annotated[str | None, Depends(sent_csrf)]
) -> User | None:
    """The user of the session cookie, with the page language and CSRF token set on state."""
    user = None
    cookie = request.cookies.get(SESSION_COOKIE)
    record = auth.session_for(session=session, cookie=cookie) if cookie else None
    if record is not None:
        user = session.get(User, record.user_id)
        if user is not None and not user.is_active:
            user = None
    if user is not None and sent is not None and sent != record.csrf_token:
        raise PermissionDenied(
            "This form has expired or did not come from Kanun; reload the page and try again."
        )
    request.state.viewer = (
        Viewer(user.id, user.name, user.role, notify.unread_count(session, user.id))
        if user
        else None
    )
    request.state.web_session = record if user else None
    request.state.csrf_token = record.csrf_token if user else ""
    preferred = request.cookies.get(LANG_COOKIE, "")
    request.state.lang = (
        user.language if user else preferred if preferred in LANGUAGES else None
    ) or choose(request.headers.get("accept-language", ""))
    return user


PageUser = Annotated[User | None, Depends(page_user)]


def page_require(permission: str):
    """A page dependency: the signed-in user if the role allows `permission`."""

    def check(request: Request, user: PageUser, settings: SettingsDep) -> User | None:
        if user is None:
            if permission == "read" and settings.anonymous_read:
                return None
            query = f"?{request.url.query}" if request.url.query else ""
            raise SignInRequired(request.url.path + query)
        if not allows(user.role, permission):
            raise PermissionDenied(f"Your role ({user.role}) does not allow this.")
        return user

    return check
