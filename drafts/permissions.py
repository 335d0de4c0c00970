"""What each role may do: the one table of roles and permissions, with the reach of each.

A permission holds on everything (`ANY`), or only where the person has a part: the drafts
they own (`OWNER`), the drafts they own or are members of (`MEMBER`), the amendments and
comments they wrote (`AUTHOR`), the drafts in consultation they are invited to (`INVITED`: a
guest, from an outside organisation, reads and comments there and nowhere else).
`drafts.access` answers "may this person do this to that" from this table and the person's
part; a new role is one more row here.
"""

from __future__ import annotations

from enum import StrEnum

READ = "read"
INSTRUMENT_WRITE = "instrument.write"
VERSION_CREATE = "version.create"
USER_ADMIN = "user.admin"
"""Users and roles, and clearing the sign-in throttle."""
AUDIT_READ = "audit.read"
FRAMEWORK_ADMIN = "framework.admin"
DRAFT_CREATE = "draft.create"
DRAFT_MANAGE = "draft.manage"
"""Editing a draft's title, description and members, adding targets and new instruments."""
AMENDMENT_PROPOSE = "amendment.propose"
AMENDMENT_EDIT = "amendment.edit"
"""Changing or withdrawing a proposed amendment."""
AMENDMENT_DECIDE = "amendment.decide"
COMMENT = "comment"
COMMENT_EDIT = "comment.edit"
COMMENT_RESOLVE = "comment.resolve"
"""Marking a thread of comments resolved, or opening it again."""
MEETING_MANAGE = "meeting.manage"
STAGE_PREPARE = "stage.prepare"
"""Moving a draft through the government's stages: drafting, working group, consultation,
and withdrawing it."""
STAGE_PARLIAMENT = "stage.parliament"
"""Recording what parliament did: readings, adoption, entry into force."""
CONSOLIDATE = "draft.consolidate"
ALIGNMENT_EDIT = "alignment.edit"
"""Linking provisions to treaty articles and recommendations, editing and deleting links."""
ALIGNMENT_REVIEW = "alignment.review"
"""Confirming or rejecting links; drafters hold it too, as the consultants who map the law."""
OBLIGATION_MANAGE = "obligation.manage"
"""Proposing, confirming, editing and linking the implementing acts a law requires."""
CONSULTATION_MANAGE = "consultation.manage"
"""Inviting outside organisations to a draft's consultation and answering their comments."""
CONSULTATION_COMMENT = "consultation.comment"
"""Commenting on the provisions of a draft in consultation; a guest only where invited."""


class Reach(StrEnum):
    """Where a permission holds: everywhere, or where the person has this part."""

    ANY = "any"
    MEMBER = "member"
    OWNER = "owner"
    AUTHOR = "author"
    INVITED = "invited"
    """Invited to the draft's consultation while it is in the consultation stage."""


ANY = frozenset({Reach.ANY})
MEMBER = frozenset({Reach.MEMBER})
OWNER = frozenset({Reach.OWNER})
AUTHOR = frozenset({Reach.AUTHOR})
INVITED = frozenset({Reach.INVITED})

_EVERY_PERMISSION = (
    READ,
    INSTRUMENT_WRITE,
    VERSION_CREATE,
    USER_ADMIN,
    AUDIT_READ,
    FRAMEWORK_ADMIN,
    DRAFT_CREATE,
    DRAFT_MANAGE,
    AMENDMENT_PROPOSE,
    AMENDMENT_EDIT,
    AMENDMENT_DECIDE,
    COMMENT,
    COMMENT_EDIT,
    COMMENT_RESOLVE,
    MEETING_MANAGE,
    STAGE_PREPARE,
    STAGE_PARLIAMENT,
    CONSOLIDATE,
    ALIGNMENT_EDIT,
    ALIGNMENT_REVIEW,
    OBLIGATION_MANAGE,
    CONSULTATION_MANAGE,
    CONSULTATION_COMMENT,
)

PERMISSIONS: dict[str, dict[str, frozenset[Reach]]] = {
    "admin": {permission: ANY for permission in _EVERY_PERMISSION} | {COMMENT_EDIT: AUTHOR},
    "drafter": {
        READ: ANY,
        INSTRUMENT_WRITE: ANY,
        VERSION_CREATE: ANY,
        DRAFT_CREATE: ANY,
        DRAFT_MANAGE: OWNER,
        AMENDMENT_PROPOSE: MEMBER,
        AMENDMENT_EDIT: AUTHOR,
        COMMENT: ANY,
        COMMENT_EDIT: AUTHOR,
        COMMENT_RESOLVE: AUTHOR | OWNER,
        MEETING_MANAGE: MEMBER,
        STAGE_PREPARE: MEMBER,
        CONSOLIDATE: MEMBER,
        ALIGNMENT_EDIT: ANY,
        ALIGNMENT_REVIEW: ANY,
        OBLIGATION_MANAGE: ANY,
        CONSULTATION_MANAGE: MEMBER,
    },
    "reviewer": {
        READ: ANY,
        AMENDMENT_DECIDE: ANY,
        COMMENT: ANY,
        COMMENT_EDIT: AUTHOR,
        COMMENT_RESOLVE: ANY,
        MEETING_MANAGE: ANY,
        STAGE_PARLIAMENT: ANY,
        CONSOLIDATE: ANY,
        ALIGNMENT_REVIEW: ANY,
        OBLIGATION_MANAGE: ANY,
    },
    "viewer": {READ: ANY},
    "guest": {CONSULTATION_COMMENT: INVITED},
}
"""Role → permission → where it holds."""

ROLES: tuple[str, ...] = tuple(PERMISSIONS)
DEFAULT_ROLE = "viewer"
"""The role a form offers first for a new account: the one that may least."""


def reach(role: str | None, permission: str) -> frozenset[Reach]:
    """Where the role holds the permission; empty when it does not hold it at all."""
    return PERMISSIONS.get(role or "", {}).get(permission, frozenset())


def allows(role: str | None, permission: str) -> bool:
    """Whether the role holds the permission somewhere (its reach is checked by `access`)."""
    return bool(reach(role, permission))
