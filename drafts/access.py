"""Who may do what to which draft, amendment or comment: the one place that services and pages
ask, built on the role table (`drafts.permissions`) and a person's part in a draft.

    rights = access.on_draft(session, user, draft)
    if rights.move(to):                 # a page: show the button
    rights.move(to).check()             # a service: PermissionDenied with the reason

Whether a change fits the draft's stage (a withdrawn draft, a decision outside review) is the
workflow's question, not this module's: those answers are 409s, these are 403s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.consultation_models import ConsultationInvitation
from drafts.errors import PermissionDenied
from drafts.packages.models import Amendment, Comment, Draft, DraftMember
from drafts.packages.stages import TRANSITIONS
from drafts.permissions import (
    AMENDMENT_DECIDE,
    AMENDMENT_EDIT,
    AMENDMENT_PROPOSE,
    COMMENT,
    COMMENT_EDIT,
    COMMENT_RESOLVE,
    CONSOLIDATE,
    CONSULTATION_COMMENT,
    CONSULTATION_MANAGE,
    DRAFT_MANAGE,
    MEETING_MANAGE,
    READ,
    USER_ADMIN,
    Reach,
    allows,
    reach,
)


class Person(Protocol):
    """A signed-in user, or what a page keeps of one."""

    id: int
    role: str


@dataclass(frozen=True, slots=True)
class Decision:
    """An answer: true when allowed; otherwise `reason` says why not, for a person."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def check(self) -> None:
        if not self.allowed:
            raise PermissionDenied(self.reason)


def may(person: Person | None, permission: str, parts: frozenset[Reach] = frozenset()) -> bool:
    """Whether the person's role holds `permission` everywhere or where they have `parts`."""
    if person is None:
        return False
    return bool(reach(person.role, permission) & (parts | {Reach.ANY}))


def _decide(allowed: bool, reason: str) -> Decision:
    return Decision(True) if allowed else Decision(False, reason)


def parts_in(session: Session, person: Person | None, draft: Draft) -> frozenset[Reach]:
    """The person's part in the draft: owner (and so member), member, invited to its
    consultation while it is in consultation, or none."""
    if person is None:
        return frozenset()
    if person.role == "guest":
        return _invitation(session, person, draft)
    if person.id == draft.owner_id:
        return frozenset({Reach.OWNER, Reach.MEMBER})
    member = session.scalar(
        select(DraftMember.user_id).where(
            DraftMember.draft_id == draft.id, DraftMember.user_id == person.id
        )
    )
    return frozenset({Reach.MEMBER}) if member is not None else frozenset()


def _invitation(session: Session, person: Person, draft: Draft) -> frozenset[Reach]:
    if draft.stage != "consultation":
        return frozenset()
    invited = session.scalar(
        select(ConsultationInvitation.id).where(
            ConsultationInvitation.draft_id == draft.id,
            ConsultationInvitation.user_id == person.id,
        )
    )
    return frozenset({Reach.INVITED}) if invited is not None else frozenset()


@dataclass(frozen=True, slots=True)
class DraftRights:
    """What one person may do to one draft and to the amendments and comments in it."""

    person: Person | None
    draft: Draft
    parts: frozenset[Reach]

    def _may(self, permission: str, extra: frozenset[Reach] = frozenset()) -> bool:
        return may(self.person, permission, self.parts | extra)

    @property
    def is_member(self) -> bool:
        return Reach.MEMBER in self.parts

    def manage(self) -> Decision:
        return _decide(
            self._may(DRAFT_MANAGE), "Only the owner of this draft may change its details."
        )

    def move(self, to: str) -> Decision:
        """May the person move the draft from its stage to `to` (a move the table knows)?"""
        permission = TRANSITIONS.get((self.draft.stage, to))
        stage, target = self.draft.stage.replace("_", " "), to.replace("_", " ")
        if permission is None or not self.person or not allows(self.person.role, permission):
            role = self.person.role if self.person else "none"
            return Decision(
                False, f"Your role ({role}) may not move a draft from {stage} to {target}."
            )
        return _decide(
            self._may(permission),
            f"Only the owner and members of this draft may move it from {stage} to {target}.",
        )

    def consolidate(self) -> Decision:
        return _decide(
            self._may(CONSOLIDATE),
            "Only the owner and members of this draft, or those who record what parliament "
            "adopted, may apply its amendments.",
        )

    def propose(self) -> Decision:
        return _decide(
            self._may(AMENDMENT_PROPOSE),
            "Only the owner and members of this draft may propose amendments.",
        )

    def edit_amendment(self, amendment: Amendment) -> Decision:
        """Change or withdraw a proposed amendment."""
        return _decide(
            self._may(AMENDMENT_EDIT, _authored(self.person, amendment.author_id)),
            "Only the author of an amendment may change or withdraw it.",
        )

    def decide(self) -> Decision:
        return _decide(self._may(AMENDMENT_DECIDE), "Your role does not decide amendments.")

    def manage_meetings(self) -> Decision:
        return _decide(
            self._may(MEETING_MANAGE),
            "Only the owner and members of this draft, or committee staff, may record its "
            "meetings.",
        )

    def comment(self) -> Decision:
        return _decide(self._may(COMMENT), "Your role does not comment on drafts.")

    def edit_comment(self, comment: Comment) -> Decision:
        return _decide(
            self._may(COMMENT_EDIT, _authored(self.person, comment.author_id)),
            "Only the author of a comment may edit it.",
        )

    def resolve_comment(self, comment: Comment) -> Decision:
        return _decide(
            self._may(COMMENT_RESOLVE, _authored(self.person, comment.author_id)),
            "Only the author of the thread, the owner of the draft or a reviewer of the draft "
            "may resolve it.",
        )

    def consult(self) -> Decision:
        """Comment on the draft in consultation (guests: only where invited, only then)."""
        return _decide(
            self._may(CONSULTATION_COMMENT),
            "Only the organisations invited to this draft's consultation may comment on it, "
            "and only while it is in consultation.",
        )

    def read_consultation(self) -> Decision:
        """Read the draft's consultation: whoever reads drafts, and the invited guests."""
        allowed = self._may(READ) or self._may(CONSULTATION_COMMENT)
        return _decide(allowed, "Only those invited to this draft's consultation may read it.")

    def manage_consultation(self) -> Decision:
        """Invite organisations and answer their comments."""
        return _decide(
            self._may(CONSULTATION_MANAGE),
            "Only the owner and members of this draft may invite organisations and answer "
            "their comments.",
        )


def _authored(person: Person | None, author_id: int | None) -> frozenset[Reach]:
    if person is not None and author_id == person.id:
        return frozenset({Reach.AUTHOR})
    return frozenset()


def on_draft(session: Session, person: Person | None, draft: Draft) -> DraftRights:
    """The person's rights on the draft (one query for their membership)."""
    return DraftRights(person, draft, parts_in(session, person, draft))


def keeps_user_admin(role: str | None) -> bool:
    """Whether a role still administers users (nobody may take that right from themselves)."""
    return allows(role, USER_ADMIN)
