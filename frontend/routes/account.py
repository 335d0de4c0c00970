"""One's own account: how e-mail notifications come, and a change of password that signs one
out everywhere (every session ends, every token is revoked)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from api.auth import browser
from api.auth import service as auth
from api.auth.passwords import MIN_LENGTH, check_password
from api.deps import SessionDep
from drafts.errors import InvalidInput
from drafts.notify import service as notify
from drafts.notify.models import MAIL_MODES
from drafts.users import User
from frontend.deps import PageUser, SignInRequired
from frontend.forms import MAX_PASSWORD, check_new_password
from frontend.i18n import translate
from frontend.routes.admin import actor
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
WRONG = N_("Your current password is not right.")


def _signed_in(request: Request, user: PageUser) -> User:
    if user is None:
        raise SignInRequired(request.url.path)
    return user


Owner = Annotated[User, Depends(_signed_in)]


def _page(
    request: Request, session: Session, user: User, *, error: str = "", status: int = 200, saved=""
) -> Response:
    response = render(
        request,
        "account/page.html",
        status_code=status,
        mode=notify.mail_mode(session, user.id),
        modes=MAIL_MODES,
        email=user.email,
        error=error,
        saved=saved,
        min_length=MIN_LENGTH,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/account")
def account_page(request: Request, session: SessionDep, user: Owner, saved: str = "") -> Response:
    return _page(request, session, user, saved=saved if saved == "mail" else "")


@router.post("/account/mail")
def choose_mail(
    request: Request,
    session: SessionDep,
    user: Owner,
    mode: Annotated[str, Form(max_length=10)] = "each",
) -> Response:
    try:
        notify.set_mail_mode(session, user, mode)
    except InvalidInput as error:
        return _page(request, session, user, error=error.detail, status=422)
    return RedirectResponse("/account?saved=mail", status_code=303)


@router.post("/account/password")
def change_password(
    request: Request,
    session: SessionDep,
    user: Owner,
    current: Annotated[str, Form(max_length=MAX_PASSWORD)] = "",
    new: Annotated[str, Form(max_length=MAX_PASSWORD)] = "",
    repeated: Annotated[str, Form(max_length=MAX_PASSWORD)] = "",
) -> Response:
    """A new password; every session of the user ends, this one too, and tokens are revoked."""
    try:
        if not check_password(user.password_hash, current):
            raise InvalidInput(translate(request, WRONG))
        check_new_password(request, new, repeated)
    except InvalidInput as error:
        return _page(request, session, user, error=error.detail, status=422)
    auth.set_password(session=session, user=user, password=new, actor=actor(request, user))
    response = RedirectResponse("/login?changed=1", status_code=303)
    browser.clear_session_cookie(response)
    return response
