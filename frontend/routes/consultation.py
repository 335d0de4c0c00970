"""The consultation page: invited organisations comment on provisions, drafters answer them,
invite organisations and download the report. Guests reach this page and nothing else."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SessionDep
from drafts import access
from drafts import consultation as service
from drafts.consultation_models import OUTCOMES
from drafts.errors import Conflict, Unauthenticated
from drafts.packages import service as drafts
from drafts.tree import walk
from drafts.users import User
from frontend.consultation_words import OUTCOME_WORDS
from frontend.deps import PageUser
from frontend.i18n import translate
from frontend.routes.drafts_forms import actor, is_stale
from frontend.templating import render
from frontend.vocabulary import N_

router = APIRouter(include_in_schema=False)
STALE = N_("Someone answered this comment since you opened the page; here is how it is now.")
Text = Annotated[str, Form(min_length=1, max_length=10_000)]


def _signed_in(user: PageUser) -> User:
    """The signed-in user of a consultation page or form (a guest among them)."""
    if user is None:
        raise Unauthenticated("Sign in to do this.")
    return user


Person = Annotated[User, Depends(_signed_in)]


@router.get("/drafts/{draft_id}/consultation")
def consultation_page(request: Request, draft_id: int, session: SessionDep, person: Person):
    """The texts under consultation with a form to comment, the comments and their answers."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    rights = access.on_draft(session, person, draft)
    rights.read_consultation().check()
    texts = service.texts(session=session, draft=draft)
    places = service.places(texts)
    guests, invited = [], []
    if person.role != "guest":
        invited = service.invitations(session=session, draft=draft)
    if rights.manage_consultation():
        guests = service.guests(session=session)
    return render(
        request,
        "consultation/page.html",
        draft=draft,
        texts=texts,
        provisions=[
            (text.instrument.id, node.eid, text.places[node.provision_id][1])
            for text in texts
            for node in walk(text.nodes)
            if node.provision_id and node.kind != "crossheading"
        ],
        nodes=[(text, list(walk(text.nodes))) for text in texts],
        comments=service.comments(session=session, draft=draft, person=person),
        places=places,
        invitations=invited,
        guests=guests,
        may_comment=bool(rights.consult()),
        may_answer=bool(rights.manage_consultation()),
        outcomes=OUTCOMES,
        outcome_words=OUTCOME_WORDS,
    )


@router.post("/drafts/{draft_id}/consultation/comments")
def comment_page(
    request: Request,
    draft_id: int,
    session: SessionDep,
    person: Person,
    provision: Annotated[str, Form(max_length=400)],
    body: Text,
    instrument_id: Annotated[int | None, Form()] = None,
) -> Response:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    service.comment(
        session=session,
        draft=draft,
        person=person,
        provision=provision,
        body=body,
        instrument_id=instrument_id,
        actor=actor(request, person),
    )
    return RedirectResponse(f"/drafts/{draft_id}/consultation#comments", 303)


@router.post("/consultation-comments/{comment_id}/response")
def respond_page(
    request: Request,
    comment_id: int,
    session: SessionDep,
    person: Person,
    response: Text,
    outcome: Annotated[str, Form(max_length=20)],
    lock_version: Annotated[str, Form()] = "",
) -> Response:
    found = service.get_comment(session=session, comment_id=comment_id)
    if is_stale(lock_version, found.lock_version):
        raise Conflict(translate(request, STALE))
    service.respond(
        session=session,
        comment=found,
        person=person,
        response=response,
        outcome=outcome,
        actor=actor(request, person),
    )
    return RedirectResponse(
        f"/drafts/{found.draft_id}/consultation#consultation-comment-{found.id}", 303
    )


@router.post("/drafts/{draft_id}/consultation/invitations")
def invite_page(
    request: Request,
    draft_id: int,
    session: SessionDep,
    person: Person,
    guest_id: Annotated[int, Form()],
    organisation: Annotated[str, Form(min_length=1, max_length=300)],
) -> Response:
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    service.invite(
        session=session,
        draft=draft,
        person=person,
        guest_id=guest_id,
        organisation=organisation,
        actor=actor(request, person),
    )
    return RedirectResponse(f"/drafts/{draft_id}/consultation#invitations", 303)
