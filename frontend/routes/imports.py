"""Importing a law from a file: check it first (what Kanun read, and the warnings), then store
it as a new instrument or as the next version of one."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.orm import Session

from api.deps import SessionDep, client_ip
from drafts import audit, service
from drafts.errors import (
    Conflict,
    InvalidInput,
    KanunError,
    NotFound,
    PermissionDenied,
    PreconditionFailed,
)
from drafts.models import Instrument
from drafts.permissions import INSTRUMENT_WRITE, VERSION_CREATE, allows
from drafts.schemas import InstrumentCreate, VersionStatus
from drafts.tree import Node, count
from drafts.users import User
from exports import service as documents
from exports.safety import MAX_FILE_BYTES, check_size
from frontend.deps import page_require
from frontend.i18n import translate
from frontend.routes import word_review
from frontend.templating import render

router = APIRouter(include_in_schema=False)
router.include_router(word_review.router)
Importer = Depends(page_require(VERSION_CREATE))
KEEP_LIMIT = 700 * 1024
"""Files up to this size travel back in the form between the check and the import (base64 in
a form field, which holds at most 1 MB); a larger file is chosen again, or kept by htmx."""
NOT_ABOUT_THE_FILE = (Conflict, NotFound, PreconditionFailed)
PREVIEW_PER_PAGE = 25
"""Top-level provisions (parts, chapters, schedules…) a page of the preview shows, each
collapsed to its heading until opened."""
"""Refusals that leave the file worth keeping; so do those naming form fields."""


class ImportFields(BaseModel):
    """What the person typed, kept as typed so that a refused form comes back unchanged."""

    action: Literal["check", "import"] = "check"
    target: Literal["new", "existing"] = "new"
    instrument_id: Annotated[str, Field(max_length=12)] = ""
    title: Annotated[str, Field(max_length=500)] = ""
    short_title: Annotated[str, Field(max_length=200)] = ""
    kind: Annotated[str, Field(max_length=20)] = ""
    jurisdiction: Annotated[str, Field(max_length=20)] = "tm"
    language: Annotated[str, Field(max_length=10)] = "en"
    work_uri: Annotated[str, Field(max_length=300)] = ""
    label: Annotated[str, Field(max_length=500)] = ""
    status: VersionStatus = "draft"
    effective_date: Annotated[str, Field(max_length=10)] = ""
    message: Annotated[str, Field(max_length=5_000)] = ""
    checked: Annotated[str, Field(max_length=40)] = ""
    """The instrument and its lock version when the file was checked; a change refuses."""
    kept_name: Annotated[str, Field(max_length=300)] = ""
    kept_file: str = ""
    preview_page: Annotated[str, Field(max_length=6)] = "1"
    """Which page of the preview of what was read to show."""


def _page(
    request: Request,
    session: Session,
    fields: ImportFields,
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
    fields = ImportFields(
        target="existing" if instrument else "new",
        instrument_id=str(instrument or ""),
    )
    return _page(request, session, fields)


@router.post("/import")
def import_file(
    request: Request,
    session: SessionDep,
    fields: Annotated[ImportFields, Form()],
    user: Annotated[User, Importer],
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Check the file (nothing is stored), or import it once checked."""
    name, data = _upload(file, fields)
    instrument = imported = None
    try:
        if not data:
            raise InvalidInput(
                translate(request, "Choose the file to import."),
                errors=[{"field": "file", "message": translate(request, "choose a file")}],
            )
        if fields.target == "existing":
            instrument = _instrument(session, fields.instrument_id)
        if fields.action == "check":
            check_size(data)
            language = instrument.language if instrument else fields.language
            imported = documents.read_document(data, filename=name, language=language)
        new_instrument = None if instrument else _new_instrument(user, fields)
        effective = _date(fields.effective_date)
        if imported is not None:
            return _page(
                request,
                session,
                fields,
                imported=imported,
                instrument=instrument,
                kept=_kept(name, data),
            )
        if instrument and fields.checked and fields.checked != _state(instrument):
            raise PreconditionFailed(
                f"{instrument.title} changed since you checked the file, or another law was "
                "chosen; check the file again before importing."
            )
        stored, version, _ = documents.import_version(
            session=session,
            data=data,
            filename=name,
            actor=audit.Actor(
                user.id, getattr(request.state, "request_id", ""), client_ip(request)
            ),
            instrument=instrument,
            new_instrument=new_instrument,
            label=fields.label,
            status=fields.status,
            effective_date=effective,
            message=fields.message,
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
            error=error.detail,
            field_errors={issue["field"]: issue["message"] for issue in error.errors},
            imported=imported,
            instrument=instrument,
            kept=_kept(name, data) if readable else None,
        )
    target = f"/instruments/{stored.id}?version={version.number}"
    if request.headers.get("hx-request"):
        return Response(headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


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


def _kept(name: str, data: bytes) -> tuple[str, bytes] | None:
    return (name, data) if 0 < len(data) <= KEEP_LIMIT else None


def _state(instrument: Instrument) -> str:
    return f"{instrument.id}:{instrument.lock_version}"


def _upload(file: UploadFile | None, fields: ImportFields) -> tuple[str, bytes]:
    """The chosen file, else the one kept from the check; ("", b"") when there is neither."""
    if file is not None and file.filename:
        return file.filename, file.file.read(MAX_FILE_BYTES + 1)
    if fields.kept_file:
        try:
            return fields.kept_name, base64.b64decode(fields.kept_file, validate=True)
        except binascii.Error:
            return "", b""
    return "", b""


def _instrument(session: Session, chosen: str) -> Instrument:
    if not chosen.isdigit():
        raise InvalidInput(
            "Choose the law this file is a new version of.",
            errors=[{"field": "instrument_id", "message": "choose a law"}],
        )
    return service.get_instrument(session=session, instrument_id=int(chosen))


def _new_instrument(user: User, fields: ImportFields) -> InstrumentCreate:
    """The new instrument's fields, or a 422 naming each one that is missing or wrong."""
    if not allows(user.role, INSTRUMENT_WRITE):
        raise PermissionDenied(f"Your role ({user.role}) does not allow creating instruments.")
    typed = fields.model_dump(
        include={"title", "short_title", "kind", "jurisdiction", "language", "work_uri"}
    )
    try:
        return InstrumentCreate(**{key: value.strip() for key, value in typed.items() if value})
    except ValidationError as error:
        errors = [
            {"field": ".".join(map(str, issue["loc"])), "message": issue["msg"]}
            for issue in error.errors()
        ]
        raise InvalidInput(
            "Please give the new law's title, kind, jurisdiction, language and work URI "
            f"(see {', '.join(e['field'] for e in errors)}).",
            errors=errors,
        ) from None


def _date(typed: str) -> date | None:
    if not typed:
        return None
    try:
        return date.fromisoformat(typed)
    except ValueError:
        raise InvalidInput(
            f"{typed} is not a date; use the form YYYY-MM-DD.",
            errors=[{"field": "effective_date", "message": "not a date"}],
        ) from None
