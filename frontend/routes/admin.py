"""Administration pages: users and roles, the audit log (admins), and one's own API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.orm import Session

from api import problem_text
from api.auth import service as auth
from api.auth.schemas import TokenCreate, UserCreate, UserUpdate
from api.deps import SessionDep, client_ip
from drafts import audit
from drafts.errors import InvalidInput, KanunError, PreconditionFailed
from drafts.permissions import AUDIT_READ, DEFAULT_ROLE, USER_ADMIN
from drafts.users import ROLES, User, names
from frontend import activity
from frontend.deps import PageUser, SignInRequired, page_require
from frontend.forms import check_new_password, optional_number
from frontend.i18n import translate, translations
from frontend.templating import render

router = APIRouter(include_in_schema=False)
NUMBER = optional_number(1)
Admin = Annotated[User, Depends(page_require(USER_ADMIN))]
PER_PAGE = 50


class NewUser(BaseModel):
    """The create-user form as typed; the password is never sent back."""

    username: Annotated[str, Field(max_length=80)] = ""
    display_name: Annotated[str, Field(max_length=200)] = ""
    email: Annotated[str, Field(max_length=254)] = ""
    role: Annotated[str, Field(max_length=20)] = DEFAULT_ROLE
    language: Annotated[str, Field(max_length=5)] = "en"
    password: Annotated[str, Field(max_length=500)] = ""


class UserChange(BaseModel):
    """One row's form: a new role, or (de)activation; `lock_version` as the page showed it."""

    lock_version: int
    role: Annotated[str, Field(max_length=20)] | None = None
    is_active: bool | None = None


def actor(request: Request, user: User) -> audit.Actor:
    return audit.Actor(user.id, getattr(request.state, "request_id", ""), client_ip(request))


def field_errors(error: ValidationError) -> list[dict]:
    return [
        {"field": ".".join(map(str, issue["loc"])) or "form", "message": issue["msg"]}
        for issue in error.errors()
    ]


def _pages(total: int) -> int:
    return max(1, -(-total // PER_PAGE))


def _users_page(
    request: Request,
    session: Session,
    *,
    page: int = 1,
    typed: NewUser | None = None,
    error: KanunError | None = None,
    typed_roles: dict[int, str] | None = None,
    notice_user: User | None = None,
    notice: str = "",
) -> Response:
    users, total = auth.list_users(session=session, offset=(page - 1) * PER_PAGE, limit=PER_PAGE)
    return render(
        request,
        "admin/users.html",
        status_code=error.status if error else 200,
        users=users,
        total=total,
        page=page,
        pages=_pages(total),
        roles=ROLES,
        typed=typed or NewUser(),
        error=problem_text.translate(error.detail, request.state.lang) if error else "",
        field_errors={issue["field"]: issue["message"] for issue in error.errors} if error else {},
        typed_roles=typed_roles or {},
        notice=notice,
        notice_user=notice_user,
    )


@router.get("/admin", dependencies=[Depends(page_require(USER_ADMIN))])
def users_page(
    request: Request,
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    created: NUMBER = None,
    saved: NUMBER = None,
    reset: NUMBER = None,
    unthrottled: NUMBER = None,
) -> Response:
    """Every user with their role, and the form for a new one."""
    notices = {"created": created, "saved": saved, "reset": reset, "unthrottled": unthrottled}
    notice, shown = next(((name, id_) for name, id_ in notices.items() if id_), ("", None))
    return _users_page(
        request,
        session,
        page=page,
        notice=notice,
        notice_user=session.get(User, shown) if shown else None,
    )


@router.post("/admin/users")
def create_user(
    request: Request,
    session: SessionDep,
    admin: Admin,
    typed: Annotated[NewUser, Form()],
) -> Response:
    try:
        try:
            data = UserCreate(**typed.model_dump())
        except ValidationError as invalid:
            errors = field_errors(invalid)
            sentence = translate(request, "Please check: %(fields)s.")
            raise InvalidInput(
                sentence % {"fields": ", ".join(e["field"] for e in errors)}, errors=errors
            ) from None
        user = auth.create_user(session=session, data=data, actor=actor(request, admin))
    except KanunError as error:
        return _users_page(
            request, session, typed=typed.model_copy(update={"password": ""}), error=error
        )
    return RedirectResponse(f"/admin?created={user.id}", status_code=303)


@router.post("/admin/users/{user_id}")
def change_user(
    request: Request,
    user_id: int,
    session: SessionDep,
    admin: Admin,
    change: Annotated[UserChange, Form()],
) -> Response:
    """A new role, or deactivating / reactivating; one's own admin role and account stay."""
    try:
        user = auth.get_user(session=session, user_id=user_id)
        if user.lock_version != change.lock_version:
            sentence = translate(
                request,
                "Someone else changed %(name)s since this page was loaded; "
                "check your choice against the list as it is now and save again.",
            )
            raise PreconditionFailed(sentence % {"name": user.name})
        try:
            data = UserUpdate(role=change.role, is_active=change.is_active)
        except ValidationError as invalid:
            sentence = translate(request, "%(role)s is not a role.")
            raise InvalidInput(
                sentence % {"role": change.role}, errors=field_errors(invalid)
            ) from None
        auth.update_user(session=session, user=user, data=data, actor=actor(request, admin))
    except KanunError as error:
        typed_roles = {user_id: change.role} if change.role else {}
        return _users_page(request, session, error=error, typed_roles=typed_roles)
    return RedirectResponse(f"/admin?saved={user.id}#user-{user.id}", status_code=303)


@router.post("/admin/users/{user_id}/password")
def reset_password(
    request: Request,
    user_id: int,
    session: SessionDep,
    admin: Admin,
    password: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    """A new password set by an admin; the user is signed out everywhere."""
    user = auth.get_user(session=session, user_id=user_id)
    try:
        check_new_password(request, password)
    except KanunError as error:
        return _users_page(request, session, error=error)
    auth.set_password(session=session, user=user, password=password, actor=actor(request, admin))
    return RedirectResponse(f"/admin?reset={user.id}#user-{user.id}", status_code=303)


@router.post("/admin/users/{user_id}/sign-in-failures")
def clear_sign_in_failures(
    request: Request, user_id: int, session: SessionDep, admin: Admin
) -> Response:
    """Forget the user's failed sign-ins, so their next attempt need not wait."""
    user = auth.get_user(session=session, user_id=user_id)
    auth.clear_sign_in_failures(
        session=session, username=user.username, address=None, actor=actor(request, admin)
    )
    return RedirectResponse(f"/admin?unthrottled={user.id}#user-{user.id}", status_code=303)


@router.get("/admin/audit", dependencies=[Depends(page_require(AUDIT_READ))])
def audit_page(
    request: Request,
    session: SessionDep,
    user: Annotated[str, Query(max_length=12)] = "",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    """The audit log, newest first, for everyone or one user."""
    chosen = int(user) if user.isdigit() else None
    rows, total = audit.entries(
        session, offset=(page - 1) * PER_PAGE, limit=PER_PAGE, user_id=chosen
    )
    people, _ = auth.list_users(session=session, offset=0, limit=500)
    gettext = translations(request.state.lang).gettext
    return render(
        request,
        "admin/audit.html",
        rows=[
            (
                row,
                activity.action_name(gettext, row.action),
                activity.target_name(gettext, row),
                activity.target_href(row),
            )
            for row in rows
        ],
        total=total,
        page=page,
        pages=_pages(total),
        people=people,
        chosen=chosen,
        names=names(session, (row.user_id for row in rows)),
    )


def _signed_in(request: Request, user: PageUser) -> User:
    """The signed-in user, whatever the role (tokens are one's own)."""
    if user is None:
        raise SignInRequired(request.url.path)
    return user


Owner = Annotated[User, Depends(_signed_in)]


def _tokens_page(
    request: Request,
    session: Session,
    user: User,
    *,
    status: int = 200,
    name: str = "",
    error: str = "",
    secret: str = "",
    revoked: int | None = None,
) -> Response:
    response = render(
        request,
        "admin/tokens.html",
        status_code=status,
        tokens=auth.list_tokens(session=session, user=user),
        token_name=name,
        error=error,
        secret=secret,
        revoked=revoked,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/account/tokens")
def tokens_page(
    request: Request, session: SessionDep, user: Owner, revoked: int | None = None
) -> Response:
    """One's own API tokens for scripts."""
    return _tokens_page(request, session, user, revoked=revoked)


@router.post("/account/tokens")
def create_token(
    request: Request,
    session: SessionDep,
    user: Owner,
    name: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """A new token, shown on the page this once."""
    try:
        data = TokenCreate(name=name.strip())
    except ValidationError:
        return _tokens_page(
            request,
            session,
            user,
            status=422,
            name=name,
            error=translate(request, "Give the token a name, such as the script that uses it."),
        )
    secret, _ = auth.create_token(
        session=session, user=user, name=data.name, actor=actor(request, user)
    )
    return _tokens_page(request, session, user, status=201, secret=secret)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, token_id: int, session: SessionDep, user: Owner) -> Response:
    auth.revoke_token(session=session, user=user, token_id=token_id, actor=actor(request, user))
    return RedirectResponse(f"/account/tokens?revoked={token_id}", status_code=303)
