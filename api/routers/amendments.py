"""Amendments of a draft: propose, edit, decide, withdraw, history, redline; and comments."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse

from api.deps import (
    ActorDep,
    Paged,
    PageDep,
    SessionDep,
    check_if_match,
    etag_of,
    paged,
    require,
    window,
)
from drafts import render
from drafts.packages import amendments, comments
from drafts.packages import service as drafts
from drafts.packages.models import Amendment, Comment, DraftTarget
from drafts.packages.schemas import (
    AmendmentCreate,
    AmendmentOut,
    AmendmentSaveOut,
    AmendmentUpdate,
    CommentCreate,
    CommentOut,
    CommentUpdate,
    DecisionIn,
    SavesCompared,
)
from drafts.permissions import (
    AMENDMENT_DECIDE,
    AMENDMENT_EDIT,
    AMENDMENT_PROPOSE,
    COMMENT,
    READ,
)
from drafts.schemas import DiffOut
from drafts.users import User
from frameworks import service as frameworks

router = APIRouter(tags=["amendments"])
Reader = Depends(require(READ))


def amendment_etag(amendment: Amendment) -> str:
    return etag_of("amendment", amendment.id, amendment.lock_version)


def comment_etag(comment: Comment) -> str:
    return etag_of("comment", comment.id, comment.lock_version)


def _name(session, user_id: int | None) -> str | None:
    return session.get(User, user_id).name if user_id else None


def _refs(data: AmendmentUpdate | AmendmentCreate) -> list[dict]:
    return [ref.model_dump() for ref in data.treaty_refs]


def _to_change(session, request: Request, amendment_id: int) -> Amendment:
    """The amendment, once the request's If-Match names its current state."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    check_if_match(request, amendment_etag(amendment))
    return amendment


def _changed(session, amendment: Amendment, response: Response) -> AmendmentOut:
    """The amendment as it is after a change, with its new ETag."""
    session.flush()
    response.headers["ETag"] = amendment_etag(amendment)
    return amendment_out(session, amendment)


def amendment_out(session, amendment: Amendment) -> AmendmentOut:
    target = session.get(DraftTarget, amendment.target_id)
    return AmendmentOut.model_validate(
        {
            **{c.key: getattr(amendment, c.key) for c in Amendment.__table__.columns},
            "instrument_id": target.instrument_id,
            "author": _name(session, amendment.author_id),
        }
    )


def comment_out(session, comment: Comment) -> CommentOut:
    mentions = [_name(session, user_id) for user_id in comment.mentions]
    return CommentOut.model_validate(
        {
            **{c.key: getattr(comment, c.key) for c in Comment.__table__.columns},
            "author": _name(session, comment.author_id),
            "mentions": mentions,
        }
    )


@router.get("/drafts/{draft_id}/amendments", dependencies=[Reader])
def list_amendments(
    draft_id: int,
    session: SessionDep,
    page: PageDep,
    status: Literal["proposed", "accepted", "rejected", "withdrawn"] | None = None,
) -> Paged[AmendmentOut]:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    found = amendments.list_amendments(session=session, draft=draft, status=status)
    return paged([amendment_out(session, a) for a in window(found, page)], len(found), page)


@router.post("/drafts/{draft_id}/amendments", status_code=201)
def propose(
    draft_id: int,
    data: AmendmentCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(AMENDMENT_PROPOSE)),
) -> AmendmentOut:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    if data.treaty_refs:
        frameworks.check_references(session=session, refs=_refs(data))
    amendment = amendments.propose(session=session, draft=draft, data=data, user=user, actor=actor)
    response.headers["ETag"] = amendment_etag(amendment)
    response.headers["Location"] = f"/api/v1/amendments/{amendment.id}"
    return amendment_out(session, amendment)


@router.get("/amendments/{amendment_id}", dependencies=[Reader])
def read_amendment(amendment_id: int, session: SessionDep, response: Response) -> AmendmentOut:
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    response.headers["ETag"] = amendment_etag(amendment)
    return amendment_out(session, amendment)


@router.patch("/amendments/{amendment_id}")
def update(
    amendment_id: int,
    data: AmendmentUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(AMENDMENT_EDIT)),
) -> AmendmentOut:
    """Save new content of a proposed amendment (its author only); every save is kept."""
    amendment = _to_change(session, request, amendment_id)
    if data.treaty_refs:
        frameworks.check_references(session=session, refs=_refs(data))
    amendments.update(session=session, amendment=amendment, data=data, user=user, actor=actor)
    return _changed(session, amendment, response)


@router.post("/amendments/{amendment_id}/withdraw")
def withdraw(
    amendment_id: int,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(AMENDMENT_EDIT)),
) -> AmendmentOut:
    amendment = _to_change(session, request, amendment_id)
    amendments.withdraw(session=session, amendment=amendment, user=user, actor=actor)
    return _changed(session, amendment, response)


@router.post("/amendments/{amendment_id}/decision")
def decide(
    amendment_id: int,
    data: DecisionIn,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(AMENDMENT_DECIDE)),
) -> AmendmentOut:
    """Accept or reject an amendment, with a note and the meeting where it was decided."""
    amendment = _to_change(session, request, amendment_id)
    amendments.decide(
        session=session,
        amendment=amendment,
        decision=data.decision,
        user=user,
        actor=actor,
        note=data.note,
        meeting_id=data.meeting_id,
    )
    return _changed(session, amendment, response)


@router.get("/amendments/{amendment_id}/history", dependencies=[Reader])
def history(amendment_id: int, session: SessionDep, page: PageDep) -> Paged[AmendmentSaveOut]:
    """Every save of the amendment, oldest first."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    found = amendments.saves(session=session, amendment=amendment)
    items = [
        AmendmentSaveOut(
            number=save.number,
            saved_at=save.saved_at,
            saved_by=_name(session, save.saved_by),
            content=save.content,
        )
        for save in window(found, page)
    ]
    return paged(items, len(found), page)


@router.get("/amendments/{amendment_id}/history/diff", dependencies=[Reader])
def history_diff(amendment_id: int, session: SessionDep, old: int, new: int) -> SavesCompared:
    """Word diffs of the fields that differ between two saves (`old` and `new` numbers)."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    changed = amendments.compare_saves(session=session, amendment=amendment, old=old, new=new)
    return SavesCompared(old=old, new=new, fields=changed)


@router.get(
    "/amendments/{amendment_id}/redline",
    dependencies=[Reader],
    response_model=None,
    responses={200: {"model": DiffOut, "content": {"text/html": {"schema": {"type": "string"}}}}},
)
def redline(
    amendment_id: int,
    session: SessionDep,
    format: Literal["json", "html"] = "json",
    layout: Literal["inline", "side-by-side"] = "inline",
) -> DiffOut | HTMLResponse:
    """What the amendment does to its base version, alone (`format=html`: as a page part)."""
    amendment = amendments.get_amendment(session=session, amendment_id=amendment_id)
    result = amendments.redline(session=session, amendment=amendment)
    if format == "html":
        return HTMLResponse(str(render.render(result, layout=layout, only_changes=True)))
    return DiffOut.model_validate(result.to_dict())


@router.get("/drafts/{draft_id}/comments", dependencies=[Reader])
def list_comments(
    draft_id: int,
    session: SessionDep,
    provision_id: str | None = None,
    amendment_id: int | None = None,
    resolved: bool | None = None,
    *,
    page: PageDep,
) -> Paged[CommentOut]:
    drafts.get_draft(session=session, draft_id=draft_id)
    found = comments.list_comments(
        session=session,
        draft_id=draft_id,
        provision_id=provision_id,
        amendment_id=amendment_id,
        resolved=resolved,
    )
    return paged([comment_out(session, c) for c in window(found, page)], len(found), page)


@router.get("/provisions/{provision_id}/comments", dependencies=[Reader])
def provision_comments(provision_id: str, session: SessionDep, page: PageDep) -> Paged[CommentOut]:
    """Comments on one provision, across every draft."""
    found = comments.list_comments(session=session, provision_id=provision_id)
    return paged([comment_out(session, c) for c in window(found, page)], len(found), page)


@router.post("/drafts/{draft_id}/comments", status_code=201)
def create_comment(
    draft_id: int,
    data: CommentCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(COMMENT)),
) -> CommentOut:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    comment = comments.create(session=session, draft=draft, data=data, user=user, actor=actor)
    response.headers["ETag"] = comment_etag(comment)
    return comment_out(session, comment)


@router.patch("/comments/{comment_id}")
def edit_comment(
    comment_id: int,
    data: CommentUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(COMMENT)),
) -> CommentOut:
    comment = comments.get_comment(session=session, comment_id=comment_id)
    check_if_match(request, comment_etag(comment))
    comments.edit(session=session, comment=comment, body=data.body, user=user, actor=actor)
    session.flush()
    response.headers["ETag"] = comment_etag(comment)
    return comment_out(session, comment)


@router.post("/comments/{comment_id}/resolve")
def resolve_comment(
    comment_id: int,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    resolved: bool = True,
    user: User = Depends(require(COMMENT)),
) -> CommentOut:
    """Resolve a thread (`resolved=false` opens it again)."""
    comment = comments.get_comment(session=session, comment_id=comment_id)
    check_if_match(request, comment_etag(comment))
    comments.resolve(session=session, comment=comment, user=user, actor=actor, resolved=resolved)
    session.flush()
    response.headers["ETag"] = comment_etag(comment)
    return comment_out(session, comment)
