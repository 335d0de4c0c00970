"""Linked language versions: one instrument's texts in several languages, provision by provision.

A set of language versions is led by its first text; every other text joins it as official or
as a working translation. Joining links each provision to the provision at the same address
(eId) in the lead text, and records the wording each side had then. When a new version of one
language changes a provision and a counterpart keeps the wording it had when the two last
matched, the counterpart's translation is out of date. Nothing is written when versions are
made: the state is read from the latest versions and the recorded wordings, so every way a
version arrives (import, consolidation, the API) is covered alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from drafts import audit, citations, service
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.linked_models import AUTHORITIES, LanguageVersion, ProvisionLink
from drafts.models import Instrument
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
    if not other_tree:
        raise InvalidInput(f"{counterpart.title} has no text yet; add a version first.")
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
    result: list[Pair] = []
    for node, depth in left_nodes:
        link_left = links.get(node.provision_id)
        k = right_by_key.get(link_left.key) if link_left else right_by_eid.get(node.eid)
        if k is None:
            side = _side(node, depth, left_cite)
            result.append(Pair(link_left.key if link_left else None, side, None, CURRENT, MISSING))
            continue
        used.add(k)
        other_node, other_depth = right_nodes[k]
        link_right = links.get(other_node.provision_id)
        left_state, right_state = _states(node, other_node, link_left, link_right)
        result.append(
            Pair(
                link_left.key if link_left else None,
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


def _states(
    left: Node, right: Node, link_left: ProvisionLink | None, link_right: ProvisionLink | None
) -> tuple[str, str]:
    if link_left is None or link_right is None:
        return CURRENT, CURRENT
    left_changed = left.revision_id != link_left.synced_revision_id
    right_changed = right.revision_id != link_right.synced_revision_id
    if left_changed and not right_changed:
        return CURRENT, OUT_OF_DATE
    if right_changed and not left_changed:
        return OUT_OF_DATE, CURRENT
    return CURRENT, CURRENT


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
