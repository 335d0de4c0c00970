"""The comparative table a working group reads: current wording | proposed wording | rationale.

One row per changed provision (or per provision, when asked), in the order of the new text.
Each column is captioned with the provision's citation in that text; a moved provision says
where it came from and where it went. The current column strikes through the words that go,
the proposed column underlines the words that come, and the third column holds the rationale
and treaty references the caller gives for the provision, looked up by provision id, then new
eId, then old eId. The words around the text are in the text's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from drafts import worddiff
from drafts.diff import Diff, Entry
from drafts.tree import Node
from drafts.worddiff import Op
from exports.diff_pieces import Placed, heading_ops, number_ops, placed, side
from exports.docx_out import new_document, save
from exports.furniture import Words, words
from exports.info import DocumentInfo
from exports.places import Places

COLUMNS = ("table.current", "table.proposed", "table.rationale")
WIDTHS = (Cm(10.5), Cm(10.5), Cm(4.6))
DELETED_COLOUR = RGBColor(0xC0, 0x00, 0x00)
INSERTED_COLOUR = RGBColor(0x00, 0x55, 0x99)
CAPTION_SIZE = Pt(9)


def comparative_docx(
    result: Diff,
    old: DocumentInfo,
    new: DocumentInfo,
    *,
    old_nodes: Sequence[Node],
    new_nodes: Sequence[Node],
    rationale: Mapping[str, str] | None = None,
    only_changes: bool = True,
) -> bytes:
    """The comparative table of a diff as a landscape .docx."""
    said = words(new.language)
    document = new_document(new, landscape=True)
    title = document.add_paragraph(said("table.title", title=new.title), style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = (
        f"{old.name}, {said.describe(old.edition)} → {new.name}, {said.describe(new.edition)}"
    )
    document.add_paragraph(subtitle, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    rows = [item for item in placed(result, new.language) if item.entry.changed or not only_changes]
    if not rows:
        document.add_paragraph(said("table.same"))
        return save(document)
    places = _Columns(Places(old_nodes, old), Places(new_nodes, new), said)
    _table(document, rows, new.language, rationale or {}, places)
    return save(document)


class _Columns:
    """The captions of a row: each column's citation, and where a moved provision went."""

    def __init__(self, before: Places, after: Places, said: Words) -> None:
        self.before, self.after, self.said = before, after, said

    def captions(self, entry: Entry) -> tuple[str, str]:
        old, new = self.before.cite(entry.old_eid), self.after.cite(entry.new_eid)
        if "moved" not in entry.statuses:
            return old, new
        came = self.said("moved.from", place=self.before.cite(entry.old_eid, "gen"))
        went = self.said("moved.to", place=self.after.cite(entry.new_eid, "acc"))
        return f"{old} — {went}", f"{new} — {came}"


def _table(
    document: Document,
    rows: list[Placed],
    language: str,
    notes: Mapping[str, str],
    places: _Columns,
) -> None:
    said = places.said
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, name, width in zip(header.cells, COLUMNS, WIDTHS, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(said(name)).bold = True
    for item in rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, WIDTHS, strict=True):
            cell.width = width
        entry = item.entry
        before, after = places.captions(entry)
        _column(
            cells[0], item, language, before, said, hidden=worddiff.INSERT, present=entry.old_eid
        )
        _column(
            cells[1], item, language, after, said, hidden=worddiff.DELETE, present=entry.new_eid
        )
        cells[2].paragraphs[0].add_run(_rationale(entry, notes))


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _column(
    cell: _Cell, item: Placed, language: str, caption: str, said: Words, *, hidden: str, present
) -> None:
    entry = item.entry
    if caption:
        shown = cell.paragraphs[0].add_run(caption)
        shown.italic = True
        shown.font.size = CAPTION_SIZE
        cell.add_paragraph()
    paragraph = cell.paragraphs[-1]
    if present is None:
        word = said("table.new") if hidden == worddiff.INSERT else said("table.deleted")
        paragraph.add_run(word).italic = True
        return
    if item.role == "heading":
        _write(paragraph, side(heading_ops(entry, language), hidden), bold=True)
        if entry.text_ops:
            _write(cell.add_paragraph(), side(entry.text_ops, hidden))
        return
    number = number_ops(entry, language, heading=False) if item.role == "numbered" else []
    ops = side(number, hidden) + ([(worddiff.EQUAL, " ")] if number else [])
    _write(paragraph, ops + side(entry.text_ops, hidden))


def _write(paragraph, ops: list[Op], *, bold: bool = False) -> None:
    for kind, text in ops:
        run = paragraph.add_run(text)
        run.bold = bold or None
        if kind == worddiff.DELETE:
            run.font.strike = True
            run.font.color.rgb = DELETED_COLOUR
        elif kind == worddiff.INSERT:
            run.font.underline = True
            run.bold = True
            run.font.color.rgb = INSERTED_COLOUR


def _rationale(entry: Entry, notes: Mapping[str, str]) -> str:
    for key in (entry.provision_id, entry.new_eid, entry.old_eid):
        if key and key in notes:
            return notes[key]
    return ""
