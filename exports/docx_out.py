"""The consolidated text of a version as a Word document.

A cover page (title, version, status, date, and a notice on drafts), a table of contents
field (Word fills in the page numbers when the file is opened), headings in Word's heading
styles (the outermost level Heading 1), numbered provisions with their numbers as written
and a hanging indent, a running header with the title and "Page X of Y" in the footer, and
optionally line numbers in the margin. The document reads back into the same tree with
`exports.docx_in.read_docx`.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from drafts.tree import Node
from exports import ooxml
from exports.docx_footnotes import Footnotes
from exports.furniture import words
from exports.info import DocumentInfo
from exports.layout import Line, lines

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
INDENT = Cm(0.9)
TOC_LEVELS = 3
HEADINGS = tuple(f"Heading {level}" for level in range(1, 10))
NOTE_GREY = RGBColor(0x59, 0x59, 0x59)
"""Editorial notes written in the body are grey: they are not the law's text."""


def consolidated_docx(
    nodes: Sequence[Node], info: DocumentInfo, *, line_numbers: bool = False
) -> bytes:
    """The .docx of a version's text, with cover page and table of contents."""
    document = new_document(info)
    _cover(document, info)
    laid_out = list(lines(nodes, info.language))
    styles = Styles(document)
    headings = [line for line in laid_out if line.role in ("heading", "crossheading")]
    _contents(document, styles, headings, words(info.language)("contents"))
    footnotes = Footnotes(document)
    written: dict[str, Paragraph] = {}
    for index, line in enumerate(laid_out):
        if line.role != "footnote" or not _footnote(footnotes, written, laid_out, index):
            written.setdefault(line.eid, _write(document, styles, line))
    if line_numbers:
        ooxml.line_numbers(document.sections[-1])
    return save(document)


def new_document(info: DocumentInfo, *, landscape: bool = False) -> Document:
    """An A4 document in the house style, with header, footer and proofing language."""
    document = docx.Document()
    normal = document.styles["Normal"]
    ooxml.plain_font(normal.element, FONT)
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    for name in ("Title", "Subtitle", "TOC Heading", "Quote", *HEADINGS):
        style = document.styles[name]
        ooxml.plain_font(style.element, FONT)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = name == "Quote"
    for level, name in enumerate(HEADINGS):
        document.styles[name].font.size = Pt(max(16 - 2 * level, 12))
    note = document.styles.add_style(ROLE_STYLES["footnote"], WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(10)
    note.font.color.rgb = NOTE_GREY
    ooxml.set_language(document, info.language)
    core = document.core_properties
    core.title = info.title
    core.subject = words(info.language).describe(info.edition)
    core.language = ooxml.LANGUAGE_TAGS.get(info.language, info.language)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = info.name
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, between, after = words(info.language).page_pieces()
    footer.add_run(before)
    ooxml.add_field(footer, "PAGE", "1")
    footer.add_run(between)
    ooxml.add_field(footer, "NUMPAGES", "1")
    if after:
        footer.add_run(after)
    ooxml.update_fields_on_open(document)
    return document


def save(document: Document) -> bytes:
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def cover_lines(info: DocumentInfo) -> list[str]:
    """The version, its status and date, and on a draft the notice that it is one."""
    said, edition = words(info.language), info.edition
    found = [
        said.describe(edition),
        said("status", status=said.status(edition.status)),
        said("date", date=edition.date.isoformat()),
    ]
    if edition.status == "draft":
        found.append(said("draft_notice"))
    return found


def _cover(document: Document, info: DocumentInfo) -> None:
    for _ in range(6):
        ooxml.no_line_numbers(document.add_paragraph())
    title = document.add_paragraph(info.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.no_line_numbers(title)
    for text in cover_lines(info):
        line = document.add_paragraph(text, style="Subtitle")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        ooxml.no_line_numbers(line)
    line.runs[0].add_break(WD_BREAK.PAGE)


class Styles:
    """Paragraph styles by name, looked up once (python-docx searches them all each time)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.known = {style.name: style for style in document.styles}

    def __getitem__(self, name: str):
        return self._style(name, "Normal")

    def cross_heading(self, level: int):
        """A cross-heading's style: a heading of its level (so the contents list it), named
        so that an import knows it for a cross-heading."""
        return self._style(f"Cross Heading {level}", f"Heading {level}")

    def _style(self, name: str, base: str):
        if name not in self.known:
            style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.known[base]
            self.known[name] = style
        return self.known[name]


def _contents(document: Document, styles: Styles, headings: list[Line], title: str) -> None:
    """A TOC field whose current result lists the headings (Word adds the page numbers)."""
    heading = document.add_paragraph(title, style=styles["TOC Heading"])
    ooxml.no_line_numbers(heading)
    shown = [line for line in headings if line.level <= TOC_LEVELS] or [Line("heading", " ")]
    entries = []
    for line in shown:
        entry = document.add_paragraph(style=_toc_style(styles, line.level))
        ooxml.no_line_numbers(entry)
        entries.append(entry)
    ooxml.begin_field(entries[0], f'TOC \\o "1-{TOC_LEVELS}" \\h \\z \\u')
    for entry, line in zip(entries, shown, strict=True):
        entry.add_run(line.text)
    ooxml.end_field(entries[-1])
    entries[-1].add_run().add_break(WD_BREAK.PAGE)


def _toc_style(styles: Styles, level: int):
    name = f"toc {max(level, 1)}"
    if name not in styles.known:
        style = styles[name]
        style.paragraph_format.left_indent = Cm(0.6 * (max(level, 1) - 1))
        style.paragraph_format.space_after = Pt(2)
    return styles[name]


def _write(document: Document, styles: Styles, line: Line) -> Paragraph:
    paragraph = line_paragraph(document, styles, line)
    paragraph.add_run(
        f"{line.num}\t{line.text}" if line.role == "numbered" and line.num else line.text
    )
    return paragraph


def _footnote(
    footnotes: Footnotes, written: dict[str, Paragraph], laid_out: list[Line], index: int
) -> bool:
    """Write an editorial note as a footnote of the first paragraph of the provision it
    annotates (a note's eId is its provision's and its own); a note of the text itself has
    no paragraph to hang on and stays a paragraph. Its later lines go with its first."""
    line = laid_out[index]
    paragraph = written.get(line.eid.rpartition("__")[0])
    if paragraph is None:
        return False
    if index and laid_out[index - 1].role == "footnote" and laid_out[index - 1].eid == line.eid:
        return True
    note = [line.text]
    for after in laid_out[index + 1 :]:
        if after.role != "footnote" or after.eid != line.eid:
            break
        note.append(after.text)
    footnotes.add(paragraph, note)
    written[line.eid] = paragraph
    return True


ROLE_STYLES = {
    "note": "Quote",
    "footnote": "Editorial Note",
    "quoted": "Quoted Text",
    "wrapup": "Closing Words",
    "continued": "Continued Text",
    "closing": "Closing Formula",
}
"""The paragraph style of each kind of line that is not a heading; the importer knows them."""


def line_paragraph(document: Document, styles: Styles, line: Line) -> Paragraph:
    """An empty paragraph with the style and indents of one line of the text."""
    if line.role == "heading":
        return document.add_paragraph(style=styles[f"Heading {line.level}"])
    if line.role == "crossheading":
        return document.add_paragraph(style=styles.cross_heading(line.level))
    style = styles[ROLE_STYLES[line.role]] if line.role in ROLE_STYLES else None
    paragraph = document.add_paragraph(style=style)
    layout = paragraph.paragraph_format
    if line.role not in ("note", "footnote"):
        layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if line.role in ("text", "closing"):
        return paragraph
    left = INDENT * (line.indent + 1)
    layout.left_indent = left
    if line.role == "numbered" and line.num:
        layout.first_line_indent = -INDENT
        layout.tab_stops.add_tab_stop(left)
    return paragraph
