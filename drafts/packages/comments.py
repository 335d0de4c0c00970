"""Threaded comments on a provision or an amendment of a draft, with @mentions."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import access, audit, service, store
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.notify import service as notify
from drafts.packages.models import Amendment, Comment, Draft
from drafts.packages.schemas import CommentCreate
from drafts.tree import normalize_text
from drafts.users import User

_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.-]{2,80})")


def get_comment(*, session: Session, comment_id: int) -> Comment:
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(f"There is no comment with id {comment_id}.")
    return comment


def mentioned(*, session: Session, body: str) -> list[int]:
    """Ids of the users whose names are @mentioned in `body`, in order of appearance."""
    names = list(dict.fromkeys(name.rstrip(".").lower() for name in _MENTION.findall(body)))
    if not names:
        return []
    users = {
        user.username.lower(): user.id
        for user in session.scalars(select(User).where(User.username.in_(names)))
    }
    return [users[name] for name in names if name in users]


def _anchor(
    session: Session, draft: Draft, data: CommentCreate
) -> tuple[str | None, str, int | None]:
    """(provision id, eId seen, version id) of the comment's provision, checked."""
    if data.provision_id is None:
        return None, "", None
    if data.instrument_id is None or data.version is None:
        raise InvalidInput(
            "A comment on a provision names the instrument and the version being read."
        )
    instrument = service.get_instrument(session=session, instrument_id=data.instrument_id)
    version = service.get_version(session=session, instrument=instrument, number=data.version)
    place = store.places(session, version, [data.provision_id]).get(data.provision_id)
    if place is None:
        raise InvalidInput(f"Version {version.number} has no provision {data.provision_id}.")
    return data.provision_id, place[1], version.id


def create(
    *, session: Session, draft: Draft, data: CommentCreate, user: User, actor: audit.Actor
) -> Comment:
    if data.amendment_id is not None:
        amendment = session.get(Amendment, data.amendment_id)
        if amendment is None or amendment.draft_id != draft.id:
            raise InvalidInput(f"Amendment {data.amendment_id} is not part of this draft.")
    if data.parent_id is not None:
        parent = session.get(Comment, data.parent_id)
        if parent is None or parent.draft_id != draft.id:
            raise InvalidInput(f"Comment {data.parent_id} is not a comment of this draft.")
    provision_id, eid, version_id = _anchor(session, draft, data)
    body = normalize_text(data.body)
    comment = Comment(
        draft_id=draft.id,
        parent_id=data.parent_id,
        amendment_id=data.amendment_id,
        provision_id=provision_id,
        eid=eid,
        version_id=version_id,
        author_id=user.id,
        body=body,
        mentions=mentioned(session=session, body=body),
    )
    session.add(comment)
    session.flush()
    audit.record(session, actor, "comment.create", "comment", comment.id, draft_id=draft.id)
    notify.comment_posted(session, comment)
    return comment


def edit(
    *, session: Session, comment: Comment, body: str, user: User, actor: audit.Actor
) -> Comment:
    draft = session.get(Draft, comment.draft_id)
    access.on_draft(session, user, draft).edit_comment(comment).check()
    comment.body = normalize_text(body)
    comment.mentions = mentioned(session=session, body=comment.body)
    session.flush()
    audit.record(session, actor, "comment.edit", "comment", comment.id, draft_id=comment.draft_id)
    return comment


def resolve(
    *, session: Session, comment: Comment, user: User, actor: audit.Actor, resolved: bool = True
) -> Comment:
    """Mark a thread resolved (or open again): its author, the draft's owner, a reviewer."""
    draft = session.get(Draft, comment.draft_id)
    access.on_draft(session, user, draft).resolve_comment(comment).check()
    if comment.parent_id is not None:
        raise Conflict("Resolve the thread's first comment, not a reply.")
    comment.resolved_at = utcnow() if resolved else None
    comment.resolved_by = user.id if resolved else None
    session.flush()
    action = "comment.resolve" if resolved else "comment.reopen"
    audit.record(session, actor, action, "comment", comment.id, draft_id=comment.draft_id)
    return comment


def list_comments(
    *,
    session: Session,
    draft_id: int | None = None,
    provision_id: str | None = None,
    amendment_id: int | None = None,
    resolved: bool | None = None,
) -> list[Comment]:
    query = select(Comment)
    if draft_id is not None:
        query = query.where(Comment.draft_id == draft_id)
    if provision_id is not None:
        query = query.where(Comment.provision_id == provision_id)
    if amendment_id is not None:
        query = query.where(Comment.amendment_id == amendment_id)
    if resolved is not None:
        query = query.where(
            Comment.resolved_at.is_not(None) if resolved else Comment.resolved_at.is_(None)
        )
    return list(session.scalars(query.order_by(Comment.id)))


def comments_on(*, session: Session, provision_ids: list[str]) -> dict[str, list[Comment]]:
    """The comments on each of these provisions, across drafts, oldest first."""
    found: dict[str, list[Comment]] = {}
    for start in range(0, len(provision_ids), 500):
        chunk = provision_ids[start : start + 500]
        for comment in session.scalars(
            select(Comment).where(Comment.provision_id.in_(chunk)).order_by(Comment.id)
        ):
            found.setdefault(comment.provision_id, []).append(comment)
    return found
