"""Taking a Word document reviewers marked up back into a draft: check it first (what it would
propose, nothing stored), then propose its amendments and comments."""

from __future__ import annotations

import base64
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from api.deps import SessionDep, client_ip
from drafts import audit
from drafts.errors import InvalidInput, KanunError
from drafts.models import Instrument
from drafts.packages import service as drafts
from drafts.packages.models import Draft
from drafts.permissions import AMENDMENT_PROPOSE
from drafts.users import User
from exports.safety import check_size
from exports.word_review_service import WordReview, review_word
from frontend.deps import page_require
from frontend.forms import kept, redirect_after_upload, uploaded
from frontend.i18n import translate
from frontend.templating import render

router = APIRouter(include_in_schema=False)
Proposer = Depends(page_require(AMENDMENT_PROPOSE))


class ReviewFields(BaseModel):
    action: Literal["check", "propose"] = "check"
    instrument_id: Annotated[str, Field(max_length=12)] = ""
    kept_name: Annotated[str, Field(max_length=300)] = ""
    kept_file: str = ""


def _page(
    request: Request,
    session: Session,
    draft: Draft,
    fields: ReviewFields,
    *,
    status: int = 200,
    error: str = "",
    review: WordReview | None = None,
    kept: tuple[str, bytes] | None = None,
) -> Response:
    instruments = [
        session.get(Instrument, target.instrument_id)
        for target in drafts.targets(session=session, draft=draft)
    ]
    name, data = kept or ("", b"")
    return render(
        request,
        "imports/word.html",
        status_code=status,
        draft=draft,
        fields=fields,
        instruments=instruments,
        error=error,
        review=review,
        kept_name=name,
        kept_file=base64.b64encode(data).decode(),
    )


@router.get("/drafts/{draft_id}/word", dependencies=[Proposer])
def review_form(request: Request, session: SessionDep, draft_id: int) -> Response:
    """The empty form."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    return _page(request, session, draft, ReviewFields())


@router.post("/drafts/{draft_id}/word")
def review_file(
    request: Request,
    session: SessionDep,
    draft_id: int,
    fields: Annotated[ReviewFields, Form()],
    user: Annotated[User, Proposer],
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Check the document (nothing is stored), or propose what it holds once checked."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    name, data = uploaded(file, fields.kept_name, fields.kept_file)
    actor = audit.Actor(user.id, getattr(request.state, "request_id", ""), client_ip(request))
    try:
        if not data:
            raise InvalidInput(translate(request, "Choose the Word document to take in."))
        check_size(data)
        review = review_word(
            session=session,
            draft=draft,
            data=data,
            filename=name,
            user=user,
            actor=actor,
            instrument_id=int(fields.instrument_id) if fields.instrument_id.isdigit() else None,
            dry_run=fields.action == "check",
        )
    except KanunError as error:
        kept_file = kept(name, data) if error.errors else None
        return _page(
            request, session, draft, fields, status=error.status, error=error.detail, kept=kept_file
        )
    if review.dry_run:
        return _page(request, session, draft, fields, review=review, kept=kept(name, data))
    target = f"/drafts/{draft.id}"
    return redirect_after_upload(request, target)
