"""What each role may do: the one table of roles and permissions.

Some rules also depend on the person (a drafter edits only their own amendments, the owner
of a draft manages it); the services check those, on top of this table.
"""

from __future__ import annotations

READ = "read"
INSTRUMENT_WRITE = "instrument.write"
VERSION_CREATE = "version.create"
USER_ADMIN = "user.admin"
AUDIT_READ = "audit.read"
FRAMEWORK_ADMIN = "framework.admin"
DRAFT_CREATE = "draft.create"
AMENDMENT_PROPOSE = "amendment.propose"
AMENDMENT_DECIDE = "amendment.decide"
COMMENT = "comment"
MEETING_MANAGE = "meeting.manage"
STAGE_PREPARE = "stage.prepare"
"""Moving a draft through the government's stages: drafting, working group, consultation."""
STAGE_PARLIAMENT = "stage.parliament"
"""Recording what parliament did: readings, adoption, entry into force."""
CONSOLIDATE = "draft.consolidate"
ALIGNMENT_EDIT = "alignment.edit"
"""Linking provisions to treaty articles and recommendations, editing and deleting links."""
ALIGNMENT_REVIEW = "alignment.review"
"""Confirming or rejecting links; drafters hold it too, as the consultants who map the law."""

_DRAFTER = {
    READ,
    INSTRUMENT_WRITE,
    VERSION_CREATE,
    DRAFT_CREATE,
    AMENDMENT_PROPOSE,
    COMMENT,
    ALIGNMENT_EDIT,
    ALIGNMENT_REVIEW,
}
_REVIEWER = {
    READ,
    AMENDMENT_DECIDE,
    COMMENT,
    MEETING_MANAGE,
    STAGE_PARLIAMENT,
    CONSOLIDATE,
    ALIGNMENT_REVIEW,
}

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": frozenset(
        _DRAFTER
        | _REVIEWER
        | {USER_ADMIN, AUDIT_READ, FRAMEWORK_ADMIN, STAGE_PREPARE, MEETING_MANAGE}
    ),
    "drafter": frozenset(_DRAFTER | {STAGE_PREPARE, MEETING_MANAGE, CONSOLIDATE}),
    "reviewer": frozenset(_REVIEWER),
    "viewer": frozenset({READ}),
}


def allows(role: str | None, permission: str) -> bool:
    return role is not None and permission in PERMISSIONS.get(role, frozenset())
