"""Whether a link still holds: where its provision stands in a version, and whether the
wording changed since a person confirmed the link (with the word redline since then)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from alignment.models import Alignment
from drafts import service, store, worddiff
from drafts.models import Instrument, Revision, Version


@dataclass(frozen=True, slots=True)
class Place:
    """A provision in one version: the revision it shows there and its eId."""

    revision_id: int
    eid: str
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Check:
    """A link held against one version: where its provision stands there, and whether the
    wording changed since the link was confirmed (`redline` then shows how)."""

    version: int | None
    eid: str | None
    needs_recheck: bool
    redline: dict[str, list] | None


def places(session: Session, version: Version | None, provision_ids: list[str]) -> dict[str, Place]:
    """Where each of the provisions stands in `version`; those not in it are left out."""
    if version is None or not provision_ids:
        return {}
    return {
        provision_id: Place(revision.id, eid, revision.heading, revision.text)
        for provision_id, (revision, eid) in store.places(session, version, provision_ids).items()
    }


def redline(reviewed: Revision, heading: str, text: str) -> dict[str, list] | None:
    """Word ops from the reviewed wording to the given one; None when heading and text agree
    (a renumbering alone does not call for a fresh look)."""
    if (reviewed.heading, reviewed.text) == (heading, text):
        return None
    return {
        "heading": [list(op) for op in worddiff.diff(reviewed.heading, heading)],
        "text": [list(op) for op in worddiff.diff(reviewed.text, text)],
    }


def check(
    *, session: Session, alignments: Iterable[Alignment], version: Version | None = None
) -> dict[int, Check]:
    """Each link held against `version` when it is of the link's instrument, else against the
    latest version. A confirmed link needs a recheck when its provision's wording changed since
    it was reviewed, or when the provision is no longer there."""
    by_instrument: dict[int, list[Alignment]] = {}
    for alignment in alignments:
        by_instrument.setdefault(alignment.instrument_id, []).append(alignment)
    found: dict[int, Check] = {}
    for instrument_id, links in by_instrument.items():
        held = version
        if held is None or held.instrument_id != instrument_id:
            instrument = session.get(Instrument, instrument_id)
            held = service.latest_version(session=session, instrument=instrument)
        where = places(session, held, [link.provision_id for link in links])
        for link in links:
            found[link.id] = _check(session, link, held, where.get(link.provision_id))
    return found


def _check(
    session: Session, link: Alignment, version: Version | None, place: Place | None
) -> Check:
    number = version.number if version else None
    eid = place.eid if place else None
    if link.status != "confirmed" or link.reviewed_revision_id is None:
        return Check(number, eid, False, None)
    if place is None:
        return Check(number, None, True, None)
    if place.revision_id == link.reviewed_revision_id:
        return Check(number, eid, False, None)
    reviewed = session.get(Revision, link.reviewed_revision_id)
    changes = redline(reviewed, place.heading, place.text)
    return Check(number, eid, changes is not None, changes)
