"""Amendments: propose, edit (every save kept), decide, withdraw, their redline and conflicts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts import access, amend, audit, diff, service, worddiff
from drafts.conflicts import Conflict as AmendmentConflict
from drafts.conflicts import conflicts
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.models import Version
from drafts.notify import service as notify
from drafts.packages.models import Amendment, AmendmentSave, Draft, DraftTarget
from drafts.packages.schemas import AmendmentCreate, AmendmentFields
from drafts.packages.service import check_meeting, check_open, target_for, targets
from drafts.packages.stages import BEFORE_ADOPTION, REVIEW
from drafts.tree import Node, normalize_text, walk
from drafts.users import User

CONTENT = ("provision_id", "anchor_id", "position", "num", "heading", "text", "nodes")
EDITABLE = (*CONTENT, "rationale", "treaty_refs")
LIVE = ("proposed", "accepted")
"""Amendments that count for conflicts: neither rejected nor withdrawn."""


def get_amendment(*, session: Session, amendment_id: int) -> Amendment:
    amendment = session.get(Amendment, amendment_id)
    if amendment is None:
        raise NotFound(f"There is no amendment with id {amendment_id}.")
    return amendment


def list_amendments(
    *, session: Session, draft: Draft, status: str | None = None
) -> list[Amendment]:
    query = select(Amendment).where(Amendment.draft_id == draft.id)
    if status:
        query = query.where(Amendment.status == status)
    return list(session.scalars(query.order_by(Amendment.id)))


def operation(amendment: Amendment) -> amend.Operation:
    """A stored amendment as an operation, named by its id."""
    return amend.operation_of(amendment, key=str(amendment.id))


def base_tree(*, session: Session, amendment: Amendment) -> tuple[Node, ...]:
    target = session.get(DraftTarget, amendment.target_id)
    version = session.get(Version, target.base_version_id)
    return service.read_tree(session=session, version=version)


def redline(*, session: Session, amendment: Amendment) -> diff.Diff:
    """What the amendment does to its base version, alone."""
    tree = base_tree(session=session, amendment=amendment)
    return diff.compare(tree, amend.preview(tree, operation(amendment)))


def _content(data: AmendmentFields) -> dict:
    fields = data.model_dump(include=set(EDITABLE))
    for name in ("num", "heading", "text", "rationale"):
        if fields.get(name) is not None:
            fields[name] = normalize_text(fields[name])
    return fields


def _check_applies(session: Session, amendment: Amendment) -> None:
    """Refuse an amendment that names provisions its base version lacks, or cannot apply."""
    change = operation(amendment)
    tree = base_tree(session=session, amendment=amendment)
    known = {node.provision_id for node in walk(tree)}
    for name in ("provision_id", "anchor_id"):
        value = getattr(amendment, name)
        if value is not None and value not in known:
            raise InvalidInput(
                f"The base version has no provision {value}.",
                errors=[{"field": name, "message": "not a provision of the base version"}],
            )
    amend.preview(tree, change)


def _save(session: Session, amendment: Amendment, user: User) -> AmendmentSave:
    number = (
        session.scalar(
            select(func.max(AmendmentSave.number)).where(AmendmentSave.amendment_id == amendment.id)
        )
        or 0
    ) + 1
    save = AmendmentSave(
        amendment_id=amendment.id,
        number=number,
        saved_by=user.id,
        content={name: getattr(amendment, name) for name in EDITABLE},
    )
    session.add(save)
    return save


def _check_proposer(session: Session, draft: Draft, user: User) -> None:
    check_open(draft)
    if draft.stage not in BEFORE_ADOPTION:
        raise Conflict("The draft has been adopted; no more amendments can be proposed.")
    access.on_draft(session, user, draft).propose().check()


def propose(
    *, session: Session, draft: Draft, data: AmendmentCreate, user: User, actor: audit.Actor
) -> Amendment:
    _check_proposer(session, draft, user)
    target = target_for(session=session, draft=draft, instrument_id=data.instrument_id)
    amendment = Amendment(
        draft_id=draft.id, target_id=target.id, kind=data.kind, author_id=user.id, **_content(data)
    )
    session.add(amendment)
    session.flush()
    _check_applies(session, amendment)
    _save(session, amendment, user)
    session.flush()
    audit.record(
        session,
        actor,
        "amendment.create",
        "amendment",
        amendment.id,
        draft_id=draft.id,
        kind=amendment.kind,
    )
    notify.amendment_proposed(session, amendment)
    return amendment


def _check_editable(session: Session, amendment: Amendment, user: User) -> Draft:
    draft = session.get(Draft, amendment.draft_id)
    check_open(draft)
    if amendment.status != "proposed":
        raise Conflict(f"This amendment is {amendment.status}; only proposed ones can change.")
    access.on_draft(session, user, draft).edit_amendment(amendment).check()
    return draft


def update(
    *,
    session: Session,
    amendment: Amendment,
    data: AmendmentFields,
    user: User,
    actor: audit.Actor,
) -> Amendment:
    draft = _check_editable(session, amendment, user)
    changes = _content(data)
    for name in data.model_fields_set & set(EDITABLE):
        setattr(amendment, name, changes[name])
    amendment.updated_at = utcnow()
    session.flush()
    _check_applies(session, amendment)
    _save(session, amendment, user)
    session.flush()
    audit.record(
        session,
        actor,
        "amendment.update",
        "amendment",
        amendment.id,
        draft_id=draft.id,
        fields=sorted(data.model_fields_set),
    )
    return amendment


def withdraw(
    *, session: Session, amendment: Amendment, user: User, actor: audit.Actor
) -> Amendment:
    draft = _check_editable(session, amendment, user)
    amendment.status = "withdrawn"
    amendment.updated_at = utcnow()
    session.flush()
    audit.record(session, actor, "amendment.withdraw", "amendment", amendment.id, draft_id=draft.id)
    return amendment


def decide(
    *,
    session: Session,
    amendment: Amendment,
    decision: str,
    user: User,
    actor: audit.Actor,
    note: str = "",
    meeting_id: int | None = None,
) -> Amendment:
    """Accept or reject the amendment; only while the draft is in a review stage."""
    draft = session.get(Draft, amendment.draft_id)
    access.on_draft(session, user, draft).decide().check()
    check_open(draft)
    if draft.stage not in REVIEW:
        raise Conflict(
            f"Amendments are decided from the working group to the second reading; this draft "
            f"is in {draft.stage.replace('_', ' ')}."
        )
    if amendment.status not in ("proposed", "accepted", "rejected"):
        raise Conflict(f"This amendment is {amendment.status}; it cannot be decided.")
    if meeting_id is not None:
        check_meeting(session=session, draft=draft, meeting_id=meeting_id)
    amendment.status = decision
    amendment.decided_by = user.id
    amendment.decided_at = utcnow()
    amendment.decision_note = normalize_text(note)
    amendment.meeting_id = meeting_id
    amendment.updated_at = amendment.decided_at
    session.flush()
    audit.record(
        session,
        actor,
        f"amendment.{decision}",
        "amendment",
        amendment.id,
        draft_id=draft.id,
        meeting_id=meeting_id,
    )
    notify.amendment_decided(session, amendment)
    return amendment


def saves(*, session: Session, amendment: Amendment) -> list[AmendmentSave]:
    return list(
        session.scalars(
            select(AmendmentSave)
            .where(AmendmentSave.amendment_id == amendment.id)
            .order_by(AmendmentSave.number)
        )
    )


def compare_saves(
    *, session: Session, amendment: Amendment, old: int, new: int
) -> dict[str, list[tuple[str, str]]]:
    """Word diffs of each text field that differs between two saves."""
    by_number = {save.number: save for save in saves(session=session, amendment=amendment)}
    for number in (old, new):
        if number not in by_number:
            raise NotFound(f"This amendment has no save {number}.")
    before, after = by_number[old].content, by_number[new].content
    changed = {}
    for name in EDITABLE:
        if before.get(name) != after.get(name):
            changed[name] = list(
                worddiff.diff(_as_text(before.get(name)), _as_text(after.get(name)))
            )
    return changed


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return repr(value)


@dataclass(frozen=True, slots=True)
class TargetConflicts:
    target: DraftTarget
    conflicts: tuple[AmendmentConflict, ...]


def draft_conflicts(
    *, session: Session, draft: Draft, statuses: tuple[str, ...] = LIVE
) -> list[TargetConflicts]:
    """Conflicts between the draft's amendments of the given statuses, per target."""
    found = []
    amendments = [a for a in list_amendments(session=session, draft=draft) if a.status in statuses]
    for target in targets(session=session, draft=draft):
        mine = [operation(a) for a in amendments if a.target_id == target.id]
        if len(mine) < 2:
            continue
        version = session.get(Version, target.base_version_id)
        tree = service.read_tree(session=session, version=version)
        result = conflicts(tree, mine)
        if result:
            found.append(TargetConflicts(target, tuple(result)))
    return found
