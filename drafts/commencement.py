"""Commencement per provision: when each provision of a version comes into force.

A version's provisions may commence on different dates, or on a date another instrument sets
later ("Articles 12 to 15 come into force on a date set by the Cabinet of Ministers", then a
decree bringing them into force). Commencements are recorded beside the version, append-only,
and never touch it: its tree and its hash stay as they were.

How a provision's date is decided (`commencement_dates`): the records that name the provision
itself or, failing that, its nearest named ancestor decide; failing those, the records about the
whole version; failing those, the version's effective date. Of the deciding records the earliest
date wins; records without a date ("on a date to be set") leave the provision uncommenced until
a later record gives one. The text in force at a date (`in_force`) keeps a provision when it has
commenced by then, or when one of its descendants has (as the frame around it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from drafts import audit
from drafts.db import Base, utcnow
from drafts.errors import InvalidInput
from drafts.models import Instrument, Provision, Version
from drafts.tree import Node, normalize_text, walk
from drafts.users import User


class Commencement(Base):
    """One commencement event: some provisions of a version (or all of it) from a date."""

    __tablename__ = "commencements"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), index=True)
    commences_on: Mapped[date | None] = mapped_column(Date)
    """None: on a date to be set later (by another instrument)."""
    by_instrument_id: Mapped[int | None] = mapped_column(ForeignKey("instruments.id"))
    """The instrument that brings the provisions into force, when Kanun holds it."""
    by_title: Mapped[str] = mapped_column(String(500), default="")
    """The commencing instrument as cited ("Decree No. 45 of 1 March 2025")."""
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CommencementProvision(Base):
    """A provision a commencement names; a commencement naming none is about the whole version."""

    __tablename__ = "commencement_provisions"

    commencement_id: Mapped[int] = mapped_column(ForeignKey("commencements.id"), primary_key=True)
    provision_id: Mapped[str] = mapped_column(ForeignKey(Provision.id), primary_key=True)


@dataclass(frozen=True, slots=True)
class Rule:
    """What one commencement says: these provisions (none: the whole version) from this date."""

    provision_ids: frozenset[str]
    commences_on: date | None


def commencement_dates(
    nodes: Sequence[Node], rules: Iterable[Rule], default: date | None
) -> dict[str, date | None]:
    """Provision id → the date it commences (None: not yet set), for every provision."""
    named: dict[str, list[date | None]] = {}
    whole: list[date | None] = []
    for rule in rules:
        if not rule.provision_ids:
            whole.append(rule.commences_on)
        for provision_id in rule.provision_ids:
            named.setdefault(provision_id, []).append(rule.commences_on)
    fallback = _earliest(whole) if whole else default
    dates: dict[str, date | None] = {}
    stack: list[tuple[Node, date | None]] = [(node, fallback) for node in reversed(nodes)]
    while stack:
        node, inherited = stack.pop()
        own = _earliest(named[node.provision_id]) if node.provision_id in named else inherited
        if node.provision_id:
            dates[node.provision_id] = own
        stack.extend((child, own) for child in reversed(node.children))
    return dates


def _earliest(dates: Iterable[date | None]) -> date | None:
    known = [day for day in dates if day is not None]
    return min(known) if known else None


def has_commenced(commences_on: date | None, at: date) -> bool:
    return commences_on is not None and commences_on <= at


def in_force(nodes: Sequence[Node], dates: dict[str, date | None], at: date) -> tuple[Node, ...]:
    """The tree without the provisions that have not commenced on `at`.

    A provision that has not commenced stays only as the frame of a descendant that has."""
    kept: list[Node] = []
    for node in nodes:
        children = in_force(node.children, dates, at)
        commenced = has_commenced(dates.get(node.provision_id or ""), at)
        if commenced or children:
            if any(new is not old for new, old in zip(children, node.children, strict=False)) or (
                len(children) != len(node.children)
            ):
                node = replace(node, children=children)
            kept.append(node)
    return tuple(kept)


def pending(nodes: Sequence[Node], dates: dict[str, date | None], at: date) -> set[str]:
    """The provision ids of `nodes` that have not commenced on `at`."""
    return {
        node.provision_id
        for node in walk(tuple(nodes))
        if node.provision_id and not has_commenced(dates.get(node.provision_id), at)
    }


def pending_heads(nodes: Sequence[Node], dates: dict[str, date | None], at: date) -> list[str]:
    """The provisions not commenced on `at` whose parent is in the text in force (or that have
    no parent), in document order: "Article 14", not also "Article 14(1)"."""
    shown = {node.provision_id for node in walk(in_force(nodes, dates, at))}
    heads: list[str] = []
    stack: list[tuple[Node, bool]] = [(node, True) for node in reversed(nodes)]
    while stack:
        node, parent_shown = stack.pop()
        if (
            parent_shown
            and node.provision_id
            and not has_commenced(dates.get(node.provision_id), at)
        ):
            heads.append(node.provision_id)
        stack.extend((child, node.provision_id in shown) for child in reversed(node.children))
    return heads


# Service: recording and reading commencements.


def rules_for(*, session: Session, version: Version) -> list[Rule]:
    """The version's commencements as rules, in the order they were recorded."""
    rows = session.execute(
        select(Commencement.id, Commencement.commences_on, CommencementProvision.provision_id)
        .outerjoin(CommencementProvision)
        .where(Commencement.version_id == version.id)
        .order_by(Commencement.id)
    ).all()
    grouped: dict[int, tuple[date | None, set[str]]] = {}
    for commencement_id, commences_on, provision_id in rows:
        _, ids = grouped.setdefault(commencement_id, (commences_on, set()))
        if provision_id:
            ids.add(provision_id)
    return [Rule(frozenset(ids), day) for day, ids in grouped.values()]


def dates_for(*, session: Session, version: Version, nodes: Sequence[Node]) -> dict:
    """Provision id → commencement date for the version's tree `nodes`."""
    return commencement_dates(
        nodes, rules_for(session=session, version=version), version.effective_date
    )


def list_commencements(
    *, session: Session, version: Version
) -> list[tuple[Commencement, list[str]]]:
    """The version's commencements, oldest first, each with the provision ids it names."""
    items = session.scalars(
        select(Commencement).where(Commencement.version_id == version.id).order_by(Commencement.id)
    ).all()
    named: dict[int, list[str]] = {item.id: [] for item in items}
    if items:
        for commencement_id, provision_id in session.execute(
            select(CommencementProvision.commencement_id, CommencementProvision.provision_id).where(
                CommencementProvision.commencement_id.in_(named)
            )
        ):
            named[commencement_id].append(provision_id)
    return [(item, named[item.id]) for item in items]


def resolve(nodes: Sequence[Node], refs: Sequence[str]) -> list[str]:
    """The provision ids of `refs` (eIds or provision ids of the tree), in the order given."""
    by_ref: dict[str, str] = {}
    for node in walk(tuple(nodes)):
        if node.provision_id:
            by_ref[node.provision_id] = node.provision_id
            by_ref.setdefault(node.eid, node.provision_id)
    unknown = [ref for ref in refs if ref not in by_ref]
    if unknown:
        raise InvalidInput(
            f"This version has no provision {unknown[0]}; name provisions by their eId or "
            "provision id.",
            errors=[{"field": "provisions", "message": f"unknown provision {unknown[0]}"}],
        )
    return list(dict.fromkeys(by_ref[ref] for ref in refs))


def record(
    *,
    session: Session,
    version: Version,
    nodes: Sequence[Node],
    provisions: Sequence[str],
    commences_on: date | None,
    by_instrument_id: int | None,
    by_title: str,
    note: str,
    actor: audit.Actor,
) -> tuple[Commencement, list[str]]:
    """Append a commencement of `provisions` (eIds or ids; none: the whole version)."""
    provision_ids = resolve(nodes, provisions)
    if by_instrument_id is not None and session.get(Instrument, by_instrument_id) is None:
        raise InvalidInput(
            f"There is no instrument with id {by_instrument_id} to bring these provisions "
            "into force.",
            errors=[{"field": "by_instrument_id", "message": "no such instrument"}],
        )
    item = Commencement(
        version_id=version.id,
        commences_on=commences_on,
        by_instrument_id=by_instrument_id,
        by_title=normalize_text(by_title),
        note=normalize_text(note),
        author_id=actor.user_id,
    )
    session.add(item)
    session.flush()
    if provision_ids:
        session.execute(
            CommencementProvision.__table__.insert(),
            [{"commencement_id": item.id, "provision_id": pid} for pid in provision_ids],
        )
    audit.record(
        session,
        actor,
        "commencement.create",
        "version",
        version.id,
        commences_on=commences_on.isoformat() if commences_on else None,
        provisions=len(provision_ids),
    )
    return item, provision_ids


def in_force_on(
    *, session: Session, version: Version, nodes: Sequence[Node], at: date
) -> tuple[Node, ...]:
    """The version's tree `nodes` as in force on `at`: only what has commenced by then."""
    return in_force(nodes, dates_for(session=session, version=version, nodes=nodes), at)


def worth_marking(*, session: Session, version: Version) -> bool:
    """Whether pages and exports should mark the version's provisions not yet in force: a
    version in force, or one with commencements recorded (a draft has commenced nothing)."""
    if version.status == "in_force":
        return True
    return (
        session.scalar(select(Commencement.id).where(Commencement.version_id == version.id))
        is not None
    )
