"""User administration, for admins."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from api.auth import service as auth
from api.auth.schemas import UserCreate, UserOut, UserUpdate
from api.deps import ActorDep, Paged, PageDep, SessionDep, check_if_match, etag_of, paged, require
from drafts.permissions import USER_ADMIN
from drafts.users import User

router = APIRouter(prefix="/users", tags=["users"], dependencies=[Depends(require(USER_ADMIN))])


def user_etag(user: User) -> str:
    return etag_of("user", user.id, user.lock_version)


@router.get("")
def list_users(session: SessionDep, page: PageDep) -> Paged[UserOut]:
    users, total = auth.list_users(session=session, offset=page.offset, limit=page.per_page)
    return paged([UserOut.model_validate(u) for u in users], total, page)


@router.post("", response_model=UserOut, status_code=201)
def create_user(data: UserCreate, session: SessionDep, actor: ActorDep, response: Response) -> User:
    user = auth.create_user(session=session, data=data, actor=actor)
    response.headers["ETag"] = user_etag(user)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    return user


@router.get("/{user_id}", response_model=UserOut)
def read_user(user_id: int, session: SessionDep, response: Response) -> User:
    user = auth.get_user(session=session, user_id=user_id)
    response.headers["ETag"] = user_etag(user)
    return user


@router.patch("/{user_id}", response_model=UserOut)
def update_user(
    user_id: int,
    data: UserUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
) -> User:
    user = auth.get_user(session=session, user_id=user_id)
    check_if_match(request, user_etag(user))
    auth.update_user(session=session, user=user, data=data, actor=actor)
    response.headers["ETag"] = user_etag(user)
    return user
