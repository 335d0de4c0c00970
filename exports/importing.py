"""Importing a law from a file: the one flow behind `POST /import`, the import page and
`kanun import`, with the same checks in the same order and the same sentences.

A file is read first (`check`: what Kanun read and its warnings; nothing is stored), then
stored (`store`) as the next version of an instrument or as the first version of a new one,
from the fields the person gave (`prepare`). The file is judged before the fields, so that a
file Kanun cannot read is the first thing a person hears about. Functions flush; the caller
commits, so a refused import stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import ValidationError
from sqlalchemy.orm import Session

from drafts import audit, service
from drafts.errors import InvalidInput, PermissionDenied, field_errors
from drafts.models import Instrument, Version
from drafts.permissions import INSTRUMENT_WRITE, allows
from drafts.schemas import InstrumentCreate, InstrumentOut, jurisdiction_of
from drafts.tree import count, to_dict
from drafts.users import User
from exports import service as documents
from exports.safety import check_size
from exports.schemas import ImportFields, ImportOut

NEW_INSTRUMENT = ("title", "short_title", "kind", "jurisdiction", "language", "work_uri")
"""The fields of `ImportFields` that describe a new instrument."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """The fields checked: the new instrument's (None for a new version of one) and the date."""

    new_instrument: InstrumentCreate | None
    effective_date: date | None


@dataclass(frozen=True, slots=True)
class Stored:
    instrument: Instrument
    version: Version
    imported: documents.Imported


def check(
    *, data: bytes, filename: str, instrument: Instrument | None, language: str = ""
) -> documents.Imported:
    """What Kanun reads in a file, with its warnings, in the language of `instrument` (else
    `language`); nothing is stored. A 413, 415 or 422 with a sentence when it cannot be read."""
    if not data and not filename:
        raise InvalidInput(
            "Choose the file to import.", errors=[{"field": "file", "message": "choose a file"}]
        )
    check_size(data)
    chosen = instrument.language if instrument else language.strip()
    return documents.read_document(data, filename=filename, language=chosen)


def prepare(*, fields: ImportFields, instrument: Instrument | None, user: User | None) -> Prepared:
    """The typed fields checked, or a 403 or 422 naming each one missing or wrong. A new
    instrument needs a role that creates instruments (`user` None: the command line, which
    acts for the system); its jurisdiction, when not given, is the work URI's."""
    new = None if instrument else _new_instrument(fields, user)
    return Prepared(new, _date(fields.effective_date))


def store(
    *,
    session: Session,
    data: bytes,
    filename: str,
    fields: ImportFields,
    instrument: Instrument | None,
    user: User | None,
    actor: audit.Actor,
) -> Stored:
    """Read the file, check the fields, then store the file as the next version of
    `instrument`, or as the first version of a new instrument made from the fields."""
    imported = check(data=data, filename=filename, instrument=instrument, language=fields.language)
    prepared = prepare(fields=fields, instrument=instrument, user=user)
    if instrument is None:
        instrument = service.create_instrument(
            session=session, data=prepared.new_instrument, actor=actor
        )
    version = service.create_version(
        session=session,
        instrument=instrument,
        provisions=imported.result.nodes,
        actor=actor,
        label=fields.label.strip(),
        status=fields.status,
        effective_date=prepared.effective_date,
        message=fields.message.strip() or f"Imported from {filename or 'an uploaded file'}.",
    )
    return Stored(instrument, version, imported)


def report(
    *, session: Session, imported: documents.Imported, stored: Stored | None = None
) -> ImportOut:
    """What was read, with its warnings; once stored, the provisions as stored (with their
    provision ids), the instrument and the version's number."""
    nodes = imported.result.nodes
    if stored is not None:
        nodes = service.read_tree(session=session, version=stored.version)
    return ImportOut(
        dry_run=stored is None,
        format=imported.format,
        provision_count=count(imported.result.nodes),
        warnings=[
            {"line": warning.line, "message": warning.message}
            for warning in imported.result.warnings
        ],
        provisions=[to_dict(node) for node in nodes],
        instrument=InstrumentOut.model_validate(stored.instrument) if stored else None,
        version=stored.version.number if stored else None,
    )


def _new_instrument(fields: ImportFields, user: User | None) -> InstrumentCreate:
    if user is not None and not allows(user.role, INSTRUMENT_WRITE):
        raise PermissionDenied(f"Your role ({user.role}) does not allow creating instruments.")
    typed = {name: getattr(fields, name).strip() for name in NEW_INSTRUMENT}
    typed["jurisdiction"] = typed["jurisdiction"] or jurisdiction_of(typed["work_uri"])
    try:
        return InstrumentCreate(**{name: value for name, value in typed.items() if value})
    except ValidationError as error:
        errors = field_errors(error)
        raise InvalidInput(
            "To import a file as a new law, give its title, kind, language and work URI, or "
            f"choose the law it is a new version of (see {', '.join(e['field'] for e in errors)}).",
            errors=errors,
        ) from None


def _date(typed: str) -> date | None:
    if not typed.strip():
        return None
    try:
        return date.fromisoformat(typed.strip())
    except ValueError:
        raise InvalidInput(
            f"{typed.strip()} is not a date; use the form YYYY-MM-DD.",
            errors=[{"field": "effective_date", "message": "not a date"}],
        ) from None
