"""Linked language versions: one instrument's texts in several languages, provision by provision.

A set of language versions is led by its first text; every other text joins it as official or
as a working translation. Joining links each provision to the provision at the same address
(eId) in the lead text, and records the wording each side had then. A later change of a
provision in one language puts its counterparts out of date until they change too (they have
followed) or someone confirms that they still match. Nothing is written when versions are
made: the state is read from the latest versions and the revisions made since the recorded
wordings, so every way a version arrives (import, consolidation, the API) is covered alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import audit, citations, service
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.linked_models import AUTHORITIES, LanguageVersion, ProvisionLink
from drafts.models import Instrument, Revision
from drafts.tree import Node, walk

CURRENT, OUT_OF_DATE, MISSING = "current", "out_of_date", "missing"
"""The state of one side of a linked pair: it matches, it did not follow a change of the other
side, or there is no counterpart for a provision of the other side."""


@dataclass(frozen=True, slots=True)
class Member:
    instrument: Instrument
    authority: str


@dataclass(frozen=True, slots=True)
class Side:
    eid: str
    citation: str
    num: str
    heading: str
    text: str
    depth: int


@dataclass(frozen=True, slots=True)
class Pair:
    key: str | None
    left: Side | None
    right: Side | None
    left_state: str
    right_state: str

    @property
    def flagged(self) -> bool:
        return self.left_state != CURRENT or self.right_state != CURRENT


def members(*, session: Session, instrument: Instrument) -> list[Member]:
    """The language versions of the set the instrument belongs to (none when it is alone)."""
    own = _membership(session, instrument.id)
    if own is None:
        return []
    rows = session.execute(
        select(LanguageVersion, Instrument)
        .join(Instrument, Instrument.id == LanguageVersion.instrument_id)
        .where(LanguageVersion.set_id == own.set_id)
        .order_by(LanguageVersion.id)
    ).all()
    return [Member(instrument, row.authority) for row, instrument in rows]


def link(
    *,
    session: Session,
    instrument: Instrument,
    counterpart: Instrument,
    authority: str,
    actor: audit.Actor,
) -> list[Member]:
    """Join `counterpart` to the language versions of `instrument` (its set is made when it is
    alone, `instrument` leading it as an official text)."""
    if authority not in AUTHORITIES:
        raise InvalidInput(
            f"A language version is {' or '.join(AUTHORITIES)}, not '{authority}'.",
            errors=[{"field": "authority", "message": "unknown authority"}],
        )
    if counterpart.id == instrument.id:
        raise InvalidInput("An instrument cannot be its own language version.")
    if _membership(session, counterpart.id) is not None:
        raise Conflict(f"{counterpart.title} is a language version of another text already.")
    own = _membership(session, instrument.id)
    set_id = own.set_id if own else instrument.id
    languages = {m.instrument.language: m for m in members(session=session, instrument=instrument)}
    if counterpart.language in languages or counterpart.language == instrument.language:
        raise Conflict(
            f"The set of {instrument.title} has a text in '{counterpart.language}' already."
        )
    lead = session.get(Instrument, set_id)
    lead_tree, other_tree = _latest(session, lead), _latest(session, counterpart)
    for text, tree in ((lead, lead_tree), (counterpart, other_tree)):
        if not tree:
            raise InvalidInput(f"{text.title} has no text yet; add a version first.")
    if own is None:
        session.add(
            LanguageVersion(set_id=set_id, instrument_id=instrument.id, authority="official")
        )
        _link_alone(session, set_id, lead.id, lead_tree)
    session.add(LanguageVersion(set_id=set_id, instrument_id=counterpart.id, authority=authority))
    keys = {n.eid: n.provision_id for n in walk(lead_tree) if n.provision_id}
    known = _links(session, set_id)
    for node in walk(other_tree):
        lead_id = keys.get(node.eid)
        key = known[lead_id].key if lead_id in known else node.provision_id
        session.add(
            ProvisionLink(
                set_id=set_id,
                key=key,
                instrument_id=counterpart.id,
                provision_id=node.provision_id,
                synced_revision_id=node.revision_id,
            )
        )
    session.flush()
    audit.record(
        session,
        actor,
        "language_version.link",
        "instrument",
        counterpart.id,
        set_id=set_id,
        authority=authority,
    )
    return members(session=session, instrument=instrument)


def pairs(*, session: Session, left: Instrument, right: Instrument) -> list[Pair]:
    """The provisions of two language versions side by side, in the left text's order, with
    the right text's provisions that have no counterpart after the one they follow."""
    own = _membership(session, left.id)
    other = _membership(session, right.id)
    if own is None or other is None or own.set_id != other.set_id:
        raise NotFound(f"{right.title} is not a language version of {left.title}.")
    links = _links(session, own.set_id)
    left_tree, right_tree = _latest(session, left), _latest(session, right)
    left_nodes, right_nodes = _flat(left_tree), _flat(right_tree)
    right_by_key: dict[str, int] = {}
    right_by_eid: dict[str, int] = {}
    for k, (node, _) in enumerate(right_nodes):
        if node.provision_id in links:
            right_by_key[links[node.provision_id].key] = k
        else:
            right_by_eid[node.eid] = k
    left_cite = _citations(left, left_tree)
    right_cite = _citations(right, right_tree)
    used: set[int] = set()
    matched: list[tuple[Node, int, int | None]] = []
    for node, depth in left_nodes:
        link_left = links.get(node.provision_id)
        k = right_by_key.get(link_left.key) if link_left else None
        if k is None and node.eid in right_by_eid and right_by_eid[node.eid] not in used:
            k = right_by_eid[node.eid]
        if k is not None:
            used.add(k)
        matched.append((node, depth, k))
    asked = [
        n.provision_id
        for n in _paired(matched, right_nodes)
        if n.provision_id not in links or n.revision_id != links[n.provision_id].synced_revision_id
    ]
    changes = _changes(session, [pid for pid in asked if pid])
    result: list[Pair] = []
    for node, depth, k in matched:
        link_left = links.get(node.provision_id)
        key = link_left.key if link_left else None
        if k is None:
            result.append(Pair(key, _side(node, depth, left_cite), None, CURRENT, MISSING))
            continue
        other_node, other_depth = right_nodes[k]
        bases = _bases(node, other_node, links, changes)
        left_state, right_state = _states(node, other_node, bases, changes)
        result.append(
            Pair(
                key,
                _side(node, depth, left_cite),
                _side(other_node, other_depth, right_cite),
                left_state,
                right_state,
            )
        )
    for k, (node, depth) in enumerate(right_nodes):
        if k not in used:
            link_right = links.get(node.provision_id)
            key = link_right.key if link_right else None
            result.append(Pair(key, None, _side(node, depth, right_cite), MISSING, CURRENT))
    return result


def out_of_date_count(*, session: Session, instrument: Instrument) -> dict[int, int]:
    """For each other language version: how many of its provisions are out of date or
    missing against this instrument's text."""
    counts = {}
    for member in members(session=session, instrument=instrument):
        if member.instrument.id != instrument.id:
            found = pairs(session=session, left=instrument, right=member.instrument)
            counts[member.instrument.id] = sum(1 for p in found if p.right_state != CURRENT)
    return counts


def confirm(*, session: Session, instrument: Instrument, key: str, actor: audit.Actor) -> None:
    """Record that the texts of a linked provision match again in every language."""
    own = _membership(session, instrument.id)
    if own is None:
        raise NotFound(f"{instrument.title} has no language versions.")
    rows = session.scalars(
        select(ProvisionLink).where(ProvisionLink.set_id == own.set_id, ProvisionLink.key == key)
    ).all()
    if not rows:
        raise NotFound(f"There is no linked provision '{key}' in the texts of {instrument.title}.")
    current = {}
    for member in members(session=session, instrument=instrument):
        current.update(
            {n.provision_id: n.revision_id for n in walk(_latest(session, member.instrument))}
        )
    for row in rows:
        if row.provision_id in current:
            row.synced_revision_id = current[row.provision_id]
    audit.record(session, actor, "language_version.confirm", "instrument", instrument.id, key=key)


def _paired(matched: list[tuple[Node, int, int | None]], right: list[tuple[Node, int]]):
    for node, _, k in matched:
        if k is not None:
            yield node
            yield right[k][0]


def _bases(
    left: Node, right: Node, links: dict[str, ProvisionLink], changes: dict[str, list[int]]
) -> tuple[int, int]:
    """The revisions after which each side's changes count: the wordings recorded when the two
    were linked or confirmed; for provisions added after the link (paired by address), the
    moment the later of the two appeared."""
    link_left, link_right = links.get(left.provision_id), links.get(right.provision_id)
    if link_left and link_right:
        return link_left.synced_revision_id, link_right.synced_revision_id
    first = [
        link.synced_revision_id if link else min(changes.get(node.provision_id or "", [0]))
        for node, link in ((left, link_left), (right, link_right))
    ]
    return max(first), max(first)


def _states(
    left: Node, right: Node, bases: tuple[int, int], changes: dict[str, list[int]]
) -> tuple[str, str]:
    """Which side, if any, did not follow the other's changes since they last matched.

    The changes of both sides are replayed in the order they were made: a change flags the
    other side, unless the side that changes is flagged itself, which then has followed."""
    events = sorted(
        [(rid, "left") for rid in _since(changes, left, bases[0])]
        + [(rid, "right") for rid in _since(changes, right, bases[1])]
    )
    behind: str | None = None
    for _, side in events:
        if behind == side:
            behind = None
        elif behind is None:
            behind = "right" if side == "left" else "left"
    return (
        OUT_OF_DATE if behind == "left" else CURRENT,
        OUT_OF_DATE if behind == "right" else CURRENT,
    )


def _since(changes: dict[str, list[int]], node: Node, base: int) -> list[int]:
    """The revisions a provision went through after `base`, up to the one it shows (revision
    ids grow with time)."""
    if node.revision_id is None or node.revision_id <= base:
        return []
    return [
        rid for rid in changes.get(node.provision_id or "", ()) if base < rid <= node.revision_id
    ]


def _changes(session: Session, provision_ids: list[str]) -> dict[str, list[int]]:
    """Every revision of these provisions, by provision."""
    found: dict[str, list[int]] = {}
    if provision_ids:
        rows = session.execute(
            select(Revision.provision_id, Revision.id).where(
                Revision.provision_id.in_(provision_ids)
            )
        ).all()
        for provision_id, revision_id in rows:
            found.setdefault(provision_id, []).append(revision_id)
    return found


def _membership(session: Session, instrument_id: int) -> LanguageVersion | None:
    return session.scalar(
        select(LanguageVersion).where(LanguageVersion.instrument_id == instrument_id)
    )


def _links(session: Session, set_id: int) -> dict[str, ProvisionLink]:
    rows = session.scalars(select(ProvisionLink).where(ProvisionLink.set_id == set_id)).all()
    return {row.provision_id: row for row in rows}


def _link_alone(session: Session, set_id: int, instrument_id: int, tree: tuple[Node, ...]) -> None:
    for node in walk(tree):
        session.add(
            ProvisionLink(
                set_id=set_id,
                key=node.provision_id,
                instrument_id=instrument_id,
                provision_id=node.provision_id,
                synced_revision_id=node.revision_id,
            )
        )
    session.flush()


def _latest(session: Session, instrument: Instrument) -> tuple[Node, ...]:
    version = service.latest_version(session=session, instrument=instrument)
    return service.read_tree(session=session, version=version) if version else ()


def _flat(tree: tuple[Node, ...]) -> list[tuple[Node, int]]:
    found: list[tuple[Node, int]] = []

    def visit(nodes: tuple[Node, ...], depth: int) -> None:
        for node in nodes:
            found.append((node, depth))
            visit(node.children, depth + 1)

    visit(tree, 0)
    return found


def _citations(instrument: Instrument, tree: tuple[Node, ...]) -> dict[str, str]:
    """Each provision's legal citation in its own text's language."""
    style = citations.style_for(instrument.jurisdiction, instrument.language)
    return citations.citations(tree, lang=instrument.language, style=style)


def _side(node: Node, depth: int, cites: dict[str, str]) -> Side:
    return Side(node.eid, cites.get(node.eid, ""), node.num, node.heading, node.text, depth)
