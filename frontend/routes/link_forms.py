"""The link forms of the pages: linking a provision to a treaty article or a recommendation,
and confirming or rejecting a link, from the provision's page or its suggestions."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, StringConstraints, ValidationError
from sqlalchemy.orm import Session

from alignment import service as alignments
from alignment.models import LinkStatus, Relation
from api.deps import SessionDep
from drafts import service
from drafts.errors import KanunError, PermissionDenied
from drafts.models import Instrument
from drafts.permissions import ALIGNMENT_EDIT, ALIGNMENT_REVIEW, allows
from drafts.users import User
from frontend.deps import page_require
from frontend.i18n import translate
from frontend.routes.drafts_forms import actor, is_stale, sentence
from frontend.routes.links import provision_of, show_provision
from frontend.routes.suggested import show_suggestions
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
Editor = Annotated[User, Depends(page_require(ALIGNMENT_EDIT))]
Reviewer = Annotated[User, Depends(page_require(ALIGNMENT_REVIEW))]
Back = Literal["provision", "suggestions"]
LABELS = {
    "target": N_("Treaty or recommendation set"),
    "number": N_("Article or recommendation number"),
    "relation": N_("Relation"),
    "status": N_("Status"),
    "note": N_("Note"),
}
STALE = N_(
    "Someone else changed this link since you opened the page; look at it again below and "
    "decide once more."
)


class LinkForm(BaseModel):
    """What the form for a new link sends: a target as `framework:CRC` or `set:TKM-UPR`."""

    target: Annotated[str, StringConstraints(pattern=r"^(framework|set):.+$", max_length=130)]
    number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    relation: Relation
    status: LinkStatus = "suggested"
    note: Annotated[str, StringConstraints(max_length=20_000)] = ""

    def target_fields(self) -> dict[str, str]:
        """The service's arguments naming the linked article or recommendation."""
        kind, _, code = self.target.partition(":")
        if kind == "framework":
            return {"framework": code, "article": self.number}
        return {"recommendation_set": code, "recommendation": self.number}


def _back(instrument_id: int, provision_id: str, back: str, anchor: str) -> RedirectResponse:
    page = f"/instruments/{instrument_id}/provisions/{provision_id}"
    if back == "suggestions":
        page += "/suggestions"
    return RedirectResponse(f"{page}#{anchor}", status_code=303)


def _again(
    request: Request,
    session: Session,
    user: User,
    instrument: Instrument,
    provision_id: str,
    back: str,
    **refused,
) -> Response:
    """The page the form was sent from, again, with what went wrong."""
    show = show_suggestions if back == "suggestions" else show_provision
    return show(request, session, user, instrument, provision_id, **refused)


@router.post("/instruments/{instrument_id}/provisions/{provision_id}/links")
def add_link(
    request: Request,
    instrument_id: int,
    provision_id: str,
    session: SessionDep,
    user: Editor,
    target: Annotated[str, Form()] = "",
    number: Annotated[str, Form()] = "",
    relation: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "suggested",
    note: Annotated[str, Form()] = "",
    back: Annotated[Back, Form()] = "provision",
) -> Response:
    """Link the provision to an article or a recommendation; deciding it needs the review right."""
    instrument = provision_of(session, instrument_id, provision_id)
    typed = {"target": target, "number": number, "relation": relation, "status": status}
    typed["note"] = note
    if status != "suggested" and not allows(user.role, ALIGNMENT_REVIEW):
        raise PermissionDenied(f"Your role ({user.role}) does not allow confirming links.")
    try:
        data = LinkForm(**typed)
        made = alignments.create(
            session=session,
            provision_id=provision_id,
            relation=data.relation,
            actor=actor(request, user),
            status=data.status,
            note=data.note,
            **data.target_fields(),
        )
    except ValidationError as failure:
        session.rollback()
        error, code = sentence(request, failure, LABELS), 422
    except KanunError as failure:
        session.rollback()
        error, code = failure.detail, failure.status
    else:
        return _back(instrument.id, provision_id, back, f"link-{made.id}")
    failed = f"suggestion-{target}-{number}" if back == "suggestions" else "link"
    return _again(
        request,
        session,
        user,
        instrument,
        provision_id,
        back,
        failed=failed,
        error=error,
        typed=typed,
        status=code,
    )


@router.post("/alignments/{alignment_id}/review")
def review_link(
    request: Request,
    alignment_id: int,
    session: SessionDep,
    user: Reviewer,
    status: Annotated[Literal["confirmed", "rejected"], Form()],
    lock_version: Annotated[str, Form()] = "",
    back: Annotated[Back, Form()] = "provision",
) -> Response:
    """Confirm a link (again, after its provision changed) or reject it."""
    alignment = alignments.get(session=session, alignment_id=alignment_id)
    instrument = service.get_instrument(session=session, instrument_id=alignment.instrument_id)
    if is_stale(lock_version, alignment.lock_version):
        error, code = translate(request, STALE), 409
    else:
        try:
            alignments.update(
                session=session, alignment=alignment, actor=actor(request, user), status=status
            )
        except KanunError as failure:
            session.rollback()
            error, code = failure.detail, failure.status
        else:
            return _back(instrument.id, alignment.provision_id, back, f"link-{alignment.id}")
    return _again(
        request,
        session,
        user,
        instrument,
        alignment.provision_id,
        back,
        failed=f"link-{alignment_id}",
        error=error,
        status=code,
    )
