"""Sign-in and sign-out, the current user, and one's own API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from api.auth import browser
from api.auth import service as auth
from api.auth.schemas import (
    LoginIn,
    LoginOut,
    ThrottleCleared,
    TokenCreate,
    TokenCreated,
    TokenOut,
    UserOut,
)
from api.deps import (
    ActorDep,
    Paged,
    PageDep,
    SessionDep,
    SettingsDep,
    client_ip,
    paged,
    require,
    window,
)
from drafts import audit
from drafts.errors import KanunError
from drafts.permissions import READ, USER_ADMIN
from drafts.users import User

router = APIRouter(tags=["sign-in"])
SignedIn = Depends(require(READ))


@router.post("/auth/login", response_model=LoginOut)
def login(
    data: LoginIn, request: Request, response: Response, session: SessionDep, settings: SettingsDep
) -> dict:
    """Sign in with a user name and password; sets the session cookie."""
    ip = client_ip(request)
    try:
        user = auth.authenticate(
            session=session,
            username=data.username,
            password=data.password,
            ip=ip,
            policy=settings.login_policy,
        )
    except KanunError:
        session.commit()  # the failed attempt counts towards the rate limit
        raise
    actor = audit.Actor(user.id, getattr(request.state, "request_id", ""), ip)
    record = browser.open_session(
        response, session=session, user=user, settings=settings, actor=actor
    )
    return {"user": user, "csrf_token": record.csrf_token}


@router.post("/auth/logout", status_code=204)
def logout(request: Request, session: SessionDep, actor: ActorDep) -> Response:
    """Ends the browser session of the cookie, if any."""
    response = Response(status_code=204)
    record = getattr(request.state, "web_session", None)
    browser.close_session(response, session=session, record=record, actor=actor)
    return response


@router.get("/me", response_model=UserOut)
def me(user: User = SignedIn) -> User:
    return user


@router.get("/auth/tokens", response_model=Paged[TokenOut])
def list_tokens(session: SessionDep, page: PageDep, user: User = SignedIn) -> dict:
    """One's bearer tokens, oldest first (revoked ones too)."""
    found = auth.list_tokens(session=session, user=user)
    return paged([TokenOut.model_validate(t) for t in window(found, page)], len(found), page)


@router.post("/auth/tokens", response_model=TokenCreated, status_code=201)
def create_token(
    data: TokenCreate, session: SessionDep, actor: ActorDep, user: User = SignedIn
) -> dict:
    """A bearer token for scripts, shown once: keep it safe."""
    secret, token = auth.create_token(session=session, user=user, name=data.name, actor=actor)
    return {**TokenOut.model_validate(token).model_dump(), "token": secret}


@router.delete("/auth/tokens/{token_id}", response_model=TokenOut)
def revoke_token(
    token_id: int, session: SessionDep, actor: ActorDep, user: User = SignedIn
) -> object:
    return auth.revoke_token(session=session, user=user, token_id=token_id, actor=actor)


@router.delete("/auth/throttle", dependencies=[Depends(require(USER_ADMIN))])
def clear_throttle(
    session: SessionDep,
    actor: ActorDep,
    username: Annotated[str | None, Query(max_length=80)] = None,
    address: Annotated[str | None, Query(max_length=64)] = None,
) -> ThrottleCleared:
    """Forget the failed sign-ins of a user name, of an address, or of both (admins): their
    next sign-in need not wait."""
    cleared = auth.clear_sign_in_failures(
        session=session, username=username, address=address, actor=actor
    )
    return ThrottleCleared(cleared=cleared)
