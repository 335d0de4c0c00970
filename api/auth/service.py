"""Users, sign-in, sessions and tokens. Functions flush; the caller commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from api.auth import throttle
from api.auth.models import ApiToken, LoginAttempt, WebSession
from api.auth.passwords import check_password, hash_password, needs_rehash
from api.auth.schemas import UserCreate, UserUpdate
from drafts import audit
from drafts.access import keeps_user_admin
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from drafts.tree import normalize_text
from drafts.users import User

TOKEN_PREFIX = "kanun_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def get_user(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"There is no user with id {user_id}.")
    return user


def list_users(*, session: Session, offset: int, limit: int) -> tuple[list[User], int]:
    total = session.scalar(select(func.count(User.id))) or 0
    users = session.scalars(select(User).order_by(User.username).offset(offset).limit(limit))
    return list(users), total


def create_user(*, session: Session, data: UserCreate, actor: audit.Actor) -> User:
    if session.scalar(select(User.id).where(func.lower(User.username) == data.username.lower())):
        raise Conflict(f"The user name {data.username} is taken.")
    user = User(
        username=data.username,
        display_name=normalize_text(data.display_name),
        email=data.email.strip(),
        role=data.role,
        language=data.language,
        password_hash=hash_password(data.password),
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", "user", user.id, role=user.role)
    return user


def update_user(*, session: Session, user: User, data: UserUpdate, actor: audit.Actor) -> User:
    """Change a user's fields; an admin may not take their own admin role away, nor
    deactivate themselves (so that some admin always remains to undo a mistake)."""
    demoted = data.role is not None and not keeps_user_admin(data.role)
    if user.id == actor.user_id and (demoted or data.is_active is False):
        raise InvalidInput("You cannot take away your own admin role or deactivate yourself.")
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    password = changes.pop("password", None)
    for field, value in changes.items():
        setattr(user, field, normalize_text(value) if isinstance(value, str) else value)
    if password is not None:
        user.password_hash = hash_password(password)
        sign_out_everywhere(session=session, user=user)
    if changes.get("is_active") is False:
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    session.flush()
    fields = sorted(changes) + (["password"] if password is not None else [])
    audit.record(session, actor, "user.update", "user", user.id, fields=fields)
    return user


def sign_out_everywhere(*, session: Session, user: User) -> None:
    """End every browser session of the user and revoke every token of theirs."""
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    session.flush()


def set_password(*, session: Session, user: User, password: str, actor: audit.Actor) -> None:
    """A new password (reset by an admin, or changed by the user), which signs the user out
    everywhere: sessions end and tokens are revoked."""
    user.password_hash = hash_password(password)
    sign_out_everywhere(session=session, user=user)
    action = "user.password_change" if actor.user_id == user.id else "user.password_reset"
    audit.record(session, actor, action, "user", user.id)


def clear_sign_in_failures(
    *, session: Session, username: str | None, address: str | None, actor: audit.Actor
) -> int:
    """Forget the failed sign-ins of a user name, of an address, or of both (an admin's act,
    recorded): their next sign-in need not wait. How many failures were forgotten."""
    cleared = throttle.clear(session, username=username, ip=address)
    audit.record(
        session, actor, "auth.throttle_clear", "user", None, username=username, address=address
    )
    return cleared


def authenticate(
    *, session: Session, username: str, password: str, ip: str, policy: throttle.Policy
) -> User:
    """The active user with these credentials; every attempt is recorded, and one that comes
    too soon after failures is refused before the password is looked at (`throttle`)."""
    throttle.check(session, username=username, ip=ip, policy=policy)
    user = session.scalar(select(User).where(func.lower(User.username) == username.lower()))
    valid = user is not None and user.is_active and check_password(user.password_hash, password)
    session.add(LoginAttempt(username=username.lower()[:80], ip=ip, succeeded=valid))
    session.flush()
    if not valid:
        raise Unauthenticated("The user name or password is not right.")
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_session(*, session: Session, user: User, hours: int) -> tuple[str, WebSession]:
    """A new browser session: the cookie value (returned once) and its record."""
    secret = secrets.token_urlsafe(32)
    record = WebSession(
        token_hash=_digest(secret),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=utcnow() + timedelta(hours=hours),
    )
    session.add(record)
    session.flush()
    return secret, record


def session_for(*, session: Session, cookie: str) -> WebSession | None:
    record = session.scalar(select(WebSession).where(WebSession.token_hash == _digest(cookie)))
    if record is None or record.expires_at <= utcnow():
        return None
    return record


def end_session(*, session: Session, record: WebSession) -> None:
    session.delete(record)
    session.flush()


def create_token(
    *, session: Session, user: User, name: str, actor: audit.Actor
) -> tuple[str, ApiToken]:
    """A new bearer token for `user`: the secret (returned once) and its record."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(token_hash=_digest(secret), user_id=user.id, name=normalize_text(name))
    session.add(token)
    session.flush()
    audit.record(session, actor, "token.create", "token", token.id, user_id=user.id)
    return secret, token


_TOKEN_USER = (
    select(User)
    .join(ApiToken, ApiToken.user_id == User.id)
    .where(
        ApiToken.token_hash == bindparam("token_hash"),
        ApiToken.revoked_at.is_(None),
        User.is_active.is_(True),
    )
)
"""Built once: it runs on every request, and building it cost more than running it."""


def user_for_token(*, session: Session, secret: str) -> User | None:
    """The active user of a token that is not revoked: one query on the token's unique hash,
    made on every request, so a revocation holds from the next request on."""
    return session.scalar(_TOKEN_USER, {"token_hash": _digest(secret)})


def list_tokens(*, session: Session, user: User) -> list[ApiToken]:
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id))
    )


def revoke_token(*, session: Session, user: User, token_id: int, actor: audit.Actor) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(f"You have no token with id {token_id}.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        session.flush()
        audit.record(session, actor, "token.revoke", "token", token.id)
    return token
