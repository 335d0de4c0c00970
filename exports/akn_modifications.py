"""The passive modifications of a version: what the drafts consolidated into it and into the
versions before it did to its provisions, for the Akoma Ntoso `<analysis>` block."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import service
from drafts.models import Instrument, Version
from drafts.packages.models import Amendment, Draft
from drafts.tree import Node, walk

TYPES = {
    "replace_text": "substitution",
    "replace_heading": "substitution",
    "move": "substitution",
    "renumber": "renumbering",
    "insert": "insertion",
    "delete": "repeal",
}


def passive_modifications(
    *, session: Session, instrument: Instrument, version: Version, nodes: tuple[Node, ...]
) -> list[dict]:
    """One modification per consolidated amendment whose place is still in `nodes`: the
    changed provision, or, for an insertion or a repeal, the provision that holds it."""
    rows = session.execute(
        select(Amendment, Draft, Version)
        .join(Draft, Draft.id == Amendment.draft_id)
        .join(Version, Version.id == Amendment.consolidated_version_id)
        .where(Version.instrument_id == instrument.id, Version.number <= version.number)
        .order_by(Version.number, Amendment.id)
    ).all()
    eid_of = {node.provision_id: node.eid for node in walk(nodes)}
    parent_of = _parents(nodes)
    parents_before: dict[int, dict[str, str]] = {}
    found = []
    for amendment, draft, consolidated in rows:
        if amendment.kind == "delete" and consolidated.parent_id not in parents_before:
            before = session.get(Version, consolidated.parent_id)
            parents_before[before.id] = _parents(service.read_tree(session=session, version=before))
        holders = parents_before.get(consolidated.parent_id, parent_of)
        destination = _destination(amendment, eid_of, parent_of, holders)
        if destination is None:
            continue
        found.append(
            {
                "id": f"pmod_{amendment.id}",
                "type": TYPES[amendment.kind],
                "destination": destination,
                "source": f"/akn/{instrument.jurisdiction}/bill/draft-{draft.id}",
                "source_title": draft.title,
                "date": (consolidated.effective_date or consolidated.created_at.date()).isoformat(),
            }
        )
    return found


def _parents(nodes: tuple[Node, ...]) -> dict[str, str]:
    return {
        child.provision_id: node.provision_id for node in walk(nodes) for child in node.children
    }


def _destination(
    amendment: Amendment,
    eid_of: dict[str, str],
    parent_of: dict[str, str],
    parent_before: dict[str, str],
) -> str | None:
    """The eId the modification points at, or None when that place is gone from the text."""
    if amendment.kind == "insert":
        holder = (
            amendment.anchor_id
            if amendment.position == "last_child"
            else parent_of.get(amendment.anchor_id)
        )
    elif amendment.kind == "delete":
        holder = parent_before.get(amendment.provision_id)
    else:
        holder = amendment.provision_id
    return eid_of.get(holder) if holder else None
