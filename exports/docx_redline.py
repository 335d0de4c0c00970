"""A redline as a Word document with native tracked changes.

Every word inserted or deleted between two texts is a `w:ins` or `w:del` (with
`w:delText`) by one author at one time, so that reviewers accept or reject each change in
Word or LibreOffice. Inserted and deleted provisions are whole tracked paragraphs: their
paragraph marks are tracked too. A moved provision is a Word move: its paragraphs where it
was are `w:moveFrom` and where it now stands `w:moveTo`, each between range markers of the
same name; words the move also changed are insertions inside the destination.

The paragraphs are those of the consolidated text (`exports.layout`), one per line, so that
rejecting every change gives exactly the old text and accepting every change the new one.
`changes_by` gives the changes of some provisions (by provision id, new eId or old eId)
another author and time, as when each comes from one amendment of a draft.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph
from lxml import etree

from drafts import worddiff
from drafts.diff import Diff, Entry
from drafts.tree import Node
from drafts.worddiff import Op
from exports import ooxml
from exports.diff_pieces import heading_ops, number_ops
from exports.docx_out import Styles, line_paragraph, new_document, save
from exports.furniture import words
from exports.info import DocumentInfo
from exports.layout import Line
from exports.redline_plan import DELETED, DESTINATION, INSERTED, KEPT, ORIGIN, Piece, plan

MARK = {DELETED: "w:del", INSERTED: "w:ins", ORIGIN: "w:moveFrom", DESTINATION: "w:moveTo"}
"""How the paragraph marks of a whole provision are tracked."""


def redline_docx(
    result: Diff,
    old: DocumentInfo,
    new: DocumentInfo,
    *,
    old_nodes: Sequence[Node],
    new_nodes: Sequence[Node],
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
    for piece in plan(result, old_nodes, new_nodes, new.language):
        found = _changed_by(piece.entry, by)
        current = tracker if found is None else ooxml.Tracker(*found)
        current.next_id = tracker.next_id
        _write(document, styles, piece, new.language, current)
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
    said = words(new.language)
    title = document.add_paragraph(said.redline_title(new.title), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    counted = said.change_counts(result.summary())
    lines = [
        said.redline_from(old.name, said.describe(old.edition), old.edition.date),
        said.redline_to(new.name, said.describe(new.edition), new.edition.date),
        said.changes_by(author, when.date(), counted),
    ]
    for text in lines:
        document.add_paragraph(text, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.paragraphs[-1].runs[0].add_break(WD_BREAK.PAGE)


def _write(
    document: Document, styles: Styles, piece: Piece, language: str, tracker: ooxml.Tracker
) -> None:
    written = list(_paragraphs(document, styles, piece, language, tracker))
    if piece.mode in MARK:
        for paragraph in written:
            tracker.mark_paragraph(paragraph, MARK[piece.mode])
    if piece.mode in (ORIGIN, DESTINATION) and written:
        kind = "moveFrom" if piece.mode == ORIGIN else "moveTo"
        ooxml.move_range(written[0], written[-1], kind, f"move{piece.move}", tracker)


def _paragraphs(
    document: Document, styles: Styles, piece: Piece, language: str, tracker: ooxml.Tracker
) -> Iterator[Paragraph]:
    """The paragraphs of one provision, its runs tracked as the piece's mode wants."""
    entry, first, then = piece.entry, piece.first, piece.then
    rest = then or first
    if first.role in ("heading", "crossheading"):
        lead = _shown(heading_ops(entry, language), piece)
        lines = _split(_shown(entry.text_ops, piece))
        yield _paragraph(document, styles, first, lead, piece, tracker)
        for ops, mark in lines if any(text for _, text in entry.text_ops) else ():
            yield _paragraph(document, styles, rest, ops, piece, tracker, mark)
        return
    number: list[Op] = []
    if first.role == "numbered" and first.num:
        number = _shown([*number_ops(entry, language, heading=False), (_whole(piece), "\t")], piece)
    lines = _split(_shown(entry.text_ops, piece))
    for index, (ops, mark) in enumerate(lines):
        layout = first if index == 0 else (rest if rest.role != "numbered" else first)
        lead = number + ops if index == 0 else ops
        yield _paragraph(document, styles, layout, lead, piece, tracker, mark)


def _paragraph(
    document: Document,
    styles: Styles,
    layout: Line,
    ops: list[Op],
    piece: Piece,
    tracker: ooxml.Tracker,
    mark: str = worddiff.EQUAL,
) -> Paragraph:
    paragraph = line_paragraph(document, styles, _continued(layout))
    for kind, text in ops:
        if text:
            paragraph._p.append(_run(kind, text, piece, tracker))
    if piece.mode == KEPT and mark != worddiff.EQUAL:
        tracker.mark_paragraph(paragraph, "w:ins" if mark == worddiff.INSERT else "w:del")
    return paragraph


def _continued(layout: Line) -> Line:
    """A later line of a numbered provision is laid out without the number's hanging indent."""
    if layout.role == "numbered" and not layout.num:
        return Line("continued", "", indent=layout.indent)
    return layout


def _run(kind: str, text: str, piece: Piece, tracker: ooxml.Tracker) -> etree._Element:
    if piece.mode == ORIGIN:
        return tracker.wrapped("w:moveFrom", text)
    if piece.mode == DESTINATION and kind == worddiff.EQUAL:
        return tracker.wrapped("w:moveTo", text)
    if kind == worddiff.INSERT:
        return tracker.inserted(text)
    if kind == worddiff.DELETE:
        return tracker.deleted(text)
    return ooxml.text_run(text)


def _shown(ops: Sequence[Op], piece: Piece) -> list[Op]:
    """The ops a piece shows: where a moved provision was, its old words; where it now
    stands, its new words (the words the move also deleted are shown where it was)."""
    if piece.mode == ORIGIN:
        return [(worddiff.EQUAL, text) for kind, text in ops if kind != worddiff.INSERT]
    if piece.mode == DESTINATION:
        return [(kind, text) for kind, text in ops if kind != worddiff.DELETE]
    return list(ops)


def _split(ops: list[Op]) -> list[tuple[list[Op], str]]:
    """The ops cut into lines at each line break, with how each line's break changed."""
    lines: list[tuple[list[Op], str]] = []
    current: list[Op] = []
    for kind, text in ops:
        pieces = text.split("\n")
        for index, part in enumerate(pieces):
            if index:
                lines.append((current, kind))
                current = []
            if part:
                current.append((kind, part))
    lines.append((current, worddiff.EQUAL))
    return lines


def _whole(piece: Piece) -> str:
    """The op kind of what belongs to the whole provision (the tab after its number)."""
    if piece.mode == INSERTED:
        return worddiff.INSERT
    return worddiff.DELETE if piece.mode == DELETED else worddiff.EQUAL
