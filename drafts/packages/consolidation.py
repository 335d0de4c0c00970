"""Consolidation: applying a draft's accepted amendments to its base versions, giving new
versions, in the caller's one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from drafts import access, amend, audit, diff, service
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput
from drafts.models import Instrument, Version
from drafts.packages.amendments import draft_conflicts, list_amendments, operation
from drafts.packages.models import Draft, DraftTarget
from drafts.packages.schemas import ConsolidateIn
from drafts.packages.service import targets
from drafts.packages.stages import version_status
from drafts.users import User


@dataclass(frozen=True, slots=True)
class Drift:
    """A target whose instrument has versions newer than the draft's base."""

    target: DraftTarget
    instrument: Instrument
    base: Version
    latest: Version
    changes: diff.Diff


def drift(*, session: Session, draft: Draft) -> list[Drift]:
    """What changed in each target instrument since the version the draft amends."""
    found = []
    for target in targets(session=session, draft=draft):
        instrument = session.get(Instrument, target.instrument_id)
        base = session.get(Version, target.base_version_id)
        latest = service.latest_version(session=session, instrument=instrument)
        if latest.id != base.id and target.result_version_id != latest.id:
            changes = diff.compare(
                service.read_tree(session=session, version=base),
                service.read_tree(session=session, version=latest),
            )
            found.append(Drift(target, instrument, base, latest, changes))
    return found


def consolidate(
    *, session: Session, draft: Draft, data: ConsolidateIn, user: User, actor: audit.Actor
) -> list[Version]:
    """New versions of every target with the accepted amendments applied.

    The versions' status follows the draft's stage (`stages.version_status`): a draft not yet
    adopted gives draft versions. Refuses while accepted amendments conflict, and when a base
    version is no longer the latest unless `rebase` asks to re-apply the amendments to the
    latest version.
    """
    access.on_draft(session, user, draft).consolidate().check()
    status = _status(draft, data.status)
    accepted = list_amendments(session=session, draft=draft, status="accepted")
    if not accepted:
        raise InvalidInput("The draft has no accepted amendments to consolidate.")
    clashes = draft_conflicts(session=session, draft=draft, statuses=("accepted",))
    if clashes:
        messages = [c.message for group in clashes for c in group.conflicts]
        raise Conflict(
            f"Accepted amendments conflict ({len(messages)}); decide between them first. "
            + messages[0],
            errors=[{"field": "amendments", "message": m} for m in messages],
        )
    drifted = {d.target.id: d for d in drift(session=session, draft=draft)}
    if drifted and not data.rebase:
        first = next(iter(drifted.values()))
        raise Conflict(
            f"{first.instrument.title} has version {first.latest.number}, newer than version "
            f"{first.base.number} that the draft amends; consolidate with rebase to re-apply "
            "the amendments to the newest version.",
            errors=[
                {
                    "field": f"targets.{d.instrument.id}",
                    "message": f"changed since version {d.base.number}: {d.changes.summary()}",
                }
                for d in drifted.values()
            ],
        )

    versions = []
    for target in targets(session=session, draft=draft):
        mine = [a for a in accepted if a.target_id == target.id]
        if not mine:
            continue
        instrument = session.get(Instrument, target.instrument_id)
        parent = (
            drifted[target.id].latest
            if target.id in drifted
            else session.get(Version, target.base_version_id)
        )
        tree = amend.apply(
            service.read_tree(session=session, version=parent), [operation(a) for a in mine]
        )
        version = service.create_version(
            session=session,
            instrument=instrument,
            provisions=tree,
            actor=actor,
            label=data.label or f"Consolidated from draft {draft.id}",
            status=status,
            effective_date=data.effective_date,
            message=f"Consolidation of draft {draft.id}: {draft.title}",
            parent_number=parent.number,
            draft_id=draft.id,
        )
        target.result_version_id = version.id
        for amendment in mine:
            amendment.consolidated_version_id = version.id
        versions.append(version)
    draft.consolidated_at = utcnow()
    draft.updated_at = draft.consolidated_at
    session.flush()
    audit.record(
        session,
        actor,
        "draft.consolidate",
        "draft",
        draft.id,
        draft_id=draft.id,
        versions=[v.id for v in versions],
        rebased=bool(drifted),
    )
    return versions


def _status(draft: Draft, asked: str | None) -> str:
    """The status of the new versions, or a Conflict when the draft cannot be consolidated."""
    stage = draft.stage.replace("_", " ")
    if draft.consolidated_at is not None:
        raise Conflict("This draft has been consolidated already.")
    if draft.stage == "withdrawn":
        raise Conflict("This draft was withdrawn; its amendments are not applied.")
    status = version_status(draft.stage)
    if asked is not None and asked != status:
        raise Conflict(
            f"A draft in {stage} gives versions with the status {status.replace('_', ' ')}, "
            f"not {asked.replace('_', ' ')}: adopted and in-force versions come from drafts "
            "in those stages.",
            errors=[{"field": "status", "message": f"must be {status} in this stage"}],
        )
    return status
