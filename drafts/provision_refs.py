"""Provisions as people cite them: provision id → (eId, citation), in the law's own style."""

from __future__ import annotations

from collections.abc import Sequence

from drafts import citations
from drafts.models import Instrument
from drafts.tree import Node, walk


def cited(instrument: Instrument, nodes: Sequence[Node], lang: str | None = None) -> dict:
    """Provision id → (eId, citation) for every provision of the tree, cited in `lang`
    (the law's language by default)."""
    language = lang or instrument.language
    style = citations.style_for(instrument.jurisdiction, instrument.language)
    by_eid = citations.citations(nodes, lang=language, style=style)
    return {
        node.provision_id: (node.eid, by_eid.get(node.eid, node.eid))
        for node in walk(tuple(nodes))
        if node.provision_id
    }
