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
from exports.grid import add_row, grid
from exports.info import DocumentInfo, Edition

COLUMNS = ("Amendment", "What it does", "Decision", "Note")
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
    info = DocumentInfo(
        title=f"Minutes: {minutes.title}",
        work_uri=f"draft/{minutes.draft_id}",
        language=minutes.language,
        edition=Edition(number=minutes.draft_id, status="draft", created=minutes.held_on),
    )
    document = new_document(info)
    document.core_properties.subject = f"Draft package {minutes.draft_id}"
    document.add_paragraph(info.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = f"Draft package {minutes.draft_id}: {minutes.draft_title}"
    document.add_paragraph(subtitle, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(f"Date: {minutes.held_on.isoformat()}")
    document.add_paragraph(f"Place: {minutes.location or 'not recorded'}")
    document.add_paragraph("Attendees", style="Heading 1")
    if not minutes.attendees:
        document.add_paragraph("No attendees were recorded.")
    for name in minutes.attendees:
        document.add_paragraph(name, style="List Bullet")
    document.add_paragraph("Notes", style="Heading 1")
    lines = [line for line in minutes.notes.split("\n") if line.strip()]
    for line in lines or ["No notes were recorded."]:
        document.add_paragraph(line)
    document.add_paragraph("Decisions", style="Heading 1")
    if not minutes.decided and not minutes.moved:
        document.add_paragraph("No decisions were recorded against this meeting.")
    if minutes.decided:
        document.add_paragraph("Amendments", style="Heading 2")
        _amendments(document, minutes.decided)
    if minutes.moved:
        document.add_paragraph("Stage moves", style="Heading 2")
        for move in minutes.moved:
            document.add_paragraph(_move(move), style="List Bullet")
    return save(document)


def _amendments(document: Document, decided: tuple[Decided, ...]) -> None:
    table = grid(document, COLUMNS, WIDTHS)
    for item in decided:
        decision = item.decision.capitalize()
        add_row(
            table,
            (
                f"Amendment {item.id}",
                item.what + (f"\nRationale: {item.rationale}" if item.rationale else ""),
                f"{decision} ({item.by})" if item.by else decision,
                item.note,
            ),
        )


def _move(move: Moved) -> str:
    start = move.from_stage.replace("_", " ") if move.from_stage else "a new draft"
    text = f"From {start} to {move.to_stage.replace('_', ' ')}, by {move.by}"
    return text + (f": {move.note}" if move.note else ".")
