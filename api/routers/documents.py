"""Documents in and out: version exports, redline and comparative-table exports, imports,
the documents of a draft package and the minutes of its meetings."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile

from api.deps import ActorDep, SessionDep, check_if_match, require
from api.routers.instruments import instrument_etag
from drafts import redline, service
from drafts.errors import InvalidInput
from drafts.packages import meetings
from drafts.packages import service as drafts
from drafts.permissions import AMENDMENT_PROPOSE, READ, VERSION_CREATE
from drafts.schemas import InstrumentKind, VersionStatus
from drafts.users import User
from exports import (
    akn_names,
    docx_out,
    draft_service,
    html_out,
    importing,
    pdf,
    word_review_service,
)
from exports import service as documents
from exports.safety import MAX_FILE_BYTES, FileTooLarge
from exports.schemas import ImportFields, ImportOut, WordReviewOut
from exports.versions import Exported

router = APIRouter(tags=["documents"])
Reader = Depends(require(READ))
Importer = Depends(require(VERSION_CREATE))

_REFERENCE = "instrument:version, instrument:YYYY-MM-DD or instrument:latest"
From = Annotated[str, Query(alias="from", max_length=40, description=_REFERENCE)]
To = Annotated[str, Query(alias="to", max_length=40, description=_REFERENCE)]
Text = Annotated[str, Form(max_length=500)]


def _files(*media_types: str) -> dict:
    """The OpenAPI declaration of a download in one of `media_types`."""
    return {200: {"description": "The file", "content": {kind: {} for kind in media_types}}}


WORD_OR_PDF = _files(docx_out.MEDIA_TYPE, pdf.MEDIA_TYPE)
EVERY_FORMAT = _files(
    docx_out.MEDIA_TYPE,
    akn_names.MEDIA_TYPE,
    html_out.HTML_MEDIA_TYPE,
    html_out.TEXT_MEDIA_TYPE,
    pdf.MEDIA_TYPE,
)


def _download(exported: Exported) -> Response:
    ascii_name = exported.filename.encode("ascii", "ignore").decode() or "document"
    disposition = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(exported.filename)}"
    )
    return Response(
        exported.content,
        media_type=exported.media_type,
        headers={"Content-Disposition": disposition},
    )


@router.get(
    "/instruments/{instrument_id}/versions/{number}/export",
    dependencies=[Reader],
    responses=EVERY_FORMAT,
)
def export_version(
    instrument_id: int,
    number: int,
    session: SessionDep,
    format: Literal["docx", "akn", "html", "txt", "pdf"] = "docx",
    line_numbers: bool = False,
) -> Response:
    """A version as Word (consolidated text), Akoma Ntoso XML, HTML, plain text or PDF."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    version = service.get_version(session=session, instrument=instrument, number=number)
    exported = documents.export_version(
        session=session,
        instrument=instrument,
        version=version,
        format=format,
        line_numbers=line_numbers,
    )
    return _download(exported)


@router.get("/diff/export", dependencies=[Reader], responses=WORD_OR_PDF)
def export_diff(
    session: SessionDep,
    old: From,
    new: To,
    kind: Literal["redline", "comparative"] = "redline",
    format: Literal["docx", "pdf"] = "docx",
    provision: Annotated[str | None, Query(max_length=400)] = None,
) -> Response:
    """A redline with Word tracked changes (moves as Word moves), or a three-column comparative
    table whose third column holds the rationale of the amendments of the draft that produced
    the newer text."""
    before = redline.resolve(session=session, reference=old, name="from")
    after = redline.resolve(session=session, reference=new, name="to")
    exported = documents.export_diff(
        session=session, old=before, new=after, provision=provision, kind=kind, format=format
    )
    return _download(exported)


@router.get("/drafts/{draft_id}/export", dependencies=[Reader], responses=WORD_OR_PDF)
def export_draft(
    draft_id: int,
    session: SessionDep,
    kind: Literal["pack", "text", "table", "redline", "annex"] = "pack",
    format: Literal["docx", "pdf"] = "docx",
    parts: Annotated[str | None, Query(max_length=200)] = None,
    instrument: int | None = None,
) -> Response:
    """The meeting pack of a draft (`parts`: note, table, text, annex, comments; all by
    default), or one of its documents: the consolidated text of the draft's result, the
    comparative table, the redline with tracked changes by each amendment's author, the
    alignment annex. For a draft of several instruments, `instrument` picks the text,
    table or redline."""
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    if parts is not None and kind != "pack":
        raise InvalidInput(
            "Parts choose what goes into the meeting pack; leave them out for other kinds.",
            errors=[{"field": "parts", "message": "only with kind=pack"}],
        )
    exported = draft_service.export_draft(
        session=session,
        draft=draft,
        kind=kind,
        format=format,
        parts=draft_service.parse_parts(parts),
        instrument_id=instrument,
    )
    return _download(exported)


@router.get("/meetings/{meeting_id}/minutes", dependencies=[Reader], responses=WORD_OR_PDF)
def export_minutes(
    meeting_id: int, session: SessionDep, format: Literal["docx", "pdf"] = "docx"
) -> Response:
    """The minutes of a meeting: attendees, notes, and the decisions taken there."""
    meeting = meetings.get_meeting(session=session, meeting_id=meeting_id)
    return _download(draft_service.export_minutes(session=session, meeting=meeting, format=format))


@router.post("/drafts/{draft_id}/word-review")
def review_word(
    draft_id: int,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    user: Annotated[User, Depends(require(AMENDMENT_PROPOSE))],
    file: Annotated[UploadFile, File(description="the reviewed Word document (.docx)")],
    dry_run: bool = False,
    instrument_id: Annotated[int | None, Form()] = None,
) -> WordReviewOut:
    """Take a Word document a reviewer marked up back into the draft: Kanun's redline or a
    consolidated text with tracked changes, or an edited copy without them (compared with the
    draft's text). One amendment per changed provision, with the Word author and date, and the
    Word comments as comment threads. With `dry_run=true`, what would be proposed, storing
    nothing."""
    data = _uploaded(file)
    draft = drafts.get_draft(session=session, draft_id=draft_id)
    reviewed = word_review_service.review_word(
        session=session,
        draft=draft,
        data=data,
        filename=file.filename or "",
        user=user,
        actor=actor,
        instrument_id=instrument_id,
        dry_run=dry_run,
    )
    if not dry_run:
        response.status_code = 201
    return WordReviewOut.model_validate(reviewed)


@router.post(
    "/import",
    status_code=201,
    responses={200: {"model": ImportOut, "description": "A dry run: what was read, unstored"}},
)
def import_document(
    request: Request,
    response: Response,
    session: SessionDep,
    actor: ActorDep,
    user: Annotated[User, Importer],
    file: Annotated[UploadFile, File(description=".docx, Akoma Ntoso .xml, .txt or .md")],
    dry_run: bool = False,
    instrument_id: Annotated[int | None, Form()] = None,
    title: Text = "",
    short_title: Text = "",
    kind: Annotated[InstrumentKind | None, Form()] = None,
    jurisdiction: Annotated[str, Form(max_length=20)] = "",
    language: Annotated[str, Form(max_length=10)] = "",
    work_uri: Annotated[str, Form(max_length=300)] = "",
    label: Text = "",
    status: Annotated[VersionStatus, Form()] = "draft",
    effective_date: Annotated[str, Form(max_length=10, description="YYYY-MM-DD")] = "",
    message: Annotated[str, Form(max_length=5_000)] = "",
) -> ImportOut:
    """Read a law from a file. With `dry_run=true`, give back the provisions and warnings and
    store nothing (200); otherwise add it as a version of `instrument_id` (send the
    instrument's ETag in If-Match) or create a new instrument from the form's fields (201)."""
    data = _uploaded(file)
    instrument = None
    if instrument_id is not None:
        instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    if dry_run:
        response.status_code = 200
        imported = importing.check(
            data=data, filename=file.filename or "", instrument=instrument, language=language
        )
        return importing.report(session=session, imported=imported)
    if instrument is not None:
        check_if_match(request, instrument_etag(instrument))
    fields = ImportFields(
        title=title,
        short_title=short_title,
        kind=kind or "",
        jurisdiction=jurisdiction,
        language=language,
        work_uri=work_uri,
        label=label,
        status=status,
        effective_date=effective_date,
        message=message,
    )
    stored = importing.store(
        session=session,
        data=data,
        filename=file.filename or "",
        fields=fields,
        instrument=instrument,
        user=user,
        actor=actor,
    )
    response.headers["ETag"] = instrument_etag(stored.instrument)
    response.headers["Location"] = (
        f"/api/v1/instruments/{stored.instrument.id}/versions/{stored.version.number}"
    )
    return importing.report(session=session, imported=stored.imported, stored=stored)


def _uploaded(file: UploadFile) -> bytes:
    """The bytes of an uploaded file, read no further than one byte past the limit."""
    data = file.file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLarge(f"Files of up to {MAX_FILE_BYTES // 2**20} MB can be imported.")
    return data
