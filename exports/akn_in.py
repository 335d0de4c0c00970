"""Akoma Ntoso 3.0 acts and bills into provision trees.

Hierarchical elements become provisions with their `num`, `heading` and text (`intro` and
`content`, one line a `<p>`); a `wrapUp` becomes the provision's closing words. Parts, chapters,
sections, articles, paragraphs and points keep their kind when they sit below their
parent's level, in a schedule, or in a container of their own kind (a chapter in a chapter);
the other levels (`subsection`, `subparagraph`, `level`, `clause`…) take
the kind one step below their parent, so a UK section's subsections are paragraphs and
their lettered levels points; a `subparagraph` is a subpoint (Kanun writes subpoints so).
Cross-heading `hcontainer`s become cross-headings, other `hcontainer`s (schedules) blocks.
A quoted structure becomes a `quoted` child of the provision that quotes it, its lines as
text (with what follows it in the sentence, such as the final full stop); lists and tables
inside the text are kept as lines; the `conclusions` are the closing words of the whole text;
a preamble's `container`s named "note" are its notes; authorial notes are left out. The XML
is parsed without DTDs, entities or network access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from drafts.errors import InvalidInput
from drafts.parse import ParseResult, ParseWarning
from drafts.parse_patterns import HEADING_KINDS, LEVELS
from drafts.tree import NOTE, Node, normalize_text
from exports.akn_names import NS, A
from exports.safety import UnsupportedFile, check_size, check_xml

DOCUMENT_TYPES = ("act", "bill")
NATURAL_KINDS = {
    "book": "part",
    "tome": "part",
    "title": "part",
    "division": "part",
    "part": "part",
    "subpart": "part",
    "chapter": "chapter",
    "subchapter": "chapter",
    "section": "section",
    "subtitle": "section",
    "subdivision": "section",
    "article": "article",
    "paragraph": "paragraph",
    "point": "point",
    "subparagraph": "subpoint",
}
NESTED = frozenset(
    {
        "subsection",
        "level",
        "clause",
        "subclause",
        "list",
        "sublist",
        "indent",
        "alinea",
        "rule",
        "subrule",
        "proviso",
        "transitional",
    }
)
BELOW = {"paragraph": "point", "point": "subpoint", "subpoint": "subpoint"}
BLOCK_ELEMENTS = frozenset({"quotedStructure", "embeddedStructure", "table", "blockList"})
SKIPPED = frozenset({"authorialNote", "noteRef", "remark", "foreign", "componentRef"})
LINE_ELEMENTS = frozenset({"p", "listIntroduction", "listWrapUp", "heading", "subheading"})

_SPACES = re.compile(r"\s+")


def parser() -> etree.XMLParser:
    """An XML parser that never loads a DTD, expands an entity or opens a connection."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def read_akn(data: bytes) -> ParseResult:
    """The provisions of an Akoma Ntoso act or bill (preamble first, then the body)."""
    check_size(data, "This Akoma Ntoso file")
    check_xml(data, "This Akoma Ntoso file")
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError as error:
        raise InvalidInput(f"This Akoma Ntoso file is not well-formed XML ({error}).") from None
    if root.tag != f"{A}akomaNtoso":
        raise UnsupportedFile(
            f"This XML file is not an Akoma Ntoso 3.0 document (its root is {_local(root)} "
            f"in the namespace {etree.QName(root).namespace or 'none'}, not akomaNtoso in {NS})."
        )
    document = next((child for child in root if _local(child) in DOCUMENT_TYPES), None)
    if document is None:
        found = next((_local(child) for child in root if isinstance(child.tag, str)), "nothing")
        raise UnsupportedFile(
            f"This Akoma Ntoso document is a {found}; only acts and bills can be imported."
        )
    nodes: list[Node] = []
    preamble = document.find(f"{A}preamble")
    if preamble is not None:
        notes = [child for child in preamble if _local(child) == "container" and _is_note(child)]
        for note in notes:
            preamble.remove(note)
        text = "\n".join(_lines(preamble))
        kept = tuple(Node(NOTE, text=normalize_text("\n".join(_lines(n)))) for n in notes)
        if text or kept:
            nodes.append(Node("preamble", text=text, children=kept))
    body = document.find(f"{A}body")
    if body is not None:
        nodes.extend(_provisions(body, "root"))
    conclusions = document.find(f"{A}conclusions")
    closing = "\n".join(_lines(conclusions)) if conclusions is not None else ""
    if closing:
        nodes.append(Node("wrapup", text=normalize_text(closing)))
    warnings = () if nodes else (ParseWarning(0, "This Akoma Ntoso document has no provisions."),)
    return ParseResult(tuple(nodes), warnings)


def _is_note(element: etree._Element) -> bool:
    return element.get("name") == NOTE


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


HCONTAINER_KINDS = {
    "crossheading": "crossheading",
    "quotation": "quoted",
    "wrapUp": "wrapup",
    "note": "note",
}


def _kind(element: etree._Element, parent: str) -> str | None:
    """The provision kind of an element under a provision of kind `parent`, or None."""
    name = _local(element)
    if name == "hcontainer":
        return HCONTAINER_KINDS.get(element.get("name", ""), "block")
    natural = NATURAL_KINDS.get(name)
    depth = LEVELS.get(parent, -1)
    if natural and (LEVELS[natural] > depth or parent == "block" or _subdivides(natural, parent)):
        return natural
    if natural or name in NESTED:
        return BELOW.get(parent, "paragraph")
    return None


def _subdivides(kind: str, parent: str) -> bool:
    """Whether a container divides one of its own kind: a German Abschnitt in a Hauptstück
    (both chapters), a Titel in an Unterabschnitt, a `subchapter` in a `chapter`."""
    return kind == parent and kind in HEADING_KINDS


def _provisions(container: etree._Element, parent: str) -> Iterator[Node]:
    for child in container:
        kind = _kind(child, parent)
        if kind is None:
            continue
        node = _node(child, kind)
        if node.num or node.heading or node.text or node.children:
            yield node


def _node(element: etree._Element, kind: str) -> Node:
    num = heading = ""
    lines: list[str] = []
    quotes: list[list[str]] = []
    children: list[Node] = []
    for child in element:
        name = _local(child)
        if name == "num":
            num = _inline_text(child)
        elif name == "heading":
            heading = _inline_text(child)
        elif name in ("intro", "content"):
            lines.extend(_lines(child, quotes))
        elif name == "wrapUp":
            text = "\n".join(_lines(child))
            if text:
                children.append(Node("wrapup", text=normalize_text(text)))
    if kind == "quoted":
        lines = [line for quote in quotes for line in quote]
        quotes = []
    quoted = [Node("quoted", text=normalize_text("\n".join(q))) for q in quotes if q]
    children[0:0] = [*quoted, *_provisions(element, kind)]
    return Node(
        kind,
        num=normalize_text(num),
        heading=normalize_text(heading),
        text=normalize_text("\n".join(lines)),
        children=tuple(children),
    )


def _lines(container: etree._Element, quotes: list[list[str]] | None = None) -> Iterator[str]:
    """The lines of text of a block container: one per paragraph, row or list item; with
    `quotes`, each quoted structure's lines go there instead."""
    num = ""
    for child in container:
        name = _local(child)
        if not name or name in SKIPPED:
            continue
        if name == "num":
            num = _inline_text(child)
            continue
        if name in LINE_ELEMENTS:
            found = list(_inline_lines(child, quotes))
        elif name == "table":
            found = [_row(row) for row in child.iter(f"{A}tr")]
        else:
            found = list(_lines(child, quotes))
        found = [line for line in found if line]
        if num and found:
            found[0] = f"{num} {found[0]}"
            num = ""
        yield from found
    if num:
        yield num


def _row(row: etree._Element) -> str:
    cells = [" ".join(_lines(cell)) for cell in row if _local(cell) in ("td", "th")]
    return " | ".join(cells)


def _quote(element: etree._Element, name: str) -> str:
    """The quotation mark an element carries in a `startQuote` or `endQuote` attribute."""
    return next((v for k, v in element.attrib.items() if etree.QName(k).localname == name), "")


def _inline_text(element: etree._Element) -> str:
    return " ".join(_inline_lines(element))


def _inline_lines(element: etree._Element, quotes: list[list[str]] | None = None) -> Iterator[str]:
    """The text of an inline container; a quoted structure inside it starts new lines, or,
    with `quotes`, is put there, followed by the rest of the sentence it ends."""
    current: list[str] = []
    quoting: list[str] | None = None

    def flush() -> Iterator[str]:
        line = _SPACES.sub(" ", "".join(current)).strip()
        current.clear()
        if line and quoting is not None:
            quoting[-1] += line
        elif line:
            yield line

    def visit(node: etree._Element) -> Iterator[str]:
        nonlocal quoting
        current.append(_quote(node, "startQuote") + (node.text or ""))
        for child in node:
            name = _local(child)
            if name == "quotedStructure" and quotes is not None:
                yield from flush()
                found = list(_lines(child))
                if found:
                    found[0] = _quote(child, "startQuote") + found[0]
                    found[-1] += _quote(child, "endQuote")
                    quotes.append(found)
                    quoting = found
            elif name in BLOCK_ELEMENTS:
                yield from flush()
                yield from _lines(child) if name != "table" else map(_row, child.iter(f"{A}tr"))
            elif name in ("br", "eol", "eop"):
                yield from flush()
            elif name and name not in SKIPPED:
                yield from visit(child)
            current.append(child.tail or "")
        current.append(_quote(node, "endQuote"))

    yield from visit(element)
    yield from flush()
