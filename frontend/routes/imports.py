"""Importing a law from a file: check it first (what Kanun read, and the warnings), then store
it as a new instrument or as the next version of one."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import Field
from sqlalchemy.orm import Session

from api import problem_text
from api.deps import SessionDep, client_ip
from drafts import audit, service
from drafts.errors import (
    Conflict,
    InvalidInput,
    KanunError,
    NotFound,
    PreconditionFailed,
)
from drafts.models import Instrument
from drafts.permissions import VERSION_CREATE
from drafts.tree import Node, count
from drafts.users import User
from exports import importing
from exports import service as documents
from exports.schemas import ImportFields
from frontend.deps import page_require
from frontend.forms import kept, redirect_after_upload, uploaded
from frontend.i18n import translate
from frontend.routes import word_review
from frontend.templating import render

router = APIRouter(include_in_schema=False)
router.include_router(word_review.router)
Importer = Depends(page_require(VERSION_CREATE))
NOT_ABOUT_THE_FILE = (Conflict, NotFound, PreconditionFailed)
"""Refusals that leave the file worth keeping; so do those naming form fields."""
PREVIEW_PER_PAGE = 25
"""Top-level provisions (parts, chapters, schedules…) a page of the preview shows, each
collapsed to its heading until opened."""


class ImportForm(ImportFields):
    """The form as typed, kept so that a refused form comes back unchanged: the fields of
    `exports.importing`, and what the page needs around them."""

    action: Literal["check", "import"] = "check"
    target: Literal["new", "existing"] = "new"
    instrument_id: Annotated[str, Field(max_length=12)] = ""
    jurisdiction: Annotated[str, Field(max_length=20)] = "tm"
    language: Annotated[str, Field(max_length=10)] = "en"
    checked: Annotated[str, Field(max_length=40)] = ""
    """The instrument and its lock version when the file was checked; a change refuses."""
    kept_name: Annotated[str, Field(max_length=300)] = ""
    kept_file: str = ""
    preview_page: Annotated[str, Field(max_length=6)] = "1"
    """Which page of the preview of what was read to show."""


def _page(
    request: Request,
    session: Session,
    fields: ImportForm,
    *,
    status: int = 200,
    error: str = "",
    field_errors: dict[str, str] | None = None,
    imported: documents.Imported | None = None,
    instrument: Instrument | None = None,
    kept: tuple[str, bytes] | None = None,
) -> Response:
    instruments, _ = service.list_instruments(session=session, offset=0, limit=500)
    name, data = kept or ("", b"")
    return render(
        request,
        "imports/page.html",
        status_code=status,
        fields=fields,
        instruments=instruments,
        error=error,
        field_errors=field_errors or {},
        imported=imported,
        provision_count=count(imported.result.nodes) if imported else 0,
        preview=_preview(imported.result.nodes if imported else (), fields.preview_page),
        checked=_state(instrument) if instrument and imported else "",
        kept_name=name,
        kept_file=base64.b64encode(data).decode(),
        kept_size=len(data),
    )


@router.get("/import", dependencies=[Importer])
def import_form(request: Request, session: SessionDep, instrument: int | None = None) -> Response:
    """The empty form; `?instrument=12` chooses a new version of that instrument."""
    fields = ImportForm(
        target="existing" if instrument else "new",
        instrument_id=str(instrument or ""),
    )
    return _page(request, session, fields)


@router.post("/import")
def import_file(
    request: Request,
    session: SessionDep,
    fields: Annotated[ImportForm, Form()],
    user: Annotated[User, Importer],
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Check the file (nothing is stored), or import it once checked."""
    name, data = uploaded(file, fields.kept_name, fields.kept_file)
    instrument = imported = None
    try:
        if fields.target == "existing":
            instrument = _instrument(session, fields.instrument_id)
        if fields.action == "check":
            imported = importing.check(
                data=data, filename=name, instrument=instrument, language=fields.language
            )
            importing.prepare(fields=fields, instrument=instrument, user=user)
            return _page(
                request,
                session,
                fields,
                imported=imported,
                instrument=instrument,
                kept=kept(name, data),
            )
        if instrument and fields.checked and fields.checked != _state(instrument):
            raise PreconditionFailed(
                f"{instrument.title} changed since you checked the file, or another law was "
                "chosen; check the file again before importing."
            )
        stored = importing.store(
            session=session,
            data=data,
            filename=name,
            fields=fields,
            instrument=instrument,
            user=user,
            actor=audit.Actor(
                user.id, getattr(request.state, "request_id", ""), client_ip(request)
            ),
        )
    except KanunError as error:
        readable = (
            imported is not None or bool(error.errors) or isinstance(error, NOT_ABOUT_THE_FILE)
        )
        return _page(
            request,
            session,
            fields,
            status=error.status,
            error=problem_text.translate(error.detail, request.state.lang),
            field_errors={
                issue["field"]: translate(request, issue["message"]) for issue in error.errors
            },
            imported=imported,
            instrument=instrument,
            kept=kept(name, data) if readable else None,
        )
    target = f"/instruments/{stored.instrument.id}?version={stored.version.number}"
    return redirect_after_upload(request, target)


@dataclass(frozen=True, slots=True)
class Preview:
    """One page of what a file holds: its top-level provisions, each with how many it holds."""

    items: list[tuple[Node, int]]
    page: int
    pages: int


def _preview(nodes: tuple[Node, ...], page: str) -> Preview:
    pages = max(1, -(-len(nodes) // PREVIEW_PER_PAGE))
    chosen = min(max(int(page) if page.isdigit() else 1, 1), pages)
    shown = nodes[(chosen - 1) * PREVIEW_PER_PAGE : chosen * PREVIEW_PER_PAGE]
    return Preview([(node, count(node.children)) for node in shown], chosen, pages)


def _state(instrument: Instrument) -> str:
    return f"{instrument.id}:{instrument.lock_version}"


def _instrument(session: Session, chosen: str) -> Instrument:
    if not chosen.isdigit():
        raise InvalidInput(
            "Choose the law this file is a new version of.",
            errors=[{"field": "instrument_id", "message": "choose a law"}],
        )
    return service.get_instrument(session=session, instrument_id=int(chosen))
