"""A draft's consultation: invited organisations comment on provisions, drafters answer."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request, Response

from api.deps import ActorDep, OptionalUser, SessionDep, check_if_match, etag_of, require
from api.routers.documents import _download
from drafts import access
from drafts import consultation as service
from drafts.consultation_models import ConsultationComment
from drafts.errors import Unauthenticated
from drafts.packages import service as drafts
from drafts.permissions import CONSULTATION_COMMENT, CONSULTATION_MANAGE, READ
from drafts.tracking_schemas import (
    ConsultationCommentCreate,
    ConsultationCommentOut,
    ConsultationOut,
    ConsultationResponse,
    ConsultedText,
    InvitationCreate,
    InvitationOut,
    ProvisionRef,
)
from drafts.tree import to_dict
from drafts.users import User
from exports import obligations_out
from exports.versions import Exported
from frontend.consultation_words import OUTCOME_WORDS, REPORT_COLUMNS, REPORT_TITLE, REPORT_WIDTHS
from frontend.i18n import reader_language, translations

router = APIRouter(tags=["consultation"])


def comment_etag(comment: ConsultationComment) -> str:
    return etag_of("consultation-comment", comment.id, comment.lock_version)


def _out(comment: ConsultationComment, places: dict) -> ConsultationCommentOut:
    eid, citation = places.get((comment.instrument_id, comment.provision_id), ("", ""))
    return ConsultationCommentOut(
        id=comment.id,
        draft_id=comment.draft_id,
        instrument_id=comment.instrument_id,
        provision=ProvisionRef(provision_id=comment.provision_id, eid=eid, citation=citation),
        organisation=comment.organisation,
        body=comment.body,
        created_at=comment.created_at,
        response=comment.response,
        outcome=comment.outcome or None,
        responded_at=comment.responded_at,
    )


@router.get("/drafts/{draft_id}/consultation")
def read_consultation(draft_id: int, session: SessionDep, user: OptionalUser) -> ConsultationOut:
    """The texts under consultation and its comments (a guest sees the draft only while it is
    in consultation and they are invited, and only their own comments)."""
    if user is None:
        raise Unauthenticated("Sign in to do this.")
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    access.on_draft(session, user, draft).read_consultation().check()
    texts = service.texts(session=session, draft=draft)
    places = service.places(texts)
    guest = user.role == "guest"
    return ConsultationOut(
        draft_id=draft.id,
        title=draft.title,
        stage=draft.stage,
        texts=[
            ConsultedText(
                instrument_id=text.instrument.id,
                title=text.instrument.title,
                version=text.version.number,
                provisions=[to_dict(node) for node in text.nodes],
            )
            for text in texts
        ],
        comments=[
            _out(c, places) for c in service.comments(session=session, draft=draft, person=user)
        ],
        invitations=[]
        if guest
        else [
            InvitationOut.model_validate(i)
            for i in service.invitations(session=session, draft=draft)
        ],
    )


@router.post("/drafts/{draft_id}/consultation/invitations", status_code=201)
def invite(
    draft_id: int,
    data: InvitationCreate,
    session: SessionDep,
    actor: ActorDep,
    user: User = Depends(require(CONSULTATION_MANAGE)),
) -> InvitationOut:
    """Invite a guest, for their organisation, to comment on the draft in consultation."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    made = service.invite(
        session=session,
        draft=draft,
        person=user,
        guest_id=data.user_id,
        organisation=data.organisation,
        actor=actor,
    )
    return InvitationOut.model_validate(made)


@router.post("/drafts/{draft_id}/consultation/comments", status_code=201)
def comment(
    draft_id: int,
    data: ConsultationCommentCreate,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(CONSULTATION_COMMENT)),
) -> ConsultationCommentOut:
    """An invited organisation's comment on a provision of a law the draft amends."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    made = service.comment(
        session=session,
        draft=draft,
        person=user,
        provision=data.provision,
        body=data.body,
        instrument_id=data.instrument_id,
        actor=actor,
    )
    response.headers["ETag"] = comment_etag(made)
    return _out(made, service.places(service.texts(session=session, draft=draft)))


@router.post("/consultation-comments/{comment_id}/response")
def respond(
    comment_id: int,
    data: ConsultationResponse,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
    user: User = Depends(require(CONSULTATION_MANAGE)),
) -> ConsultationCommentOut:
    """The drafters' response to a comment and its outcome (send the comment's ETag)."""
    found = service.get_comment(session=session, comment_id=comment_id)
    check_if_match(request, comment_etag(found))
    service.respond(
        session=session,
        comment=found,
        person=user,
        response=data.response,
        outcome=data.outcome,
        actor=actor,
    )
    response.headers["ETag"] = comment_etag(found)
    draft = drafts.get_draft(session=session, draft_id=found.draft_id)
    return _out(found, service.places(service.texts(session=session, draft=draft)))


@router.get(
    "/drafts/{draft_id}/consultation/report",
    dependencies=[Depends(require(READ))],
    responses={200: {"content": {obligations_out.DOCX_MEDIA_TYPE: {}}}},
)
def report(
    draft_id: int, request: Request, session: SessionDep, format: Literal["docx"] = "docx"
) -> Response:
    """The consultation report (.docx): organisation, provision, comment, response, outcome."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    gettext = translations(reader_language(request)).gettext
    rows = service.report_rows(
        session, draft, {key: gettext(word) for key, word in OUTCOME_WORDS.items()}
    )
    content = obligations_out.to_docx(
        gettext(REPORT_TITLE),
        [draft.title],
        [gettext(column) for column in REPORT_COLUMNS],
        rows,
        REPORT_WIDTHS,
    )
    name = f"consultation-report-draft-{draft.id}.{format}"
    return _download(Exported(content, obligations_out.DOCX_MEDIA_TYPE, name))
