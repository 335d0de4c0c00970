"""The history of one provision across the versions of its instrument."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts.errors import NotFound
from drafts.models import Instrument, Provision, Revision, TreeNode, Version


@dataclass(frozen=True, slots=True)
class Step:
    """What one version did to the provision."""

    version: int
    label: str
    status: str
    effective_date: date | None
    change: str  # added | modified | unchanged | removed
    moved: bool
    renumbered: bool
    eid: str | None
    num: str | None
    heading: str | None
    text: str | None


def provision_history(*, session: Session, instrument: Instrument, provision_id: str) -> list[Step]:
    """One step per version from the provision's first appearance on: how it changed there."""
    provision = session.get(Provision, provision_id)
    if provision is None or provision.instrument_id != instrument.id:
        raise NotFound(f"{instrument.title} has no provision {provision_id}.")
    rows = session.execute(
        select(
            TreeNode.from_version,
            TreeNode.until_version,
            TreeNode.eid,
            Revision.id,
            Revision.num,
            Revision.heading,
            Revision.text,
            TreeNode.parent_id,
        )
        .join(Revision, Revision.id == TreeNode.revision_id)
        .where(TreeNode.provision_id == provision_id)
        .order_by(TreeNode.from_version)
    ).all()
    if not rows:
        raise NotFound(f"Provision {provision_id} appears in no version of {instrument.title}.")
    versions = session.scalars(
        select(Version)
        .where(Version.instrument_id == instrument.id, Version.number >= rows[0][0])
        .order_by(Version.number)
    ).all()
    # version number → (number, eId, revision id, num, heading, text, parent provision)
    present = {
        version.number: (version.number, *row)
        for first, until, *row in rows
        for version in versions
        if first <= version.number and (until is None or version.number < until)
    }

    steps: list[Step] = []
    before = None
    for version in versions:
        row = present.get(version.number)
        if row is None:
            if before is not None:
                steps.append(_step(version, "removed", None, False, False))
            before = None
            continue
        if before is None:
            change = "added"
        elif before[2] != row[2]:
            change = "modified" if before[4:6] != row[4:6] else "unchanged"
        else:
            change = "unchanged"
        moved = before is not None and before[6] != row[6]
        renumbered = before is not None and before[3] != row[3]
        steps.append(_step(version, change, row, moved, renumbered))
        before = row
    return steps


def _step(version: Version, change: str, row, moved: bool, renumbered: bool) -> Step:
    return Step(
        version=version.number,
        label=version.label,
        status=version.status,
        effective_date=version.effective_date,
        change=change,
        moved=moved,
        renumbered=renumbered,
        eid=row[1] if row else None,
        num=row[3] if row else None,
        heading=row[4] if row else None,
        text=row[5] if row else None,
    )
