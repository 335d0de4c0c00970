"""Comparing any two stored texts: references such as `12:3` or `12:2024-01-01` resolved to
versions, their diff, a standalone HTML redline and the amending instructions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlalchemy.orm import Session

from drafts import diff, render, service
from drafts.errors import InvalidInput, NotFound
from drafts.models import Instrument, Version

_REF = re.compile(r"^(?P<instrument>\d{1,12}):(?P<which>\d{1,9}|\d{4}-\d{2}-\d{2}|latest)$")
_PAGES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html", "j2"]),
)


@dataclass(frozen=True, slots=True)
class Side:
    instrument: Instrument
    version: Version

    def describe(self) -> dict:
        return {
            "instrument_id": self.instrument.id,
            "title": self.instrument.title,
            "version": self.version.number,
            "label": self.version.label,
            "status": self.version.status,
            "effective_date": self.version.effective_date,
        }


def resolve(*, session: Session, reference: str, name: str) -> Side:
    """The version a reference names: `<instrument>:<version number | date | latest>`."""
    match = _REF.match(reference.strip())
    if match is None:
        raise InvalidInput(
            f"The '{name}' text must be written as instrument:version, instrument:date or "
            f"instrument:latest, e.g. 12:3 or 12:2024-01-01; '{reference}' is neither.",
            errors=[{"field": name, "message": "not a text reference"}],
        )
    instrument_id, which = int(match["instrument"]), match["which"]
    if which.isdigit():
        return Side(
            *service.instrument_version(
                session=session, instrument_id=instrument_id, number=int(which)
            )
        )
    instrument = service.get_instrument(session=session, instrument_id=instrument_id)
    if which == "latest":
        version = service.latest_version(session=session, instrument=instrument)
        if version is None:
            raise NotFound(f"{instrument.title} has no versions yet.")
    elif "-" in which:
        try:
            at = date.fromisoformat(which)
        except ValueError:
            raise InvalidInput(f"The date {which} in '{name}' does not exist.") from None
        version = service.version_as_at(session=session, instrument=instrument, at=at)
    return Side(instrument, version)


def compare(*, session: Session, old: Side, new: Side, provision: str | None = None) -> diff.Diff:
    """The diff of two versions, limited to one subtree when `provision` names one."""
    result = diff.compare(
        service.read_tree(session=session, version=old.version),
        service.read_tree(session=session, version=new.version),
        editions=old.instrument.id == new.instrument.id,
    )
    return limited(result, provision)


def limited(result: diff.Diff, provision: str | None) -> diff.Diff:
    """The part of a diff under one provision (an eId or a provision id), or all of it."""
    if not provision:
        return result
    try:
        return diff.subtree(result, provision)
    except KeyError:
        raise NotFound(
            f"Neither text has a provision {provision}; give an eId or a provision id."
        ) from None


def document(result: diff.Diff, *, old: Side, new: Side, layout: str) -> str:
    """A standalone HTML page with the redline, for a browser or a printer."""
    return _PAGES.get_template("redline.html.j2").render(
        old=old.describe(),
        new=new.describe(),
        summary=result.summary(),
        alignment=result.alignment,
        redline=Markup(render.render(result, layout=layout)),
    )
