"""What documents say about stored versions, and how their files are named."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from drafts import service
from drafts.models import Instrument, Version
from exports.info import DocumentInfo, Edition

EXTENSIONS = {"docx": "docx", "akn": "xml", "html": "html", "txt": "txt", "pdf": "pdf"}

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class Exported:
    content: bytes
    media_type: str
    filename: str


def edition(version: Version) -> Edition:
    return Edition(
        number=version.number,
        status=version.status,
        created=version.created_at.date(),
        label=version.label,
        effective_date=version.effective_date,
    )


def document_info(*, session: Session, instrument: Instrument, version: Version) -> DocumentInfo:
    versions, _ = service.list_versions(
        session=session, instrument=instrument, offset=0, limit=version.number
    )
    return DocumentInfo(
        title=instrument.title,
        short_title=instrument.short_title,
        work_uri=instrument.work_uri,
        language=instrument.language,
        jurisdiction=instrument.jurisdiction,
        kind=instrument.kind,
        edition=edition(version),
        history=tuple(edition(past) for past in versions),
    )


def file_name(info: DocumentInfo, suffix: str, extension: str) -> str:
    """'social-services-v2.docx' from the work URI; letters outside ASCII are transliterated."""
    stem = info.work_uri.rstrip("/").rsplit("/", 1)[-1]
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return f"{_UNSAFE.sub('-', ascii_stem).strip('-') or 'document'}-{suffix}.{extension}"
