"""Instruments and their versions: create, list, read, read at a date.

Services flush, they never commit: the caller's transaction makes a request atomic.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, aliased

from drafts import audit, eids, matching, store
from drafts.db import utcnow
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.hashing import version_hash
from drafts.models import Instrument, Version
from drafts.schemas import InstrumentCreate, InstrumentUpdate
from drafts.tree import KINDS, MAX_DEPTH, Node, depth, normalize, normalize_text, walk
from drafts.users import User

MAX_PROVISIONS = 50_000


def get_instrument(*, session: Session, instrument_id: int) -> Instrument:
    instrument = session.get(Instrument, instrument_id)
    if instrument is None:
        raise NotFound(f"There is no instrument with id {instrument_id}.")
    return instrument


def list_instruments(
    *, session: Session, offset: int, limit: int, kind: str | None = None, q: str | None = None
) -> tuple[list[Instrument], int]:
    query = select(Instrument)
    if kind:
        query = query.where(Instrument.kind == kind)
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(
            func.lower(Instrument.title).like(pattern)
            | func.lower(Instrument.short_title).like(pattern)
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.order_by(Instrument.id).offset(offset).limit(limit)).all()
    return list(items), total


def instruments_by_title(*, session: Session) -> list[Instrument]:
    """Every instrument, by title: the choices of the pages' filters."""
    return list(session.scalars(select(Instrument).order_by(Instrument.title)))


def create_instrument(
    *, session: Session, data: InstrumentCreate, actor: audit.Actor
) -> Instrument:
    fields = {key: normalize_text(value) for key, value in data.model_dump().items()}
    if session.scalar(select(Instrument.id).where(Instrument.work_uri == fields["work_uri"])):
        raise Conflict(f"An instrument with the work URI {fields['work_uri']} exists already.")
    instrument = Instrument(**fields)
    session.add(instrument)
    session.flush()
    audit.record(session, actor, "instrument.create", "instrument", instrument.id)
    return instrument


def update_instrument(
    *, session: Session, instrument: Instrument, data: InstrumentUpdate, actor: audit.Actor
) -> Instrument:
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    for field, value in changes.items():
        setattr(instrument, field, normalize_text(value))
    instrument.updated_at = utcnow()
    session.flush()
    audit.record(
        session, actor, "instrument.update", "instrument", instrument.id, fields=sorted(changes)
    )
    return instrument


def list_versions(
    *, session: Session, instrument: Instrument, offset: int, limit: int
) -> tuple[list[Version], int]:
    query = select(Version).where(Version.instrument_id == instrument.id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    items = session.scalars(query.order_by(Version.number).offset(offset).limit(limit)).all()
    return list(items), total


_VERSION = select(Version).where(
    Version.instrument_id == bindparam("instrument_id"), Version.number == bindparam("number")
)


def get_version(*, session: Session, instrument: Instrument, number: int) -> Version:
    version = session.scalar(_VERSION, {"instrument_id": instrument.id, "number": number})
    if version is None:
        raise NotFound(f"{instrument.short_title or instrument.title} has no version {number}.")
    return version


_INSTRUMENT_VERSION = (
    select(Instrument, Version)
    .join(Version, Version.instrument_id == Instrument.id)
    .where(Instrument.id == bindparam("instrument_id"), Version.number == bindparam("number"))
)


def instrument_version(
    *, session: Session, instrument_id: int, number: int
) -> tuple[Instrument, Version]:
    """An instrument and its numbered version, read in one query (a cached diff's key is read
    from two of them on every request)."""
    row = session.execute(
        _INSTRUMENT_VERSION, {"instrument_id": instrument_id, "number": number}
    ).first()
    if row is None:
        instrument = get_instrument(session=session, instrument_id=instrument_id)
        get_version(session=session, instrument=instrument, number=number)
    instrument, version = row
    return instrument, version


_PARENT = aliased(Version)
_NUMBERED = (
    select(Version, _PARENT.number, User.display_name, User.username)
    .outerjoin(_PARENT, _PARENT.id == Version.parent_id)
    .outerjoin(User, User.id == Version.author_id)
    .where(
        Version.instrument_id == bindparam("instrument_id"),
        Version.number == bindparam("number"),
    )
)
"""Built once: an alias made per call costs more than the query (its columns are set up anew)."""


def numbered_version(
    *, session: Session, instrument_id: int, number: int
) -> tuple[Version, int | None, str | None]:
    """The version with its parent's number and its author's name, read in one query (for a
    read served from a cache, where these reads are all the request costs)."""
    row = session.execute(_NUMBERED, {"instrument_id": instrument_id, "number": number}).first()
    if row is None:
        instrument = get_instrument(session=session, instrument_id=instrument_id)
        get_version(session=session, instrument=instrument, number=number)
    version, parent_number, display_name, username = row
    return version, parent_number, (display_name or username) if username else None


def latest_version(*, session: Session, instrument: Instrument) -> Version | None:
    return session.scalar(
        select(Version)
        .where(Version.instrument_id == instrument.id)
        .order_by(Version.number.desc())
        .limit(1)
    )


def version_as_at(*, session: Session, instrument: Instrument, at: date) -> Version:
    """The version in force on `at`: the latest in-force version effective on or before it."""
    version = session.scalar(
        select(Version)
        .where(
            Version.instrument_id == instrument.id,
            Version.status.in_(("in_force", "repealed")),
            Version.effective_date <= at,
        )
        .order_by(Version.effective_date.desc(), Version.number.desc())
        .limit(1)
    )
    name = instrument.short_title or instrument.title
    if version is None:
        raise NotFound(f"No version of {name} was in force on {at.isoformat()}.")
    if version.status == "repealed":
        raise NotFound(
            f"{name} was repealed with effect from {version.effective_date.isoformat()}."
        )
    return version


def read_tree(*, session: Session, version: Version) -> tuple[Node, ...]:
    return store.read_tree(session, version)


def create_version(
    *,
    session: Session,
    instrument: Instrument,
    provisions: tuple[Node, ...],
    actor: audit.Actor,
    label: str = "",
    status: str = "draft",
    effective_date: date | None = None,
    message: str = "",
    parent_number: int | None = None,
    draft_id: int | None = None,
) -> Version:
    """Append a version; nodes without a provision id are matched to the parent's provisions.

    `draft_id` names the draft package whose consolidation produces the version."""
    nodes = tuple(normalize(node) for node in provisions)
    _check_shape(nodes)
    latest = latest_version(session=session, instrument=instrument)
    parent = latest
    if parent_number is not None:
        parent = get_version(session=session, instrument=instrument, number=parent_number)
    parent_nodes = store.read_tree(session, parent) if parent else ()
    _check_identities(session, instrument, nodes, parent_nodes)
    nodes = matching.match(eids.assign(nodes), parent_nodes)
    if status in ("in_force", "repealed") and effective_date is None:
        raise InvalidInput(
            "A version that is in force or repealed needs an effective date.",
            errors=[{"field": "effective_date", "message": "required for this status"}],
        )

    version = Version(
        instrument_id=instrument.id,
        number=(latest.number + 1) if latest else 1,
        label=normalize_text(label),
        status=status,
        effective_date=effective_date,
        parent_id=parent.id if parent else None,
        author_id=actor.user_id,
        message=normalize_text(message),
        provision_count=sum(1 for _ in walk(nodes)),
        content_hash=version_hash(
            nodes,
            parent.content_hash if parent else None,
            status=status,
            effective_date=effective_date,
        ),
        draft_id=draft_id,
        nodes_since=(latest.number + 1) if latest else 1,
    )
    session.add(version)
    instrument.updated_at = utcnow()
    session.flush()
    new_revisions = store.write_tree(
        session, version=version, previous=latest, nodes=nodes, parent_nodes=parent_nodes
    )
    audit.record(
        session,
        actor,
        "version.create",
        "version",
        version.id,
        instrument_id=instrument.id,
        number=version.number,
        new_revisions=new_revisions,
    )
    return version


def _check_shape(nodes: tuple[Node, ...]) -> None:
    if depth(nodes) > MAX_DEPTH:
        raise InvalidInput(f"The provisions are nested more than {MAX_DEPTH} levels deep.")
    seen: set[str] = set()
    total = 0
    for node in walk(nodes):
        total += 1
        if node.kind not in KINDS:
            raise InvalidInput(f"'{node.kind}' is not a provision kind: use one of {KINDS}.")
        if node.provision_id:
            if node.provision_id in seen:
                raise InvalidInput(f"Provision {node.provision_id} appears twice in the new text.")
            seen.add(node.provision_id)
    if total > MAX_PROVISIONS:
        raise InvalidInput(f"A version may hold at most {MAX_PROVISIONS} provisions.")


def _check_identities(
    session: Session, instrument: Instrument, nodes: tuple[Node, ...], parent: tuple[Node, ...]
) -> None:
    """Refuse provision ids that are not provisions of this instrument."""
    in_parent = {node.provision_id for node in walk(parent)}
    asked = [
        n.provision_id for n in walk(nodes) if n.provision_id and n.provision_id not in in_parent
    ]
    unknown = sorted(set(asked) - store.known_provisions(session, instrument.id, asked))
    if unknown:
        raise InvalidInput(
            f"Provision {unknown[0]} is not a provision of this instrument; leave provision_id out "
            "for a new provision."
        )


def version_numbers(*, session: Session, instrument: Instrument) -> dict[int, int]:
    """Version id → number, for every version of the instrument."""
    rows = session.execute(
        select(Version.id, Version.number).where(Version.instrument_id == instrument.id)
    )
    return {version_id: number for version_id, number in rows}


def author_names(*, session: Session, versions: list[Version]) -> dict[int, str]:
    ids = {version.author_id for version in versions if version.author_id}
    if not ids:
        return {}
    users = session.scalars(select(User).where(User.id.in_(ids)))
    return {user.id: user.name for user in users}


def author_name(*, session: Session, version: Version) -> str | None:
    return author_names(session=session, versions=[version]).get(version.author_id)
