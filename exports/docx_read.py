"""The paragraphs of a Word document as a reader sees them, with what each one's style says.

A .docx is opened once (after the safety checks) and its body read in order through
content controls, leaving out a table of contents: each paragraph gives its visible text,
the number Word's automatic numbering shows in front of it ("1.", "(a)", "а)"), the names
of its style and of the styles that style is based on, its outline level, its left indent,
its tracked changes and the comments anchored in it. A table is one item, a row a line,
cells joined by " | ".

Tracked changes are read in one of two views: `"new"` (every change accepted: insertions
kept, deletions and the text moved away left out) or `"old"` (every change rejected). A
paragraph whose mark is deleted in the view read joins the paragraph after it, as in Word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from drafts.errors import InvalidInput
from exports.docx_footnotes import read_footnotes, references
from exports.docx_numbering import LEVELS, Numbering, W
from exports.safety import check_docx

VIEWS = ("new", "old")
COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CELL_SEPARATOR = " | "
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_HIDDEN = {
    "new": frozenset({f"{W}del", f"{W}moveFrom", f"{W}txbxContent", f"{MC}Fallback"}),
    "old": frozenset({f"{W}ins", f"{W}moveTo", f"{W}txbxContent", f"{MC}Fallback"}),
}
_REMOVED_MARK = {"new": (f"{W}del", f"{W}moveFrom"), "old": (f"{W}ins", f"{W}moveTo")}
_TEXT = frozenset({f"{W}t", f"{W}delText"})
_TYPED_NUMBER = re.compile(
    r"^[ ]*(?P<num>\(?\d+[A-Za-z]{0,3}[.)]?|\(?[^\W\d_]{1,4}[.)]|\([^\W\d_]{1,4}\)|[^\W\d_])\t"
)
"""A number typed before a tab ("1<tab>", "(a)<tab>"), as Kanun and many drafters write one."""


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    based_on: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    indent: int | None = None


@dataclass(frozen=True, slots=True)
class Mark:
    """One tracked change: what it is ("ins", "del", "moveFrom", "moveTo"), who, when."""

    kind: str
    author: str
    date: str
    """As Word writes it, e.g. "2024-05-01T09:30:00Z" (may be empty)."""


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph (or table) of the body, in reading order."""

    index: int
    """The paragraph's number in the document, from 1, for warnings."""
    text: str
    label: str = ""
    """The paragraph's number with its separator ("1. "): what Word's numbering shows in front
    of the text, or a number typed before a tab."""
    styles: tuple[str, ...] = ()
    """The style's name and those of the styles it is based on, nearest first, lower case."""
    outline: int = 0
    """1 for Heading 1 or outline level 1, …; 0 for body text."""
    indent: int = 0
    """Left indent in twentieths of a point."""
    table: bool = False
    marks: tuple[Mark, ...] = ()
    """The tracked changes in the paragraph (its text and its mark), in document order."""
    comments: tuple[str, ...] = ()
    """The ids of the Word comments anchored in the paragraph."""
    notes: tuple[str, ...] = ()
    """The texts of the footnotes the paragraph refers to, in order."""
    element: etree._Element | None = None

    @property
    def line(self) -> str:
        """The paragraph as read: its number, then its text."""
        return f"{self.label}{self.text}".strip()


@dataclass(frozen=True, slots=True)
class Package:
    """An opened .docx: its body, styles, numbering definitions and comments."""

    body: etree._Element
    styles: dict[str, Style]
    numbering: etree._Element | None
    comments: etree._Element | None = None
    threads: etree._Element | None = None
    """Word's `commentsExtended` part, which says which comment answers which."""
    footnotes: dict[str, etree._Element] = field(default_factory=dict)
    """The footnotes by their number."""


def open_package(data: bytes) -> Package:
    """Check and open a .docx; a damaged one is refused with a sentence."""
    check_docx(data)
    try:
        document = docx.Document(BytesIO(data))
        parts = {
            rel.reltype: rel.target_part
            for rel in document.part.rels.values()
            if not rel.is_external
        }
        comments, threads = parts.get(RT.COMMENTS), parts.get(COMMENTS_EXTENDED)
        notes = parts.get(RT.FOOTNOTES)
        return Package(
            body=document.element.body,
            styles=_styles(document.styles.element),
            numbering=parts[RT.NUMBERING].element if RT.NUMBERING in parts else None,
            comments=etree.fromstring(comments.blob) if comments is not None else None,
            threads=etree.fromstring(threads.blob) if threads is not None else None,
            footnotes=read_footnotes(etree.fromstring(notes.blob) if notes is not None else None),
        )
    except (ValueError, KeyError, etree.XMLSyntaxError) as error:
        raise InvalidInput(
            f"This file could not be read as a Word document ({error}); "
            "save it again as a Word document (.docx) and import the new copy."
        ) from None


def paragraphs(package: Package, view: str = "new") -> list[Para]:
    """The paragraphs and tables of the body in reading order, in one view of its changes."""
    reader = _Reader(package, view)
    found: list[Para] = []
    carried = ""
    for index, block in enumerate(blocks(package.body), 1):
        if reader.mark_removed(block):
            carried += text_of(block, view)
            continue
        item = reader.read(block, index)
        if item is None:
            continue
        if carried:
            item = Para(**{**_fields(item), "text": clean(carried) + " " + item.text})
            carried = ""
        if item.line:
            found.append(item)
    return found


def blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in reading order, through content controls, without a TOC."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            gallery = child.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
            content = child.find(f"{W}sdtContent")
            contents = gallery is not None and "contents" in gallery.get(f"{W}val", "").lower()
            if content is not None and not contents:
                yield from blocks(content)
        elif child.tag in (f"{W}customXml", f"{W}ins", f"{W}moveTo"):
            yield from blocks(child)


def text_of(element: etree._Element, view: str = "new") -> str:
    """The visible text of a paragraph (or any part of one) in a view of its changes."""
    pieces: list[str] = []
    _collect(element, _HIDDEN[view], pieces)
    return "".join(pieces)


TRACKED = tuple(f"{W}{name}" for name in ("ins", "del", "moveFrom", "moveTo"))


def marks(element: etree._Element) -> tuple[Mark, ...]:
    """The tracked changes inside an element, in document order."""
    return tuple(
        Mark(etree.QName(found).localname, found.get(f"{W}author", ""), found.get(f"{W}date", ""))
        for found in element.iter(*TRACKED)
    )


def clean(text: str) -> str:
    """Runs of spaces and tabs as one space, without invisible joiners and soft hyphens."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _collect(element: etree._Element, hidden: frozenset, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in hidden or tag == f"{W}pPr" or tag == f"{W}rPr":
            continue
        if tag in _TEXT:
            out.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}sym":
            out.append(chr(int(child.get(f"{W}char", "20"), 16)) if _hex(child) else "")
        elif len(child):
            _collect(child, hidden, out)


def _hex(symbol: etree._Element) -> bool:
    value = symbol.get(f"{W}char", "")
    return bool(value) and all(c in "0123456789abcdefABCDEF" for c in value) and len(value) <= 4


class _Reader:
    def __init__(self, package: Package, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"Unknown view {view!r}: use one of {', '.join(VIEWS)}.")
        self.package = package
        self.view = view
        self.numbering = Numbering(package.numbering)
        self.chains: dict[str, tuple[str, ...]] = {}

    def read(self, block: etree._Element, index: int) -> Para | None:
        if block.tag == f"{W}tbl":
            rows = [row for row in (self._row(tr) for tr in _rows(block)) if row]
            return Para(index, "\n".join(rows), table=True, element=block) if rows else None
        properties = block.find(f"{W}pPr")
        style_id = _val(properties, "pStyle")
        chain = self._chain(style_id)
        label = self._label(properties, style_id)
        raw = text_of(block, self.view)
        if label and not label.endswith(" ") and raw[:1].isspace():
            label += " "
        typed = None if label else _TYPED_NUMBER.match(raw)
        if typed:
            label, raw = f"{typed.group('num')} ", raw[typed.end() :]
        lines = [clean(line) for line in raw.split("\n")]
        return Para(
            index=index,
            text="\n".join(line for line in lines if line),
            label=label,
            styles=tuple(self.package.styles[s].name.lower() for s in chain),
            outline=self._outline(properties, chain),
            indent=self._indent(properties, chain),
            marks=marks(block),
            comments=tuple(
                dict.fromkeys(
                    r.get(f"{W}id", "")
                    for r in block.iter(f"{W}commentRangeStart", f"{W}commentReference")
                )
            ),
            notes=tuple(self._note(number) for number in references(block)),
            element=block,
        )

    def _note(self, number: str) -> str:
        """The text of a footnote, a line for each of its paragraphs."""
        note = self.package.footnotes.get(number)
        found = (
            [clean(text_of(p, self.view)) for p in note.iter(f"{W}p")] if note is not None else []
        )
        return "\n".join(line for line in found if line)

    def mark_removed(self, block: etree._Element) -> bool:
        """Whether the paragraph mark is deleted (or inserted) in the view being read."""
        marks = block.find(f"{W}pPr/{W}rPr")
        return marks is not None and any(
            marks.find(tag) is not None for tag in _REMOVED_MARK[self.view]
        )

    def _chain(self, style_id: str) -> tuple[str, ...]:
        """The style and the styles it is based on, nearest first (their ids)."""
        if style_id not in self.chains:
            found: list[str] = []
            current = style_id
            while current in self.package.styles and current not in found:
                found.append(current)
                current = self.package.styles[current].based_on
            self.chains[style_id] = tuple(found)
        return self.chains[style_id]

    def _label(self, properties: etree._Element | None, style_id: str) -> str:
        num_pr = properties.find(f"{W}numPr") if properties is not None else None
        num_id = _val(num_pr, "numId") or None
        ilvl_text = _val(num_pr, "ilvl")
        ilvl = int(ilvl_text) if ilvl_text.isdigit() else None
        for style in (self.package.styles[s] for s in self._chain(style_id)):
            num_id = num_id if num_id is not None else style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        if not num_id or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id)
        number, suffix = self.numbering.label(num_id, min(ilvl, LEVELS - 1))
        return f"{number}{suffix}" if number else ""

    def _outline(self, properties: etree._Element | None, chain: tuple[str, ...]) -> int:
        for style_id in chain:
            found = _HEADING_NAME.match(self.package.styles[style_id].name)
            if found:
                return int(found.group(1))
        outline = _val(properties, "outlineLvl")
        if outline.isdigit():
            return int(outline) + 1 if int(outline) < LEVELS else 0
        for style_id in chain:
            level = self.package.styles[style_id].outline
            if level is not None:
                return level + 1 if level < LEVELS else 0
        return 0

    def _indent(self, properties: etree._Element | None, chain: tuple[str, ...]) -> int:
        own = _left(properties.find(f"{W}ind")) if properties is not None else None
        if own is not None:
            return own
        return next(
            (
                self.package.styles[s].indent
                for s in chain
                if self.package.styles[s].indent is not None
            ),
            0,
        )

    def _row(self, row: etree._Element) -> str:
        cells = []
        for cell in row.iter(f"{W}tc"):
            if next(cell.iterancestors(f"{W}tc"), None) is not None:
                continue
            words = " ".join(text_of(p, self.view) for p in cell.iter(f"{W}p"))
            cells.append(clean(words.replace("\n", " ")))
        return CELL_SEPARATOR.join(cells).strip(" |")


_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


def _fields(item: Para) -> dict:
    return {name: getattr(item, name) for name in Para.__slots__}


def _val(element: etree._Element | None, name: str) -> str:
    if element is None:
        return ""
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", "") if child is not None else ""


def _id(element: etree._Element) -> str:
    return element.get(f"{W}id", "")


def _left(indent: etree._Element | None) -> int | None:
    if indent is None:
        return None
    value = indent.get(f"{W}left") or indent.get(f"{W}start")
    return int(value) if value and value.lstrip("-").isdigit() else None


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag == f"{W}sdt":
            yield from child.iter(f"{W}tr")


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
            num_id=(_val(num_pr, "numId") or None) if num_pr is not None else None,
            ilvl=int(ilvl) if ilvl.isdigit() else None,
            outline=int(outline) if outline.isdigit() else None,
            indent=_left(properties.find(f"{W}ind")) if properties is not None else None,
        )
    return found
