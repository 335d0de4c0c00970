"""A draft's consultation with outside organisations: invitations, their comments on provisions,
the drafters' responses, and the rows of the consultation report.

Guests comment on the text of the laws the draft amends (each target's base version), provision
by provision; who may do what is asked of `drafts.access`. Services flush, they never commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import access, audit, service
from drafts.commencement import resolve
from drafts.consultation_models import OUTCOMES, ConsultationComment, ConsultationInvitation
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.models import Instrument, Version
from drafts.packages import service as drafts
from drafts.packages.models import Draft
from drafts.provision_refs import cited
from drafts.tree import Node, normalize_text
from drafts.users import User


@dataclass(frozen=True, slots=True)
class Text:
    """One law the draft amends, as consulted: its base version's tree and citations."""

    instrument: Instrument
    version: Version
    nodes: tuple[Node, ...]
    places: dict[str, tuple[str, str]]
    """Provision id → (eId, citation)."""


def texts(*, session: Session, draft: Draft) -> list[Text]:
    """The laws the draft amends, each at its base version."""
    found = []
    for target in drafts.targets(session=session, draft=draft):
        instrument = service.get_instrument(session=session, instrument_id=target.instrument_id)
        version = session.get(Version, target.base_version_id)
        nodes = service.read_tree(session=session, version=version)
        found.append(Text(instrument, version, nodes, cited(instrument, nodes)))
    return found


def invite(
    *,
    session: Session,
    draft: Draft,
    person: User,
    guest_id: int,
    organisation: str,
    actor: audit.Actor,
) -> ConsultationInvitation:
    """Invite a guest, for an organisation, to comment on the draft's consultation."""
    access.on_draft(session, person, draft).manage_consultation().check()
    guest = session.get(User, guest_id)
    if guest is None or guest.role != "guest":
        raise InvalidInput(
            "Only a user with the guest role can be invited to a consultation; ask an "
            "administrator to make an account for the organisation.",
            errors=[{"field": "user_id", "message": "not a guest"}],
        )
    taken = session.scalar(
        select(ConsultationInvitation.id).where(
            ConsultationInvitation.draft_id == draft.id,
            ConsultationInvitation.user_id == guest_id,
        )
    )
    if taken is not None:
        raise Conflict(f"This consultation has invited {guest.name} already.")
    invitation = ConsultationInvitation(
        draft_id=draft.id,
        user_id=guest_id,
        organisation=normalize_text(organisation),
        invited_by=person.id,
    )
    session.add(invitation)
    session.flush()
    audit.record(
        session, actor, "consultation.invite", "draft", draft.id, draft_id=draft.id, guest=guest_id
    )
    return invitation


def guests(*, session: Session) -> list[User]:
    """The active guest accounts: the outside people a consultation may invite."""
    return list(session.scalars(select(User).where(User.role == "guest", User.is_active)))


def invitations(*, session: Session, draft: Draft) -> list[ConsultationInvitation]:
    return list(
        session.scalars(
            select(ConsultationInvitation)
            .where(ConsultationInvitation.draft_id == draft.id)
            .order_by(ConsultationInvitation.id)
        )
    )


def comment(
    *,
    session: Session,
    draft: Draft,
    person: User,
    provision: str,
    body: str,
    actor: audit.Actor,
    instrument_id: int | None = None,
) -> ConsultationComment:
    """A comment of the invited organisation on a provision (eId or provision id) of a law
    the draft amends (`instrument_id` picks the law when the draft amends several)."""
    access.on_draft(session, person, draft).consult().check()
    consulted = texts(session=session, draft=draft)
    if instrument_id is not None:
        consulted = [text for text in consulted if text.instrument.id == instrument_id]
    if not consulted:
        raise InvalidInput("This draft amends no such law to comment on.")
    text = consulted[0]
    (provision_id,) = resolve(text.nodes, [provision])
    organisation = session.scalar(
        select(ConsultationInvitation.organisation).where(
            ConsultationInvitation.draft_id == draft.id,
            ConsultationInvitation.user_id == person.id,
        )
    )
    made = ConsultationComment(
        draft_id=draft.id,
        instrument_id=text.instrument.id,
        provision_id=provision_id,
        author_id=person.id,
        organisation=organisation or person.name,
        body=normalize_text(body),
    )
    session.add(made)
    session.flush()
    audit.record(
        session, actor, "consultation.comment", "consultation_comment", made.id, draft_id=draft.id
    )
    return made


def get_comment(*, session: Session, comment_id: int) -> ConsultationComment:
    found = session.get(ConsultationComment, comment_id)
    if found is None:
        raise NotFound(f"There is no consultation comment with id {comment_id}.")
    return found


def respond(
    *,
    session: Session,
    comment: ConsultationComment,
    person: User,
    response: str,
    outcome: str,
    actor: audit.Actor,
) -> ConsultationComment:
    """The drafters' response to a comment, and what became of it."""
    draft = drafts.get_draft(session=session, draft_id=comment.draft_id)
    access.on_draft(session, person, draft).manage_consultation().check()
    if outcome not in OUTCOMES:
        raise InvalidInput(f"The outcome must be one of {', '.join(OUTCOMES)}.")
    comment.response = normalize_text(response)
    comment.outcome = outcome
    comment.responded_by = person.id
    comment.responded_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "consultation.respond",
        "consultation_comment",
        comment.id,
        draft_id=draft.id,
    )
    return comment


def places(found: Sequence[Text]) -> dict[tuple[int, str], tuple[str, str]]:
    """(instrument id, provision id) → (eId, citation) over the consulted texts."""
    return {
        (text.instrument.id, provision_id): place
        for text in found
        for provision_id, place in text.places.items()
    }


def comments(*, session: Session, draft: Draft, person: User | None) -> list[ConsultationComment]:
    """The consultation's comments, oldest first; a guest sees only their own."""
    query = select(ConsultationComment).where(ConsultationComment.draft_id == draft.id)
    if person is not None and person.role == "guest":
        query = query.where(ConsultationComment.author_id == person.id)
    return list(session.scalars(query.order_by(ConsultationComment.id)))


def report_rows(session: Session, draft: Draft, outcome_words: dict[str, str]) -> list[list[str]]:
    """(organisation, provision, comment, response, outcome) for every comment."""
    where = places(texts(session=session, draft=draft))
    return [
        [
            item.organisation,
            where.get((item.instrument_id, item.provision_id), ("", ""))[1],
            item.body,
            item.response,
            outcome_words.get(item.outcome, item.outcome),
        ]
        for item in comments(session=session, draft=draft, person=None)
    ]
