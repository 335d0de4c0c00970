"""Tracking the implementing acts a law requires: proposals from its wording, people's review,
the responsible body, the due date, and the draft package and instrument that fulfil each.

Services flush, they never commit. The status of the work is derived (`obligations_status`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from drafts import audit, commencement, obligations, service
from drafts.db import Base, utcnow
from drafts.errors import InvalidInput, NotFound
from drafts.models import Instrument, Provision, Version
from drafts.obligations_status import Work, status
from drafts.packages.models import Draft
from drafts.provision_refs import cited
from drafts.tree import Node, normalize_text, walk
from drafts.users import User

DESCRIPTION_LENGTH = 2_000


class Obligation(Base):
    """One implementing act a provision of a law requires of a body."""

    __tablename__ = "obligations"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id), index=True)
    provision_id: Mapped[str] = mapped_column(ForeignKey(Provision.id), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey(Version.id))
    """The version whose wording it was read from."""
    body: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    phrase: Mapped[str] = mapped_column(String(300), default="")
    """The words it was proposed from; empty for one added by hand."""
    pattern: Mapped[str] = mapped_column(String(40), default="")
    review: Mapped[str] = mapped_column(String(20), default="proposed")
    due_date: Mapped[date | None] = mapped_column(Date)
    draft_id: Mapped[int | None] = mapped_column(ForeignKey(Draft.id), index=True)
    adopted_instrument_id: Mapped[int | None] = mapped_column(ForeignKey(Instrument.id))
    author_id: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012


@dataclass(frozen=True, slots=True)
class View:
    """An obligation with what people read beside it: the law, the provision, the links."""

    obligation: Obligation
    instrument: Instrument
    eid: str
    citation: str
    status: str | None
    draft: Draft | None
    adopted: Instrument | None


def get(*, session: Session, obligation_id: int) -> Obligation:
    found = session.get(Obligation, obligation_id)
    if found is None:
        raise NotFound(f"There is no obligation with id {obligation_id}.")
    return found


def _reading_version(session: Session, instrument: Instrument) -> Version:
    """The version obligations are read from: the newest one."""
    version = service.latest_version(session=session, instrument=instrument)
    name = instrument.short_title or instrument.title
    if version is None:
        raise InvalidInput(f"{name} has no text yet to read obligations from.")
    return version


def propose(*, session: Session, instrument: Instrument, actor: audit.Actor) -> list[Obligation]:
    """Read the newest version for obligations and store those not proposed before, with the
    due date the law sets when it counts one from the provision's commencement."""
    version = _reading_version(session, instrument)
    nodes = service.read_tree(session=session, version=version)
    text_of = {node.provision_id: node.text for node in walk(nodes)}
    starts = commencement.dates_for(session=session, version=version, nodes=nodes)
    known = {
        (provision_id, body.casefold())
        for provision_id, body in session.execute(
            select(Obligation.provision_id, Obligation.body).where(
                Obligation.instrument_id == instrument.id
            )
        )
    }
    made: list[Obligation] = []
    for found in obligations.detect_in_tree(nodes, instrument.language):
        key = (found.provision_id, found.finding.body.casefold())
        if found.provision_id is None or key in known:
            continue
        known.add(key)
        made.append(
            Obligation(
                instrument_id=instrument.id,
                provision_id=found.provision_id,
                version_id=version.id,
                body=found.finding.body[:300],
                description=(text_of.get(found.provision_id) or "")[:DESCRIPTION_LENGTH],
                phrase=found.finding.phrase[:300],
                pattern=found.finding.pattern,
                due_date=obligations.due_date(
                    text_of.get(found.provision_id) or "",
                    instrument.language,
                    starts.get(found.provision_id) or version.effective_date,
                ),
                author_id=actor.user_id,
            )
        )
    session.add_all(made)
    session.flush()
    audit.record(
        session, actor, "obligation.propose", "instrument", instrument.id, proposed=len(made)
    )
    return made


def create(
    *,
    session: Session,
    instrument: Instrument,
    provision: str,
    body: str,
    description: str,
    due_date: date | None,
    actor: audit.Actor,
) -> Obligation:
    """An obligation people add by hand: confirmed from the start."""
    version = _reading_version(session, instrument)
    nodes = service.read_tree(session=session, version=version)
    (provision_id,) = commencement.resolve(nodes, [provision])
    obligation = Obligation(
        instrument_id=instrument.id,
        provision_id=provision_id,
        version_id=version.id,
        body=normalize_text(body),
        description=normalize_text(description),
        review="confirmed",
        due_date=due_date,
        author_id=actor.user_id,
    )
    session.add(obligation)
    session.flush()
    audit.record(session, actor, "obligation.create", "obligation", obligation.id)
    return obligation


def update(
    *, session: Session, obligation: Obligation, changes: dict, actor: audit.Actor
) -> Obligation:
    """Review, edit or link an obligation; `changes` holds only the fields sent."""
    if changes.get("draft_id") is not None and session.get(Draft, changes["draft_id"]) is None:
        raise InvalidInput(
            f"There is no draft package with id {changes['draft_id']}.",
            errors=[{"field": "draft_id", "message": "no such draft package"}],
        )
    adopted = changes.get("adopted_instrument_id")
    if adopted is not None and session.get(Instrument, adopted) is None:
        raise InvalidInput(
            f"There is no instrument with id {adopted}.",
            errors=[{"field": "adopted_instrument_id", "message": "no such instrument"}],
        )
    for field, value in changes.items():
        if field in ("body", "description") and value is not None:
            value = normalize_text(value)
        if field == "body" and not value:
            raise InvalidInput(
                "An obligation needs the body that must act.",
                errors=[{"field": "body", "message": "required"}],
            )
        setattr(obligation, field, value)
    obligation.updated_at = utcnow()
    session.flush()
    audit.record(
        session, actor, "obligation.update", "obligation", obligation.id, fields=sorted(changes)
    )
    return obligation


def views(
    *,
    session: Session,
    today: date,
    instrument_id: int | None = None,
    draft_targets: Sequence[int] | None = None,
    ids: Sequence[int] | None = None,
) -> list[View]:
    """The obligations of one law, of several, or of all, with their status on `today`."""
    query = select(Obligation).order_by(Obligation.instrument_id, Obligation.id)
    if instrument_id is not None:
        query = query.where(Obligation.instrument_id == instrument_id)
    if draft_targets is not None:
        query = query.where(Obligation.instrument_id.in_(list(draft_targets)))
    if ids is not None:
        query = query.where(Obligation.id.in_(list(ids)))
    rows = list(session.scalars(query))
    instruments = _by_id(session, Instrument, {o.instrument_id for o in rows})
    adopted = _by_id(session, Instrument, {o.adopted_instrument_id for o in rows})
    drafts = _by_id(session, Draft, {o.draft_id for o in rows})
    places = _places(session, instruments.values())
    made = []
    for row in rows:
        draft = drafts.get(row.draft_id)
        work = Work(
            row.review,
            row.due_date,
            draft.stage if draft else None,
            bool(row.adopted_instrument_id),
        )
        eid, citation = places[row.instrument_id].get(row.provision_id, ("", ""))
        made.append(
            View(
                obligation=row,
                instrument=instruments[row.instrument_id],
                eid=eid,
                citation=citation,
                status=status(work, today),
                draft=draft,
                adopted=adopted.get(row.adopted_instrument_id),
            )
        )
    return made


def _by_id(session: Session, model, ids: set) -> dict:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {item.id: item for item in session.scalars(select(model).where(model.id.in_(ids)))}


def _places(session: Session, instruments) -> dict[int, dict[str, tuple[str, str]]]:
    """Instrument id → provision id → (eId, citation) in its newest version."""
    places: dict[int, dict[str, tuple[str, str]]] = {}
    for instrument in instruments:
        version = service.latest_version(session=session, instrument=instrument)
        nodes: tuple[Node, ...] = (
            service.read_tree(session=session, version=version) if version else ()
        )
        places[instrument.id] = cited(instrument, nodes)
    return places
