"""The minutes of a meeting: who met, when and where, the notes, and what was decided.

Decisions are the amendments accepted or rejected at the meeting (with the note given) and
the stage moves recorded against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from exports.docx_out import new_document, save
from exports.furniture import EN, Words, words
from exports.grid import add_row, grid
from exports.info import DocumentInfo, Edition

COLUMNS = ("amendment", "what", "decision", "note")
"""The columns of the decisions' table, as keys of `exports.furniture`."""
WIDTHS = (Cm(2.9), Cm(6.4), Cm(2.7), Cm(4.6))


@dataclass(frozen=True, slots=True)
class Decided:
    """An amendment decided at the meeting."""

    id: int
    what: str
    """'Changes the text of Paragraph 2 of Article 2 (Law on Social Services)'."""
    decision: str
    by: str
    note: str
    rationale: str = ""


@dataclass(frozen=True, slots=True)
class Moved:
    """A stage move recorded against the meeting."""

    from_stage: str | None
    to_stage: str
    by: str
    at: datetime
    note: str


@dataclass(frozen=True, slots=True)
class Minutes:
    draft_id: int
    draft_title: str
    title: str
    held_on: date
    location: str
    attendees: tuple[str, ...]
    notes: str
    decided: tuple[Decided, ...]
    moved: tuple[Moved, ...]
    language: str = "en"


def minutes_docx(minutes: Minutes) -> bytes:
    said = words(minutes.language)
    info = DocumentInfo(
        title=said("minutes.title", title=minutes.title),
        work_uri=f"draft/{minutes.draft_id}",
        language=minutes.language,
        edition=Edition(number=minutes.draft_id, status="draft", created=minutes.held_on),
    )
    document = new_document(info)
    subtitle = said("minutes.draft", id=minutes.draft_id, title=minutes.draft_title)
    document.core_properties.subject = subtitle
    document.add_paragraph(info.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(subtitle, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(said("date", date=minutes.held_on.isoformat()))
    document.add_paragraph(
        said("minutes.place", place=minutes.location or said("minutes.no_place"))
    )
    document.add_paragraph(said("minutes.attendees"), style="Heading 1")
    if not minutes.attendees:
        document.add_paragraph(said("minutes.no_attendees"))
    for name in minutes.attendees:
        document.add_paragraph(name, style="List Bullet")
    document.add_paragraph(said("minutes.notes"), style="Heading 1")
    lines = [line for line in minutes.notes.split("\n") if line.strip()]
    for line in lines or [said("minutes.no_notes")]:
        document.add_paragraph(line)
    document.add_paragraph(said("minutes.decisions"), style="Heading 1")
    if not minutes.decided and not minutes.moved:
        document.add_paragraph(said("minutes.no_decisions"))
    if minutes.decided:
        document.add_paragraph(said("minutes.amendments"), style="Heading 2")
        _amendments(document, minutes.decided, said)
    if minutes.moved:
        document.add_paragraph(said("minutes.moves"), style="Heading 2")
        for move in minutes.moved:
            document.add_paragraph(_move(move, said), style="List Bullet")
    return save(document)


def _amendments(document: Document, decided: tuple[Decided, ...], said: Words) -> None:
    table = grid(document, tuple(said(f"minutes.{name}") for name in COLUMNS), WIDTHS)
    for item in decided:
        key = f"minutes.{item.decision}"
        decision = said(key) if key in EN else item.decision.capitalize()
        rationale = "\n" + said("minutes.rationale", rationale=item.rationale)
        add_row(
            table,
            (
                said("minutes.numbered", id=item.id),
                item.what + (rationale if item.rationale else ""),
                f"{decision} ({item.by})" if item.by else decision,
                item.note,
            ),
        )


def _move(move: Moved, said: Words) -> str:
    start = said.stage(move.from_stage) if move.from_stage else said("minutes.new_draft")
    text = said("minutes.move", start=start, end=said.stage(move.to_stage), by=move.by)
    return text + (f": {move.note}" if move.note else ".")
