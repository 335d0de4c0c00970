"""Word documents (.docx) into provision trees.

The body is read paragraph by paragraph into lines of text, which `drafts.parse.parse_text`
turns into the tree exactly as it does for a plain-text law:

- Word's automatic numbering is written out in front of the paragraph ("1.", "(a)", "а)");
- paragraphs in a heading style (or with an outline level) are marked as headings;
- a table becomes one `block` of its enclosing provision, a row a line, cells joined by
  " | " (the form `render_text` writes notes in, so a table survives a text round trip);
- paragraphs in a quotation style are notes (`block`s) as well;
- the title, subtitle, table of contents and deleted tracked changes are left out.

Warnings name the paragraph of the document instead of a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from io import BytesIO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from drafts.errors import InvalidInput
from drafts.parse import ParseResult, parse_text
from exports.docx_numbering import LEVELS, Numbering, W
from exports.safety import check_docx

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SKIPPED_STYLES = frozenset({"title", "subtitle", "toc heading", "header", "footer"})
QUOTE_STYLES = frozenset({"quote", "intense quote"})
HIDDEN_ANCESTORS = frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent", MC_FALLBACK})
CELL_SEPARATOR = " | "

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
_LINE_REF = re.compile(r"\b[Ll]ines? (\d+)(?: and (\d+))?")


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    based_on: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


def read_docx(data: bytes, language: str | None = None) -> ParseResult:
    """The provisions of a .docx law and the parser's warnings (by paragraph number)."""
    lines, origins = docx_lines(data)
    result = parse_text("\n".join(lines), language)
    warnings = tuple(
        replace(
            warning,
            line=_origin(origins, warning.line),
            message=_LINE_REF.sub(lambda m: _paragraphs(m, origins), warning.message),
        )
        for warning in result.warnings
    )
    return ParseResult(result.nodes, warnings)


def docx_lines(data: bytes) -> tuple[list[str], list[int]]:
    """The lines of text of a .docx, and for each line the number of its paragraph."""
    check_docx(data)
    try:
        document = docx.Document(BytesIO(data))
        body = document.element.body
        styles = _styles(document.styles.element)
        numbering = next(
            (
                rel.target_part.element
                for rel in document.part.rels.values()
                if rel.reltype == RT.NUMBERING and not rel.is_external
            ),
            None,
        )
    except (ValueError, KeyError, etree.XMLSyntaxError) as error:
        raise InvalidInput(
            f"This file could not be read as a Word document ({error}); "
            "save it again as a Word document (.docx) and import the new copy."
        ) from None
    reader = _Reader(styles, Numbering(numbering))
    for number, block in enumerate(_blocks(body), 1):
        reader.add(block, number)
    return reader.lines, reader.origins


class _Reader:
    def __init__(self, styles: dict[str, Style], numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.origins: list[int] = []

    def emit(self, line: str, origin: int) -> None:
        self.lines.append(line)
        self.origins.append(origin)

    def add(self, block: etree._Element, origin: int) -> None:
        if block.tag == f"{W}tbl":
            rows = [row for row in (_row_text(tr) for tr in _rows(block)) if row]
            if rows:
                self.emit("", origin)
                for row in rows:
                    self.emit(f"> {row}", origin)
                self.emit("", origin)
            return
        style_id = _val(block.find(f"{W}pPr"), "pStyle")
        name = self.styles[style_id].name.lower() if style_id in self.styles else ""
        if name in SKIPPED_STYLES or name.startswith("toc"):
            return
        text = paragraph_text(block)
        number, suffix = self._number(block, style_id)
        if not text.strip() and not number:
            return
        if number:
            text = f"{number}{suffix}{text}"
        first, *rest = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        heading = self._heading_level(block, style_id, name)
        prefix = "#" * heading + " " if heading else "> " if name in QUOTE_STYLES else ""
        for line in (first, *rest):
            if line:
                self.emit(prefix + line, origin)

    def _number(self, paragraph: etree._Element, style_id: str) -> tuple[str, str]:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        num_id = _val(num_pr, "numId") or None
        ilvl_text = _val(num_pr, "ilvl")
        ilvl = int(ilvl_text) if ilvl_text.isdigit() else None
        for style in self._chain(style_id):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        if not num_id or num_id == "0":
            return "", ""
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.label(num_id, min(ilvl, LEVELS - 1))

    def _heading_level(self, paragraph: etree._Element, style_id: str, name: str) -> int:
        found = _HEADING_NAME.match(name)
        if found:
            return int(found.group(1))
        outline = _val(paragraph.find(f"{W}pPr"), "outlineLvl")
        if outline.isdigit():
            return int(outline) + 1 if int(outline) < LEVELS else 0
        for style in self._chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if style.outline < LEVELS else 0
        return 0

    def _chain(self, style_id: str) -> Iterator[Style]:
        """The style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on


def _val(element: etree._Element | None, name: str) -> str:
    if element is None:
        return ""
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", "") if child is not None else ""


def _styles(styles: etree._Element) -> dict[str, Style]:
    found = {}
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        properties = style.find(f"{W}pPr")
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        ilvl = _val(num_pr, "ilvl")
        outline = _val(properties, "outlineLvl")
        found[style.get(f"{W}styleId", "")] = Style(
            name=_val(style, "name"),
            based_on=_val(style, "basedOn"),
            num_id=_val(num_pr, "numId") or None if num_pr is not None else None,
            ilvl=int(ilvl) if ilvl.isdigit() else None,
            outline=int(outline) if outline.isdigit() else None,
        )
    return found


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in reading order, through content controls, without a TOC."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
            content = child.find(f"{W}sdtContent")
            table_of_contents = gallery is not None and "contents" in gallery.get(f"{W}val", "")
            if content is not None and not table_of_contents:
                yield from _blocks(content)
        elif child.tag == f"{W}customXml":
            yield from _blocks(child)


def paragraph_text(paragraph: etree._Element) -> str:
    """The visible text of a paragraph: inserted text kept, deleted text left out."""
    pieces = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if any(ancestor.tag in HIDDEN_ANCESTORS for ancestor in element.iterancestors()):
            continue
        if element.tag == f"{W}t":
            pieces.append(element.text or "")
        elif element.tag == f"{W}tab":
            pieces.append(" ")
        elif element.tag == f"{W}noBreakHyphen":
            pieces.append("-")
        else:
            pieces.append("\n")
    return "".join(pieces)


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag == f"{W}sdt":
            yield from child.iter(f"{W}tr")


def _row_text(row: etree._Element) -> str:
    cells = []
    for cell in row.iter(f"{W}tc"):
        if next(cell.iterancestors(f"{W}tc"), None) is not None:
            continue
        words = " ".join(paragraph_text(p) for p in cell.iter(f"{W}p"))
        cells.append(_SPACES.sub(" ", words.replace("\n", " ")).strip())
    return CELL_SEPARATOR.join(cells).strip(" |")


def _origin(origins: list[int], line: int) -> int:
    return origins[line - 1] if 0 < line <= len(origins) else line


def _paragraphs(match: re.Match[str], origins: list[int]) -> str:
    first = _origin(origins, int(match.group(1)))
    if match.group(2):
        return f"paragraphs {first} and {_origin(origins, int(match.group(2)))}"
    word = "Paragraph" if match.group(0)[0].isupper() else "paragraph"
    return f"{word} {first}"
