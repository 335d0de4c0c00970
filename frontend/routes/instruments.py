"""Instrument pages: the list, one instrument's text at a version or a date, provision history."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from api.deps import SessionDep
from drafts import service
from drafts.errors import InvalidInput
from drafts.packages import comments
from drafts.permissions import READ
from drafts.tree import Node, walk
from frontend.deps import PageUser, page_require
from frontend.routes.links import links_by_provision, show_provision
from frontend.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_require(READ))])
CONTAINERS = frozenset({"part", "chapter", "section", "article"})


def flatten(nodes: tuple[Node, ...], depth: int = 0) -> list[tuple[Node, int]]:
    """(node, depth) in document order, for reading the text top to bottom."""
    rows = []
    for node in nodes:
        rows.append((node, depth))
        rows.extend(flatten(node.children, depth + 1))
    return rows


def contents(nodes: tuple[Node, ...]) -> list[dict]:
    """The table of contents: the containers of a tree, nested."""
    return [
        {"node": node, "children": contents(node.children)}
        for node in nodes
        if node.kind in CONTAINERS
    ]


@router.get("/instruments")
def instrument_list(
    request: Request,
    session: SessionDep,
    q: Annotated[str, Query(max_length=200)] = "",
    kind: Annotated[str, Query(max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> object:
    per_page = 50
    items, total = service.list_instruments(
        session=session,
        offset=(page - 1) * per_page,
        limit=per_page,
        kind=kind or None,
        q=q or None,
    )
    latest = {i.id: service.latest_version(session=session, instrument=i) for i in items}
    return render(
        request,
        "instruments/list.html",
        items=items,
        latest=latest,
        total=total,
        page=page,
        pages=max(1, -(-total // per_page)),
        q=q,
        kind=kind,
    )


@router.get("/instruments/{instrument_id}")
def instrument_page(
    request: Request,
    instrument_id: int,
    session: SessionDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    at: Annotated[str, Query(max_length=10)] = "",
) -> object:
    """The text of a version (the latest, a number, or the one in force on a date)."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    versions, _ = service.list_versions(session=session, instrument=instrument, offset=0, limit=500)
    if at:
        try:
            chosen = service.version_as_at(
                session=session, instrument=instrument, at=date.fromisoformat(at)
            )
        except ValueError:
            raise InvalidInput(f"{at} is not a date; use the form YYYY-MM-DD.") from None
    elif version is not None:
        chosen = service.get_version(session=session, instrument=instrument, number=version)
    else:
        chosen = versions[-1] if versions else None
    nodes = service.read_tree(session=session, version=chosen) if chosen else ()
    ids = [node.provision_id for node in walk(nodes)]
    notes = comments.comments_on(session=session, provision_ids=ids)
    return render(
        request,
        "instruments/page.html",
        instrument=instrument,
        versions=versions,
        chosen=chosen,
        at=at,
        rows=flatten(nodes),
        toc=contents(nodes),
        notes=notes,
        links=links_by_provision(session, instrument, chosen),
    )


@router.get("/instruments/{instrument_id}/provisions/{provision_id}")
def provision_page(
    request: Request, instrument_id: int, provision_id: str, session: SessionDep, user: PageUser
) -> object:
    """How one provision changed, version by version, and the treaty links it has."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    return show_provision(request, session, user, instrument, provision_id)
