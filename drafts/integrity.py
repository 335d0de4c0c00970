"""Recomputing every version's hash chain to find rows changed behind Kanun's back."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import eids, store
from drafts.hashing import version_hash
from drafts.models import Instrument, Version
from drafts.tree import walk


@dataclass(frozen=True, slots=True)
class Finding:
    instrument_id: int
    version: int
    problem: str


def verify_versions(session: Session) -> tuple[int, list[Finding]]:
    """(versions checked, what is wrong). A version whose stored hash is not the hash of
    its rows chained to its parent's stored hash has been tampered with."""
    findings: list[Finding] = []
    checked = 0
    hashes: dict[int, str] = {}
    for instrument_id in session.scalars(select(Instrument.id).order_by(Instrument.id)):
        versions = session.scalars(
            select(Version).where(Version.instrument_id == instrument_id).order_by(Version.number)
        )
        for version in versions:
            checked += 1
            hashes[version.id] = version.content_hash
            parent_hash = hashes.get(version.parent_id) if version.parent_id else None
            nodes = store.read_tree(session, version)
            recomputed = version_hash(
                nodes, parent_hash, status=version.status, effective_date=version.effective_date
            )
            if recomputed != version.content_hash:
                findings.append(
                    Finding(
                        instrument_id,
                        version.number,
                        "its stored text, status, effective date or parent's hash differs from "
                        "what was recorded",
                    )
                )
            if sum(1 for _ in walk(nodes)) != version.provision_count:
                findings.append(
                    Finding(instrument_id, version.number, "provisions were added or removed")
                )
            stored_eids = [node.eid for node in walk(nodes)]
            if stored_eids != [node.eid for node in walk(eids.assign(nodes))]:
                findings.append(
                    Finding(instrument_id, version.number, "its stored eIds do not match its tree")
                )
    return checked, findings
