"""Request dependencies: the database session, the current user, permissions, paging, ETags."""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, TypeVar

from anyio import CancelScope
from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from api.auth import service as auth
from api.settings import Settings
from drafts import audit
from drafts.db import WRITER
from drafts.errors import (
    PermissionDenied,
    PreconditionFailed,
    PreconditionRequired,
    Unauthenticated,
)
from drafts.permissions import READ, allows
from drafts.schemas import Paged as Paged  # the routers' page shape, beside `Page`
from drafts.users import User

T = TypeVar("T")
SESSION_COOKIE = "kanun_session"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


# The dependencies below that touch no database are coroutines, and the session's own work
# at its start and end is done in the event loop when it has none to do: FastAPI runs every
# plain function in a worker thread, and each such trip costs more than a cached read.


async def get_read_db(request: Request) -> AsyncIterator[Session]:
    """A session for a read-only path: on the read replica when one is set, else as `get_db`."""
    replica = request.app.state.read_sessionmaker
    if replica is None:
        async with _transaction(_primary(request), commit=True) as session:
            yield session
        return
    async with _transaction(replica(), commit=False) as session:
        yield session


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the route returns, else rolled back.

    A request that may change something (POST, PUT, PATCH, DELETE) writes: on SQLite its
    transaction takes the write lock as it begins (see `drafts.db.WRITER`)."""
    async with _transaction(_primary(request), commit=True) as session:
        yield session


def _primary(request: Request) -> Session:
    session: Session = request.app.state.sessionmaker()
    session.info[WRITER] = request.method in UNSAFE_METHODS
    return session


@asynccontextmanager
async def _transaction(session: Session, *, commit: bool) -> AsyncIterator[Session]:
    """The session, then its transaction committed (when `commit` and no error) or rolled
    back, in a worker thread that cancellation does not interrupt, and the session closed. A
    session whose transaction has already ended (see `read_in_thread`) is closed at once."""
    try:
        yield session
    except BaseException:
        await _end(session, commit=False)
        raise
    await _end(session, commit=commit)


async def _end(session: Session, *, commit: bool) -> None:
    if not session.in_transaction():
        session.close()
        return
    with CancelScope(shield=True):
        await run_in_threadpool(_commit_or_roll_back, session, commit)


def _commit_or_roll_back(session: Session, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


async def read_in_thread(session: Session, work: Callable[[], T]) -> T:
    """`work()` in one worker thread, then the end of the session's read transaction in the
    same thread: a read route that calls this takes one trip to a thread, not two, and gives
    its connection back before its answer is sent."""

    def run() -> T:
        try:
            return work()
        finally:
            session.rollback()

    return await run_in_threadpool(run)


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db, scope="function")]
ReadSessionDep = Annotated[Session, Depends(get_read_db, scope="function")]


def client_ip(request: Request) -> str:
    """The client's address: the peer's, or, when the peer is a trusted proxy, the last address
    in X-Forwarded-For that is not one of the trusted proxies."""
    peer = request.client.host if request.client else ""
    proxies = request.app.state.settings.trusted_proxies
    if not proxies or not _among(peer, proxies):
        return peer
    forwarded = [
        address.strip()
        for header in request.headers.getlist("x-forwarded-for")
        for address in header.split(",")
    ]
    for address in reversed(forwarded):
        if not _among(address, proxies):
            return address if _is_address(address) else peer
    return peer


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _among(address: str, networks: list) -> bool:
    if not _is_address(address):
        return False
    return any(ipaddress.ip_address(address) in network for network in networks)


def get_user(request: Request, session: SessionDep) -> User | None:
    """The signed-in user (bearer token or session cookie), or None.

    A cookie-authenticated change must carry the session's CSRF token in `X-CSRF-Token`. A
    read ends its transaction here, in the same worker thread (see `_transaction`).
    """
    user = signed_in(request, session)
    if request.method not in UNSAFE_METHODS:
        session.commit()
    return user


def signed_in(request: Request, session: Session) -> User | None:
    """The user of the request's bearer token or session cookie, or None; refuses a token
    that is unknown or revoked, and a cookie-authenticated change without its CSRF token."""
    authorization = request.headers.get("authorization", "")
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() == "bearer" and secret:
        user = auth.user_for_token(session=session, secret=secret.strip())
        if user is None:
            raise Unauthenticated("The bearer token is unknown or revoked.")
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    record = auth.session_for(session=session, cookie=cookie)
    if record is None:
        return None
    if request.method in UNSAFE_METHODS and request.headers.get(CSRF_HEADER) != record.csrf_token:
        raise PermissionDenied(
            "This change did not carry the page's security token; reload the page and retry."
        )
    request.state.web_session = record
    user = session.get(User, record.user_id)
    return user if user is not None and user.is_active else None


OptionalUser = Annotated[User | None, Depends(get_user)]


def authorize(user: User | None, permission: str, settings: Settings) -> User | None:
    """`user` if their role allows `permission` (nobody, when reading is open to anyone);
    else the refusal."""
    if user is None:
        if permission == READ and settings.anonymous_read:
            return None
        raise Unauthenticated("Sign in to do this.")
    if not allows(user.role, permission):
        raise PermissionDenied(f"Your role ({user.role}) does not allow this.")
    return user


def require(permission: str):
    """A dependency that gives the current user if the role allows `permission`. The
    permissions a request was checked for are kept in `request.state.permissions`, for
    `api.fast_reads` to check again."""

    async def check(request: Request, user: OptionalUser, settings: SettingsDep) -> User | None:
        request.state.permissions = (*getattr(request.state, "permissions", ()), permission)
        return authorize(user, permission, settings)

    return check


async def get_actor(request: Request, user: OptionalUser) -> audit.Actor:
    return audit.Actor(
        user_id=user.id if user else None,
        request_id=getattr(request.state, "request_id", ""),
        ip=client_ip(request),
    )


ActorDep = Annotated[audit.Actor, Depends(get_actor)]


@dataclass(frozen=True, slots=True)
class Page:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


async def get_page(
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page:
    return Page(page, per_page)


PageDep = Annotated[Page, Depends(get_page)]


def paged(items: list, total: int, page: Page) -> dict:
    return {"items": items, "total": total, "page": page.page, "per_page": page.per_page}


def window(items: Sequence[T], page: Page) -> list[T]:
    """The part of a list, already read whole, that `page` shows."""
    return list(items[page.offset : page.offset + page.per_page])


def etag_of(kind: str, object_id: object, lock_version: int) -> str:
    return f'"{kind}-{object_id}-{lock_version}"'


def check_if_match(request: Request, current: str) -> None:
    """428 without If-Match, 412 when it names another state than `current`."""
    given = request.headers.get("if-match")
    if not given:
        raise PreconditionRequired(
            "Send the ETag you read in an If-Match header, so that no one's change is lost."
        )
    tags = {tag.strip().removeprefix("W/") for tag in given.split(",")}
    if "*" not in tags and current not in tags:
        raise PreconditionFailed(
            "Someone else changed this since you read it; reload it and try again."
        )
