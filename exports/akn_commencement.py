"""A version's commencements in the shape the Akoma Ntoso writer takes (see `exports.akn_out`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from drafts import commencement
from drafts.models import Instrument, Version
from drafts.tree import Node, walk


def commencement_events(*, session: Session, version: Version, nodes: Sequence[Node]) -> list:
    """Each commencement of the version: id, date, the eIds it names, its instrument."""
    eid_of = {node.provision_id: node.eid for node in walk(tuple(nodes))}
    events = []
    for item, provision_ids in commencement.list_commencements(session=session, version=version):
        by = session.get(Instrument, item.by_instrument_id) if item.by_instrument_id else None
        events.append(
            {
                "id": item.id,
                "date": item.commences_on,
                "provisions": [eid_of[pid] for pid in provision_ids if pid in eid_of],
                "source": by.work_uri if by else "",
                "source_title": item.by_title or (by.title if by else ""),
            }
        )
    return events
