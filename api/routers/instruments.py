"""Instruments, their versions, the text in force at a date, and provision histories."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

import orjson
from fastapi import APIRouter, Depends, Query, Request, Response

from api import representations, version_body
from api.deps import (
    ActorDep,
    Paged,
    PageDep,
    ReadSessionDep,
    SessionDep,
    check_if_match,
    etag_of,
    paged,
    read_in_thread,
    require,
)
from api.version_body import NewVersionDep
from drafts import commencement, history, service, standing
from drafts.db import utcnow
from drafts.errors import NotFound
from drafts.models import Instrument, Version
from drafts.permissions import INSTRUMENT_WRITE, READ, VERSION_CREATE
from drafts.schemas import (
    InstrumentCreate,
    InstrumentKind,
    InstrumentOut,
    InstrumentUpdate,
    NodeOut,
    ProvisionHistory,
    VersionListed,
    VersionOut,
    VersionSummary,
)
from drafts.tree import Node, to_dict

router = APIRouter(prefix="/instruments", tags=["instruments"])
Reader = Depends(require(READ))


def instrument_etag(instrument: Instrument) -> str:
    return etag_of("instrument", instrument.id, instrument.lock_version)


def _summary(version: Version, number_of: dict[int, int], names: dict[int, str]) -> dict:
    return {
        "number": version.number,
        "label": version.label,
        "status": version.status,
        "effective_date": version.effective_date,
        "parent": number_of.get(version.parent_id) if version.parent_id else None,
        "author": names.get(version.author_id) if version.author_id else None,
        "message": version.message,
        "created_at": version.created_at,
        "provision_count": version.provision_count,
        "content_hash": version.content_hash,
        "draft_id": version.draft_id,
    }


def _version_out(session, instrument: Instrument, version: Version, at: date | None = None) -> dict:
    parent = session.get(Version, version.parent_id) if version.parent_id else None
    author = service.author_name(session=session, version=version)
    body = _summary(
        version,
        {parent.id: parent.number} if parent else {},
        {version.author_id: author} if author else {},
    )
    nodes = service.read_tree(session=session, version=version)
    if at is not None:
        nodes = commencement.in_force_on(session=session, version=version, nodes=nodes, at=at)
    body["instrument_id"] = instrument.id
    body["provisions"] = [to_dict(node) for node in nodes]
    return body


@router.get("", dependencies=[Reader])
def list_instruments(
    session: SessionDep,
    page: PageDep,
    kind: InstrumentKind | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words of the title")] = None,
) -> Paged[InstrumentOut]:
    items, total = service.list_instruments(
        session=session, offset=page.offset, limit=page.per_page, kind=kind, q=q
    )
    return paged([InstrumentOut.model_validate(i) for i in items], total, page)


@router.post(
    "",
    status_code=201,
    response_model=InstrumentOut,
    dependencies=[Depends(require(INSTRUMENT_WRITE))],
)
def create_instrument(
    data: InstrumentCreate, session: SessionDep, actor: ActorDep, response: Response
) -> Instrument:
    instrument = service.create_instrument(session=session, data=data, actor=actor)
    response.headers["ETag"] = instrument_etag(instrument)
    response.headers["Location"] = f"/api/v1/instruments/{instrument.id}"
    return instrument


@router.get("/{instrument_id}", response_model=InstrumentOut, dependencies=[Reader])
def read_instrument(instrument_id: int, session: SessionDep, response: Response) -> Instrument:
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    response.headers["ETag"] = instrument_etag(instrument)
    return instrument


@router.patch(
    "/{instrument_id}",
    response_model=InstrumentOut,
    dependencies=[Depends(require(INSTRUMENT_WRITE))],
)
def update_instrument(
    instrument_id: int,
    data: InstrumentUpdate,
    request: Request,
    session: SessionDep,
    actor: ActorDep,
    response: Response,
) -> Instrument:
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    check_if_match(request, instrument_etag(instrument))
    service.update_instrument(session=session, instrument=instrument, data=data, actor=actor)
    response.headers["ETag"] = instrument_etag(instrument)
    return instrument


@router.get("/{instrument_id}/versions", dependencies=[Reader])
def list_versions(instrument_id: int, session: SessionDep, page: PageDep) -> Paged[VersionListed]:
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    versions, total = service.list_versions(
        session=session, instrument=instrument, offset=page.offset, limit=page.per_page
    )
    number_of = service.version_numbers(session=session, instrument=instrument)
    names = service.author_names(session=session, versions=versions)
    every, _ = service.list_versions(session=session, instrument=instrument, offset=0, limit=None)
    marks = standing.standings(every, utcnow().date())
    items = [
        VersionListed(**_summary(v, number_of, names), standing=marks[v.number].state)
        for v in versions
    ]
    return paged(items, total, page)


@router.post(
    "/{instrument_id}/versions",
    status_code=201,
    response_model=VersionOut,
    dependencies=[Depends(require(VERSION_CREATE))],
    openapi_extra=version_body.OPENAPI,
)
def create_version(
    instrument_id: int, data: NewVersionDep, request: Request, session: SessionDep, actor: ActorDep
) -> Response:
    """Append a version. Send the instrument's ETag in If-Match: a version created by
    someone else since you read the instrument makes this a 412, not a silent overwrite."""
    # The body, a `VersionCreate`, is read lean by `api.version_body`; the reply is written
    # a top-level provision at a time, never as one object of the whole tree.
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    check_if_match(request, instrument_etag(instrument))
    fields = data.fields
    version = service.create_version(
        session=session,
        instrument=instrument,
        provisions=data.take(),
        actor=actor,
        label=fields.label,
        status=fields.status,
        effective_date=fields.effective_date,
        message=fields.message,
        parent_number=fields.parent,
    )
    _, head = _head(session, instrument.id, version.number)
    nodes = service.read_tree(session=session, version=version)
    location = f"/api/v1/instruments/{instrument.id}/versions/{version.number}"
    return Response(
        _with_provisions(head, nodes),
        status_code=201,
        media_type="application/json",
        headers={"ETag": instrument_etag(instrument), "Location": location},
    )


def _with_provisions(head: dict, nodes: tuple[Node, ...]) -> bytes:
    """`head` with `provisions` added, as JSON, built one top-level provision at a time."""
    parts = [representations.dumps(head)[:-1], b',"provisions":[']
    for i, node in enumerate(nodes):
        parts += (b"," if i else b"", representations.dumps(to_dict(node)))
    parts.append(b"]}")
    return b"".join(parts)


@router.get("/{instrument_id}/versions/{number}", response_model=VersionOut, dependencies=[Reader])
async def read_version(
    instrument_id: int,
    number: int,
    session: ReadSessionDep,
    request: Request,
    eid: Annotated[
        str | None, Query(max_length=400, description="only this provision and what it holds")
    ] = None,
    depth: Annotated[
        int | None, Query(ge=1, le=20, description="levels of the tree (1: the top level)")
    ] = None,
) -> Response:
    """A numbered version, whole or one subtree (`eid`), down to `depth` levels. Numbered
    versions never change: the reply has a strong ETag, `304` answers a matching
    If-None-Match, and `Cache-Control: immutable` lets the client keep it."""

    def rekey(session) -> str:
        return _version_key(session, instrument_id, number, eid, depth)[0]

    def answer() -> Response:
        key, version, head = _version_key(session, instrument_id, number, eid, depth)

        def make() -> bytes:
            nodes = _nodes(session, version)
            if eid is not None:
                found = representations.subtree(nodes, eid)
                if found is None:
                    law = service.get_instrument(session=session, instrument_id=instrument_id)
                    raise NotFound(f"Version {number} of {law.title} has no provision {eid}.")
                nodes = [found]
            if depth is not None:
                nodes = representations.cut(nodes, depth)
            return representations.dumps({**head, "provisions": nodes})

        return representations.immutable(request, key, make, rekey=rekey)

    return await read_in_thread(session, answer)


def _version_key(
    session, instrument_id: int, number: int, eid: str | None, depth: int | None
) -> tuple[str, Version, dict]:
    """The key of a numbered version's representation, with the version and its summary."""
    version, head = _head(session, instrument_id, number)
    key = representations.key_of("version", version.id, version.content_hash, head, eid, depth)
    return key, version, head


def _head(session, instrument_id: int, number: int) -> tuple[Version, dict]:
    """The version and its summary in the API's shape."""
    version, parent, author = service.numbered_version(
        session=session, instrument_id=instrument_id, number=number
    )
    summary = _summary(
        version,
        {version.parent_id: parent} if parent is not None else {},
        {version.author_id: author} if author else {},
    )
    head = VersionSummary.model_validate(summary).model_dump(mode="json")
    return version, head | {"instrument_id": instrument_id}


_NODE_FIELDS = tuple(NodeOut.model_fields)


def _nodes(session, version: Version) -> list[dict]:
    """The version's tree in the API's shape, read once per content hash."""
    key = representations.key_of("tree", version.id, version.content_hash)
    tree = representations.CACHE.remembered(
        key,
        lambda: representations.dumps(
            [_node(to_dict(node)) for node in service.read_tree(session=session, version=version)]
        ),
    )
    return orjson.loads(tree)


def _node(data: dict) -> dict:
    return {
        **{name: data[name] for name in _NODE_FIELDS if name != "children"},
        "children": [_node(child) for child in data["children"]],
    }


@router.get("/{instrument_id}/as-at/{at}", response_model=VersionOut, dependencies=[Reader])
def read_as_at(instrument_id: int, at: date, session: SessionDep) -> dict:
    """The text in force on a date: the latest in-force version effective on or before it,
    without its provisions that have not commenced by then."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    version = service.version_as_at(session=session, instrument=instrument, at=at)
    return _version_out(session, instrument, version, at)


@router.get(
    "/{instrument_id}/provisions/{provision_id}/history",
    response_model=ProvisionHistory,
    dependencies=[Reader],
)
def provision_history(instrument_id: int, provision_id: str, session: SessionDep) -> dict:
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    steps = history.provision_history(
        session=session, instrument=instrument, provision_id=provision_id
    )
    return {
        "provision_id": provision_id,
        "instrument_id": instrument.id,
        "entries": [asdict(step) for step in steps],
    }
