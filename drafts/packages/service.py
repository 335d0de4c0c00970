"""Draft packages: create, read, edit, targets, members, stages and the tracking views.

Services flush, they never commit. Who may do what is asked of `drafts.access`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from drafts import access, audit, service
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.models import Instrument, Version
from drafts.notify import service as notify
from drafts.packages.models import Amendment, Draft, DraftMember, DraftTarget, Meeting, StageMove
from drafts.packages.schemas import DraftCreate, DraftUpdate, NewInstrumentIn, TargetIn
from drafts.packages.stages import FINAL, TRANSITIONS, allowed_moves
from drafts.permissions import AMENDMENT_DECIDE, allows
from drafts.tree import from_dict, normalize_text
from drafts.users import User


def get_draft(*, session: Session, draft_id: int) -> Draft:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise NotFound(f"There is no draft with id {draft_id}.")
    return draft


def titles(*, session: Session, draft_ids: set[int | None]) -> dict[int, str]:
    """The titles of these drafts, by id."""
    wanted = [draft_id for draft_id in draft_ids if draft_id is not None]
    if not wanted:
        return {}
    return dict(session.execute(select(Draft.id, Draft.title).where(Draft.id.in_(wanted))).all())


def list_drafts(
    *, session: Session, offset: int, limit: int, stage: str | None = None
) -> tuple[list[Draft], int]:
    query = select(Draft)
    if stage:
        query = query.where(Draft.stage == stage)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.order_by(Draft.id.desc()).offset(offset).limit(limit)).all()
    return list(items), total


def days_in_stage(draft: Draft, today: date | None = None) -> int:
    return ((today or utcnow().date()) - draft.stage_since.date()).days


def member_ids(*, session: Session, draft: Draft) -> list[int]:
    rows = session.scalars(select(DraftMember.user_id).where(DraftMember.draft_id == draft.id))
    return sorted(rows)


def check_open(draft: Draft) -> None:
    if draft.consolidated_at is not None:
        raise Conflict("This draft has been consolidated; it can no longer be changed.")
    if draft.stage in ("withdrawn", "in_force"):
        raise Conflict(
            f"This draft is {draft.stage.replace('_', ' ')}; it can no longer be changed."
        )


def _check_users(session: Session, ids: list[int]) -> list[int]:
    unique = sorted(set(ids))
    found = set(session.scalars(select(User.id).where(User.id.in_(unique)))) if unique else set()
    missing = [i for i in unique if i not in found]
    if missing:
        raise InvalidInput(f"There is no user with id {missing[0]}.")
    return unique


def _set_members(session: Session, draft: Draft, ids: list[int]) -> None:
    wanted = set(_check_users(session, ids)) - {draft.owner_id}
    current = {
        m.user_id: m
        for m in session.scalars(select(DraftMember).where(DraftMember.draft_id == draft.id))
    }
    for user_id, member in current.items():
        if user_id not in wanted:
            session.delete(member)
    for user_id in wanted - set(current):
        session.add(DraftMember(draft_id=draft.id, user_id=user_id))


def create_draft(*, session: Session, data: DraftCreate, user: User, actor: audit.Actor) -> Draft:
    draft = Draft(
        title=normalize_text(data.title),
        description=normalize_text(data.description),
        owner_id=user.id,
    )
    session.add(draft)
    session.flush()
    _set_members(session, draft, data.members)
    session.add(StageMove(draft_id=draft.id, from_stage=None, to_stage="drafting", user_id=user.id))
    for target in data.targets:
        _add_target(session, draft, target)
    session.flush()
    audit.record(session, actor, "draft.create", "draft", draft.id, draft_id=draft.id)
    return draft


def update_draft(
    *, session: Session, draft: Draft, data: DraftUpdate, user: User, actor: audit.Actor
) -> Draft:
    access.on_draft(session, user, draft).manage().check()
    check_open(draft)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "members" in changes:
        _set_members(session, draft, changes.pop("members"))
    for field, value in changes.items():
        setattr(draft, field, normalize_text(value))
    draft.updated_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "draft.update",
        "draft",
        draft.id,
        draft_id=draft.id,
        fields=sorted(data.model_dump(exclude_unset=True)),
    )
    return draft


def targets(*, session: Session, draft: Draft) -> list[DraftTarget]:
    return list(
        session.scalars(
            select(DraftTarget).where(DraftTarget.draft_id == draft.id).order_by(DraftTarget.id)
        )
    )


def target_for(*, session: Session, draft: Draft, instrument_id: int) -> DraftTarget:
    target = session.scalar(
        select(DraftTarget).where(
            DraftTarget.draft_id == draft.id, DraftTarget.instrument_id == instrument_id
        )
    )
    if target is None:
        raise InvalidInput(
            f"Instrument {instrument_id} is not a target of this draft; add it to the draft first."
        )
    return target


def _add_target(session: Session, draft: Draft, data: TargetIn) -> DraftTarget:
    instrument = service.get_instrument(session=session, instrument_id=data.instrument_id)
    if session.scalar(
        select(DraftTarget.id).where(
            DraftTarget.draft_id == draft.id, DraftTarget.instrument_id == instrument.id
        )
    ):
        raise Conflict(f"{instrument.title} is a target of this draft already.")
    if data.base_version is None:
        base = service.latest_version(session=session, instrument=instrument)
        if base is None:
            raise InvalidInput(f"{instrument.title} has no version to amend yet.")
    else:
        base = service.get_version(session=session, instrument=instrument, number=data.base_version)
    target = DraftTarget(draft_id=draft.id, instrument_id=instrument.id, base_version_id=base.id)
    session.add(target)
    session.flush()
    return target


def add_target(
    *, session: Session, draft: Draft, data: TargetIn, user: User, actor: audit.Actor
) -> DraftTarget:
    access.on_draft(session, user, draft).manage().check()
    check_open(draft)
    target = _add_target(session, draft, data)
    draft.updated_at = utcnow()
    audit.record(
        session,
        actor,
        "draft.add_target",
        "draft",
        draft.id,
        draft_id=draft.id,
        instrument_id=target.instrument_id,
    )
    return target


def create_instrument(
    *, session: Session, draft: Draft, data: NewInstrumentIn, user: User, actor: audit.Actor
) -> DraftTarget:
    """A new instrument drafted inside the package; its versions stay drafts until adoption."""
    access.on_draft(session, user, draft).manage().check()
    check_open(draft)
    instrument = service.create_instrument(session=session, data=data.instrument, actor=actor)
    version = service.create_version(
        session=session,
        instrument=instrument,
        provisions=tuple(from_dict(node.model_dump()) for node in data.provisions),
        actor=actor,
        label="First draft",
        status="draft",
        message=f"Drafted in draft package {draft.id}.",
        draft_id=draft.id,
    )
    target = DraftTarget(
        draft_id=draft.id,
        instrument_id=instrument.id,
        base_version_id=version.id,
        creates_instrument=True,
    )
    session.add(target)
    draft.updated_at = utcnow()
    session.flush()
    audit.record(
        session, actor, "draft.create_instrument", "instrument", instrument.id, draft_id=draft.id
    )
    return target


def move_stage(
    *,
    session: Session,
    draft: Draft,
    to: str,
    user: User,
    actor: audit.Actor,
    note: str = "",
    meeting_id: int | None = None,
) -> StageMove:
    if (draft.stage, to) not in TRANSITIONS:
        allowed = ", ".join(allowed_moves(draft.stage)) or "nowhere"
        raise Conflict(
            f"A draft in {draft.stage.replace('_', ' ')} cannot move to "
            f"{to.replace('_', ' ')}; it can move to: {allowed}."
        )
    access.on_draft(session, user, draft).move(to).check()
    if meeting_id is not None:
        check_meeting(session=session, draft=draft, meeting_id=meeting_id)
    move = StageMove(
        draft_id=draft.id,
        from_stage=draft.stage,
        to_stage=to,
        user_id=user.id,
        note=normalize_text(note),
        meeting_id=meeting_id,
    )
    session.add(move)
    draft.stage = to
    draft.stage_since = utcnow()
    draft.updated_at = draft.stage_since
    session.flush()
    audit.record(
        session,
        actor,
        "draft.stage",
        "draft",
        draft.id,
        draft_id=draft.id,
        from_stage=move.from_stage,
        to_stage=to,
    )
    notify.stage_moved(session, draft, move)
    return move


def check_meeting(*, session: Session, draft: Draft, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.draft_id != draft.id:
        raise InvalidInput(f"Meeting {meeting_id} is not a meeting of this draft.")
    return meeting


def timeline(*, session: Session, draft: Draft) -> list[StageMove]:
    return list(
        session.scalars(
            select(StageMove).where(StageMove.draft_id == draft.id).order_by(StageMove.id)
        )
    )


def activity(
    *, session: Session, offset: int, limit: int, draft_id: int | None = None
) -> tuple[list[audit.AuditEntry], int]:
    """Recent changes to drafts: of one draft, or of every draft."""
    query = select(audit.AuditEntry).where(audit.AuditEntry.draft_id.is_not(None))
    if draft_id is not None:
        query = query.where(audit.AuditEntry.draft_id == draft_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(audit.AuditEntry.id.desc()).offset(offset).limit(limit)
    ).all()
    return list(rows), total


def drafts_for_instrument(*, session: Session, instrument: Instrument) -> list[Draft]:
    return list(
        session.scalars(
            select(Draft)
            .join(DraftTarget, DraftTarget.draft_id == Draft.id)
            .where(DraftTarget.instrument_id == instrument.id)
            .order_by(Draft.id)
        )
    )


def pending_amendments(
    *, session: Session, instrument: Instrument | None = None
) -> list[Amendment]:
    """Accepted amendments (to one instrument, or to any) that no consolidation applied yet."""
    query = select(Amendment).where(
        Amendment.status == "accepted", Amendment.consolidated_version_id.is_(None)
    )
    if instrument is not None:
        query = query.join(DraftTarget, DraftTarget.id == Amendment.target_id).where(
            DraftTarget.instrument_id == instrument.id
        )
    return list(session.scalars(query.order_by(Amendment.id)))


def drafts_of(*, session: Session, user: User) -> list[Draft]:
    """Drafts the user owns or is a member of, until they are closed (in force or withdrawn):
    a consolidated draft stays, as its stages go on."""
    member = select(DraftMember.draft_id).where(DraftMember.user_id == user.id)
    return list(
        session.scalars(
            select(Draft)
            .where(
                (Draft.owner_id == user.id) | Draft.id.in_(member),
                Draft.stage.not_in(FINAL),
            )
            .order_by(Draft.updated_at.desc())
        )
    )


def awaiting(*, session: Session, user: User) -> list[Amendment]:
    """Proposed amendments waiting on the user: their own (drafters), all (who decides)."""
    query = select(Amendment).where(Amendment.status == "proposed")
    if not allows(user.role, AMENDMENT_DECIDE):
        query = query.where(Amendment.author_id == user.id)
    return list(session.scalars(query.order_by(Amendment.id).limit(100)))


def base_version(*, session: Session, target: DraftTarget) -> Version:
    return session.get(Version, target.base_version_id)
