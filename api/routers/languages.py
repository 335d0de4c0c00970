"""Linked language versions of an instrument: joining texts, reading them side by side, the
bilingual comparative table, and confirming that a provision's texts match again."""

from __future__ import annotations

from dataclasses import asdict
from urllib.parse import quote

from fastapi import APIRouter, Depends, Response

from api.deps import ActorDep, SessionDep, require
from drafts import linked, service
from drafts.linked_schemas import (
    Bilingual,
    ConfirmIn,
    LanguageLinkIn,
    LanguageMember,
    LanguageVersions,
)
from drafts.models import Instrument
from drafts.permissions import INSTRUMENT_WRITE, READ
from exports import docx_bilingual

router = APIRouter(prefix="/instruments/{instrument_id}/languages", tags=["language versions"])
Reader = Depends(require(READ))
Writer = Depends(require(INSTRUMENT_WRITE))


def _member(member: linked.Member, counts: dict[int, int] | None = None) -> LanguageMember:
    return LanguageMember(
        instrument_id=member.instrument.id,
        title=member.instrument.title,
        language=member.instrument.language,
        authority=member.authority,
        out_of_date=(counts or {}).get(member.instrument.id),
    )


def _versions(session, instrument: Instrument) -> LanguageVersions:
    counts = linked.out_of_date_count(session=session, instrument=instrument)
    found = linked.members(session=session, instrument=instrument)
    return LanguageVersions(
        instrument_id=instrument.id, members=[_member(m, counts) for m in found]
    )


@router.get("", response_model=LanguageVersions, dependencies=[Reader])
def list_language_versions(instrument_id: int, session: SessionDep) -> LanguageVersions:
    """The texts of this instrument in other languages, each with how many of its provisions
    are out of date or missing against this text."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    return _versions(session, instrument)


@router.post("", status_code=201, response_model=LanguageVersions, dependencies=[Writer])
def link_language_version(
    instrument_id: int, data: LanguageLinkIn, session: SessionDep, actor: ActorDep
) -> LanguageVersions:
    """Join another instrument to this one's language versions, linking their provisions by
    address (eId) in their latest versions."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    counterpart = service.get_instrument(session=session, instrument_id=data.instrument_id)
    linked.link(
        session=session,
        instrument=instrument,
        counterpart=counterpart,
        authority=data.authority,
        actor=actor,
    )
    return _versions(session, instrument)


def _bilingual(session, instrument_id: int, other_id: int) -> tuple[Bilingual, list]:
    left = service.get_instrument(session=session, instrument_id=instrument_id)
    right = service.get_instrument(session=session, instrument_id=other_id)
    found = linked.pairs(session=session, left=left, right=right)
    authority = {m.instrument.id: m for m in linked.members(session=session, instrument=left)}
    result = Bilingual(
        left=_member(authority[left.id]),
        right=_member(authority[right.id]),
        out_of_date=sum(1 for p in found if p.flagged),
        pairs=[asdict(p) for p in found],
    )
    return result, found


@router.get("/{other_id}", response_model=Bilingual, dependencies=[Reader])
def read_bilingual(instrument_id: int, other_id: int, session: SessionDep) -> Bilingual:
    """Two language versions side by side, provision by provision; a side whose text did not
    follow a change of the other is `out_of_date`, one without a counterpart `missing`."""
    return _bilingual(session, instrument_id, other_id)[0]


@router.get(
    "/{other_id}/table.docx",
    dependencies=[Reader],
    response_class=Response,
    responses={200: {"content": {docx_bilingual.MEDIA_TYPE: {}}}},
)
def bilingual_table(instrument_id: int, other_id: int, session: SessionDep) -> Response:
    """The bilingual comparative table (.docx): both texts in two columns, the provisions whose
    translation is out of date marked."""
    result, found = _bilingual(session, instrument_id, other_id)
    left = service.get_instrument(session=session, instrument_id=instrument_id)
    right = service.get_instrument(session=session, instrument_id=other_id)
    authority = {result.left.instrument_id: result.left.authority}
    authority[result.right.instrument_id] = result.right.authority
    content = docx_bilingual.bilingual_docx(left, right, found, authority=authority)
    filename = f"{left.short_title or left.title} ({left.language}-{right.language}).docx"
    ascii_name = filename.encode("ascii", "ignore").decode() or "table.docx"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        content,
        media_type=docx_bilingual.MEDIA_TYPE,
        headers={"Content-Disposition": disposition},
    )


@router.post("/confirm", status_code=204, dependencies=[Writer])
def confirm_translation(
    instrument_id: int, data: ConfirmIn, session: SessionDep, actor: ActorDep
) -> Response:
    """Record that a linked provision's texts match again in every language."""
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    linked.confirm(session=session, instrument=instrument, key=data.key, actor=actor)
    return Response(status_code=204)
