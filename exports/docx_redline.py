"""A redline as a Word document with native tracked changes.

Every word inserted or deleted between two texts is a `w:ins` or `w:del` (with
`w:delText`) by one author at one time, so that reviewers accept or reject each change in
Word or LibreOffice. Inserted and deleted provisions are whole tracked paragraphs: their
paragraph marks are tracked too, and accepting a deletion removes the paragraph.
Accepting every change gives the new text; rejecting every change gives the old one.
`changes_by` gives the changes of some provisions (by provision id, new eId or old eId)
another author and time, as when each comes from one amendment of a draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph

from drafts import worddiff
from drafts.diff import Diff, Entry
from drafts.worddiff import Op
from exports import ooxml
from exports.diff_pieces import Placed, heading_ops, number_ops, placed
from exports.docx_out import INDENT, Styles, new_document, save
from exports.info import DocumentInfo


def redline_docx(
    result: Diff,
    old: DocumentInfo,
    new: DocumentInfo,
    *,
    author: str,
    when: datetime,
    changes_by: Mapping[str, tuple[str, datetime]] | None = None,
) -> bytes:
    """The tracked-changes .docx that turns the `old` text into the `new` one."""
    document = new_document(new)
    by = changes_by or {}
    authors = sorted({name for name, _ in by.values()} - {author})
    _cover(document, result, old, new, ", ".join([author, *authors]), when)
    tracker = ooxml.Tracker(author, when)
    styles = Styles(document)
    for item in placed(result, new.language):
        found = _changed_by(item.entry, by)
        current = tracker if found is None else ooxml.Tracker(*found)
        current.next_id = tracker.next_id
        _entry(document, styles, item, new.language, current)
        tracker.next_id = current.next_id
    return save(document)


def _changed_by(
    entry: Entry, by: Mapping[str, tuple[str, datetime]]
) -> tuple[str, datetime] | None:
    for key in (entry.provision_id, entry.new_eid, entry.old_eid):
        if key and key in by:
            return by[key]
    return None


def _cover(
    document: Document,
    result: Diff,
    old: DocumentInfo,
    new: DocumentInfo,
    author: str,
    when: datetime,
) -> None:
    title = document.add_paragraph(f"Redline: {new.title}", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary = result.summary()
    counted = ", ".join(f"{count} {status}" for status, count in summary.items() if count)
    lines = [
        f"From: {old.name}, {old.edition.describe()} ({old.edition.date.isoformat()})",
        f"To: {new.name}, {new.edition.describe()} ({new.edition.date.isoformat()})",
        f"Changes by {author}, {when.date().isoformat()}: {counted or 'none'}",
    ]
    for text in lines:
        document.add_paragraph(text, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.paragraphs[-1].runs[0].add_break(WD_BREAK.PAGE)


def _entry(
    document: Document, styles: Styles, item: Placed, language: str, tracker: ooxml.Tracker
) -> None:
    entry = item.entry
    paragraphs: list[Paragraph] = []
    if item.role == "heading":
        paragraph = document.add_paragraph(style=styles[f"Heading {item.level}"])
        _runs(paragraph, heading_ops(entry, language), tracker)
        paragraphs.append(paragraph)
        if entry.text_ops:
            paragraph = document.add_paragraph()
            _runs(paragraph, entry.text_ops, tracker)
            paragraphs.append(paragraph)
    else:
        style = styles["Quote"] if item.role == "note" else None
        paragraph = document.add_paragraph(style=style)
        if item.role != "text":
            paragraph.paragraph_format.left_indent = INDENT * (item.indent + 1)
        number = number_ops(entry, language, heading=False) if item.role == "numbered" else []
        if number:
            paragraph.paragraph_format.first_line_indent = -INDENT
            number.append((_whole(item), "\t"))
        _runs(paragraph, [*number, *entry.text_ops], tracker)
        paragraphs.append(paragraph)
    for paragraph in paragraphs:
        if "inserted" in entry.statuses:
            tracker.mark_paragraph(paragraph, "w:ins")
        elif "deleted" in entry.statuses:
            tracker.mark_paragraph(paragraph, "w:del")


def _whole(item: Placed) -> str:
    """The op kind of what belongs to the whole provision (the tab after its number)."""
    if "inserted" in item.entry.statuses:
        return worddiff.INSERT
    return worddiff.DELETE if "deleted" in item.entry.statuses else worddiff.EQUAL


def _runs(paragraph: Paragraph, ops: list[Op] | tuple[Op, ...], tracker: ooxml.Tracker) -> None:
    for kind, text in ops:
        if not text:
            continue
        if kind == worddiff.INSERT:
            paragraph._p.append(tracker.inserted(text))
        elif kind == worddiff.DELETE:
            paragraph._p.append(tracker.deleted(text))
        else:
            paragraph._p.append(ooxml.text_run(text))
