"""A redline as a Word document with native tracked changes.

Every word inserted or deleted between two texts is a `w:ins` or `w:del` (with
`w:delText`) by one author at one time, so that reviewers accept or reject each change in
Word or LibreOffice. Inserted and deleted provisions are whole tracked paragraphs: their
paragraph marks are tracked too, and accepting a deletion removes the paragraph.
Accepting every change gives the new text; rejecting every change gives the old one.
"""

from __future__ import annotations

from datetime import datetime

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph

from drafts import worddiff
from drafts.diff import Diff
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
) -> bytes:
    """The tracked-changes .docx that turns the `old` text into the `new` one."""
    document = new_document(new)
    _cover(document, result, old, new, author, when)
    tracker = ooxml.Tracker(author, when)
    styles = Styles(document)
    for item in placed(result, new.language):
        _entry(document, styles, item, new.language, tracker)
    return save(document)


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
