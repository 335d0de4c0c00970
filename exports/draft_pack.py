"""The meeting pack of a draft: one .docx a working group takes to the table.

A cover page and a table of contents, then the parts asked for, each under a Heading 1 so
that Word's navigation pane lists them: the explanatory note (the draft's description),
the comparative table (landscape, from `docx_compare`), the consolidated text (from
`docx_out`, its headings moved under the part's), the alignment annex and the open
comments. Each instrument the draft amends has a Heading 2 in the table and the text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from exports import compose, ooxml
from exports.annex import write_annex
from exports.docx_compare import comparative_docx
from exports.docx_out import INDENT, consolidated_docx, new_document, save
from exports.draft_read import DraftDocuments, TargetText
from exports.furniture import words
from exports.info import DocumentInfo, Edition

PARTS = ("note", "table", "text", "annex", "comments")
CONTENTS_LEVELS = 2


def meeting_pack(data: DraftDocuments, parts: Sequence[str] = PARTS) -> bytes:
    """The pack with the chosen parts, in the order of `PARTS`."""
    info = DocumentInfo(
        title=data.title,
        work_uri=f"draft/{data.id}",
        language=data.language,
        edition=Edition(number=data.id, status="draft", created=data.when.date()),
    )
    document = new_document(info)
    said = words(data.language)
    document.core_properties.subject = f"{said('pack.title')}, {data.id}"
    _cover(document, data)
    contents = document.add_paragraph()
    for part in PARTS:
        if part in parts:
            WRITERS[part](document, data)
    _contents(document, contents, said("contents"))
    return save(document)


def _cover(document: Document, data: DraftDocuments) -> None:
    for _ in range(6):
        document.add_paragraph()
    document.add_paragraph(data.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    said = words(data.language)
    lines = [
        said("pack.title"),
        said("pack.draft", id=data.id, stage=said.stage(data.stage)),
        *(
            said("pack.amends", name=t.before.name, version=said.describe(t.before.edition))
            for t in data.targets
        ),
        said("pack.prepared", owner=data.owner, date=data.when.date().isoformat()),
        said("draft_notice"),
    ]
    for text in lines:
        document.add_paragraph(text, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.paragraphs[-1].runs[0].add_break(WD_BREAK.PAGE)


def _contents(document: Document, marker: Paragraph, title: str) -> None:
    """A TOC field before `marker` whose current result lists the part and target headings."""
    wanted = {f"Heading{level}": level for level in range(1, CONTENTS_LEVELS + 1)}
    shown = [
        (wanted[paragraph._p.style], paragraph.text)
        for paragraph in document.paragraphs
        if paragraph._p.style in wanted
    ]
    marker.insert_paragraph_before(title, style="TOC Heading")
    entries = []
    for level, text in shown:
        entry = marker.insert_paragraph_before(text)
        entry.paragraph_format.left_indent = INDENT * (level - 1)
        entry.paragraph_format.space_after = Pt(2)
        entries.append(entry)
    ooxml.begin_field(
        entries[0] if entries else marker, f'TOC \\o "1-{CONTENTS_LEVELS}" \\h \\z \\u'
    )
    ooxml.end_field(marker)


def _part(document: Document, name: str, language: str) -> None:
    """The part's Heading 1, on a new page unless a new section has just begun one."""
    last = document.element.body[-2] if len(document.element.body) > 1 else None
    fresh = last is not None and last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    heading = document.add_paragraph(words(language)(f"part.{name}"), style="Heading 1")
    heading.paragraph_format.page_break_before = not fresh


def _section(document: Document, *, landscape: bool) -> None:
    """A new section on a new page, turned to landscape or back to portrait."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    wide, tall = sorted((section.page_width, section.page_height), reverse=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = wide, tall


def _note(document: Document, data: DraftDocuments) -> None:
    _part(document, "note", data.language)
    paragraphs = [text for text in data.description.split("\n") if text.strip()]
    if not paragraphs:
        missing = words(data.language)("pack.no_note")
        document.add_paragraph(missing).runs[0].italic = True
    for text in paragraphs:
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _table(document: Document, data: DraftDocuments) -> None:
    _section(document, landscape=True)
    _part(document, "table", data.language)
    if not data.targets:
        document.add_paragraph(words(data.language)("pack.no_targets"))
    for target in data.targets:
        document.add_paragraph(target.after.title, style="Heading 2")
        made = comparative_table(target)
        compose.append(document, compose.without_titles(compose.blocks(made)))
    _section(document, landscape=False)


def _text(document: Document, data: DraftDocuments) -> None:
    _part(document, "text", data.language)
    if not data.targets:
        document.add_paragraph(words(data.language)("pack.no_targets"))
    for index, target in enumerate(data.targets):
        heading = document.add_paragraph(target.after.title, style="Heading 2")
        heading.paragraph_format.page_break_before = index > 0
        edition, said = target.after.edition, words(target.after.language)
        document.add_paragraph(f"{said.describe(edition)} ({said.status(edition.status).lower()})")
        if edition.status == "draft":
            document.add_paragraph().add_run(said("draft_notice")).italic = True
        made = consolidated_docx(target.new, target.after)
        compose.append(document, compose.after_contents(compose.blocks(made)), heading_shift=2)


def _annex(document: Document, data: DraftDocuments) -> None:
    _part(document, "annex", data.language)
    write_annex(document, data.annex, level=2, language=data.language)


def _comments(document: Document, data: DraftDocuments) -> None:
    _part(document, "comments", data.language)
    if not data.threads:
        document.add_paragraph(words(data.language)("pack.no_comments"))
    for thread in data.threads:
        document.add_paragraph().add_run(thread.about).bold = True
        for index, remark in enumerate(thread.remarks):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = INDENT * (1 + (index > 0))
            said = paragraph.add_run(f"{remark.author}, {remark.at.date().isoformat()}: ")
            said.italic = True
            paragraph.add_run(remark.body)


WRITERS: dict[str, Callable[[Document, DraftDocuments], None]] = {
    "note": _note,
    "table": _table,
    "text": _text,
    "annex": _annex,
    "comments": _comments,
}


def comparative_table(target: TargetText) -> bytes:
    """The comparative table of one instrument of a draft, its rationale in the third column."""
    return comparative_docx(
        target.changes,
        target.before,
        target.after,
        old_nodes=target.old,
        new_nodes=target.new,
        rationale=target.rationale(),
    )
