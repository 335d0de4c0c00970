"""Who hears of what: notifications written with the event that causes them, the inbox that
shows them, and the e-mail preference of each person. Services flush, they never commit."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from drafts.db import utcnow
from drafts.errors import InvalidInput
from drafts.notify.models import MAIL_MODES, MailOutbox, MailPreference, Notification
from drafts.packages.models import Amendment, Comment, Draft, DraftMember, StageMove
from drafts.packages.stages import FINAL, TRANSITIONS
from drafts.permissions import AMENDMENT_DECIDE, allows
from drafts.users import User


def _people(session: Session, draft: Draft) -> list[User]:
    """The owner and members of a draft who can still sign in."""
    member = select(DraftMember.user_id).where(DraftMember.draft_id == draft.id)
    return list(
        session.scalars(
            select(User).where(
                (User.id == draft.owner_id) | User.id.in_(member), User.is_active.is_(True)
            )
        )
    )


def _able(session: Session, draft: Draft, permissions: set[str]) -> list[User]:
    """Who may act with one of `permissions` on the draft: its owner and members who may, or
    when none of them may, everyone whose role may."""
    allowed = [u for u in _people(session, draft) if any(allows(u.role, p) for p in permissions)]
    if allowed:
        return allowed
    everyone = session.scalars(select(User).where(User.is_active.is_(True)))
    return [u for u in everyone if any(allows(u.role, p) for p in permissions)]


def stage_permissions(stage: str) -> set[str]:
    """The permissions of the moves that take a draft on from `stage` (withdrawing it, always
    open before adoption, is not a step that waits for anyone)."""
    return {
        permission
        for (frm, to), permission in TRANSITIONS.items()
        if frm == stage and to != "withdrawn"
    }


def _acting(session: Session, draft: Draft, permissions: set[str]) -> list[User]:
    """Those who may make one of the moves, found for each move's permission on its own."""
    found: dict[int, User] = {}
    for permission in sorted(permissions):
        found.update((user.id, user) for user in _able(session, draft, {permission}))
    return list(found.values())


def mail_mode(session: Session, user_id: int) -> str:
    preference = session.get(MailPreference, user_id)
    return preference.mode if preference else "each"


def _notify(session: Session, users: Iterable[User], actor_id: int | None, **fields) -> None:
    """A notification for each user but the actor, each with its outbox row when e-mailed."""
    seen: set[int] = set()
    for user in users:
        if user.id == actor_id or user.id in seen or not user.is_active:
            continue
        seen.add(user.id)
        notification = Notification(user_id=user.id, actor_id=actor_id, **fields)
        session.add(notification)
        mode = mail_mode(session, user.id)
        if user.email and mode != "off":
            session.flush()
            session.add(
                MailOutbox(
                    notification_id=notification.id,
                    user_id=user.id,
                    address=user.email,
                    digest=mode == "daily",
                )
            )
    session.flush()


def comment_posted(session: Session, comment: Comment) -> None:
    """The people it mentions hear of a comment, and the author of the comment it replies to."""
    fields = {"draft_id": comment.draft_id, "comment_id": comment.id}
    fields["amendment_id"] = comment.amendment_id
    mentioned = [session.get(User, user_id) for user_id in comment.mentions]
    _notify(session, [u for u in mentioned if u], comment.author_id, kind="mention", **fields)
    if comment.parent_id is not None:
        parent = session.get(Comment, comment.parent_id)
        if parent.author_id not in comment.mentions:
            author = session.get(User, parent.author_id)
            _notify(session, [author], comment.author_id, kind="reply", **fields)


def amendment_proposed(session: Session, amendment: Amendment) -> None:
    """Those who decide amendments of the draft hear of a new one."""
    draft = session.get(Draft, amendment.draft_id)
    deciders = _able(session, draft, {AMENDMENT_DECIDE})
    _notify(
        session,
        deciders,
        amendment.author_id,
        kind="amendment_proposed",
        draft_id=draft.id,
        amendment_id=amendment.id,
    )


def amendment_decided(session: Session, amendment: Amendment) -> None:
    """The author of an amendment hears that it was accepted or rejected."""
    author = session.get(User, amendment.author_id)
    _notify(
        session,
        [author],
        amendment.decided_by,
        kind="amendment_decided",
        draft_id=amendment.draft_id,
        amendment_id=amendment.id,
        stage=amendment.status,
    )


def stage_moved(session: Session, draft: Draft, move: StageMove) -> None:
    """Those who may move the draft on from its new stage hear that it is their turn."""
    permissions = stage_permissions(move.to_stage)
    if not permissions:
        return
    _notify(
        session,
        _acting(session, draft, permissions),
        move.user_id,
        kind="stage",
        draft_id=draft.id,
        stage=move.to_stage,
    )


def inbox(
    session: Session, user: User, *, offset: int = 0, limit: int = 50
) -> tuple[list[Notification], int]:
    """The user's notifications, newest first, with their total."""
    query = select(Notification).where(Notification.user_id == user.id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Notification.id.desc()).offset(offset).limit(limit))
    return list(rows), total


def unread_count(session: Session, user_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def mark_read(session: Session, user: User, notification_ids: list[int] | None = None) -> int:
    """Mark the user's notifications read (these, or all); how many were unread."""
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_ids is not None:
        query = query.where(Notification.id.in_(notification_ids))
    return session.execute(query.values(read_at=utcnow())).rowcount


def drafts_to_act_on(session: Session, user: User) -> list[Draft]:
    """Open drafts at a stage from which the user is one of those who move them on."""
    found = []
    open_drafts = select(Draft).where(Draft.stage.not_in(FINAL)).order_by(Draft.id)
    for draft in session.scalars(open_drafts):
        permissions = stage_permissions(draft.stage)
        if any(allows(user.role, p) for p in permissions) and user.id in {
            u.id for u in _acting(session, draft, permissions)
        }:
            found.append(draft)
    return found


def set_mail_mode(session: Session, user: User, mode: str) -> MailPreference:
    if mode not in MAIL_MODES:
        raise InvalidInput(f"'{mode}' is not a choice for e-mail: use one of {MAIL_MODES}.")
    preference = session.get(MailPreference, user.id)
    if preference is None:
        preference = MailPreference(user_id=user.id, mode=mode)
        session.add(preference)
    preference.mode = mode
    session.flush()
    return preference
