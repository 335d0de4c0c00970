"""Sign-in, sign-out and the choice of language."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.auth import browser
from api.auth import service as auth
from api.deps import SessionDep, SettingsDep, client_ip
from drafts import audit
from drafts.errors import KanunError
from frontend.deps import LANG_COOKIE, PageUser, page_user
from frontend.i18n import LANGUAGES, translate
from frontend.templating import render

router = APIRouter(include_in_schema=False)
LOGIN_COOKIE = "kanun_login"


def local_path(value: str | None) -> str:
    """`value` if it is a path on this site, else the dashboard (no open redirects)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def _form(
    request: Request,
    *,
    next_path: str,
    username: str = "",
    error: str = "",
    status=200,
    changed: bool = False,
):
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        status_code=status,
        login_token=token,
        next=next_path,
        username=username,
        error=error,
        changed=changed,
    )
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="lax", max_age=3600)
    return response


@router.get("/login", dependencies=[Depends(page_user)])
def login_form(request: Request, next: str = "/", changed: str = "") -> Response:
    return _form(request, next_path=local_path(next), changed=bool(changed))


@router.post("/login", dependencies=[Depends(page_user)])
def login(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    username: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=500)],
    login_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    next_path = local_path(next)
    cookie = request.cookies.get(LOGIN_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, login_token):
        error = translate(request, "The sign-in form expired; please try again.")
        return _form(request, next_path=next_path, username=username, error=error, status=403)
    ip = client_ip(request)
    try:
        user = auth.authenticate(
            session=session,
            username=username,
            password=password,
            ip=ip,
            policy=settings.login_policy,
        )
    except KanunError as error:
        return _form(
            request, next_path=next_path, username=username, error=error.detail, status=error.status
        )
    response = RedirectResponse(next_path, status_code=303)
    browser.open_session(
        response,
        session=session,
        user=user,
        settings=settings,
        actor=audit.Actor(user.id, getattr(request.state, "request_id", ""), ip),
    )
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, user: PageUser) -> Response:
    response = RedirectResponse("/login", status_code=303)
    browser.close_session(
        response,
        session=session,
        record=getattr(request.state, "web_session", None) if user is not None else None,
        actor=audit.Actor(
            user.id if user else None, getattr(request.state, "request_id", ""), client_ip(request)
        ),
    )
    return response


@router.post("/language")
def language(
    request: Request,
    session: SessionDep,
    user: PageUser,
    language: Annotated[str, Form(max_length=5)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Switch the pages' language; remembered for the user and in a cookie."""
    if language not in LANGUAGES:
        language = "en"
    if user is not None and user.language != language:
        user.language = language
        session.flush()
        audit.record(
            session,
            audit.Actor(user.id, getattr(request.state, "request_id", ""), client_ip(request)),
            "user.language",
            "user",
            user.id,
            language=language,
        )
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(LANG_COOKIE, language, max_age=365 * 24 * 3600, samesite="lax")
    return response
