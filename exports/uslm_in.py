"""US bills in USLM XML (the Government Publishing Office's schema) into provision trees.

The law's text is `<main>`: its long title (`<officialTitle>`) is the first preamble, text
before the first unit (an appropriations bill's appropriating clause, an unnumbered
`<section>`) the second. Divisions and titles are parts; sections, then their subsections,
paragraphs, subparagraphs, clauses, subclauses and items nest as section, paragraph, point
and subpoints, each with its `<num>` as printed ("SEC. 2." is section "2", "(a)" stays "(a)")
and its `<heading>`. A provision's `<chapeau>` and `<content>` are its text; a
`<continuation>` after its parts is its closing words (`wrapup`), placed by its printed
indentation: a flush-left one (`indent0`) that the XML nests in an indented paragraph
closes the unit it is flush with. Unnumbered text after the units of a title (a short
title) is the title's closing words. Text another law is to receive (`<quotedContent>`,
`<quotedText>`) is text of the provision that quotes it, a line for each quoted provision,
never provisions of the bill. Appropriations headings (`<appropriations>`) are read by
`exports.uslm_appropriations`. Not law text, left out: `<meta>`, `<preface>`, `<docTitle>`,
the enacting formula, the attestation and signatures, notes and element ids.
"""

from __future__ import annotations

import re

from lxml import etree

from drafts.errors import InvalidInput
from drafts.parse import ParseResult
from drafts.tree import Node
from exports.uslm_appropriations import Chain, Held, Unit

USLM = "http://schemas.gpo.gov/xml/uslm"
"""The schema's namespace; version 2.0 files add "/2.0" to it."""
CONTAINERS = {
    "division": "part",
    "title": "part",
    "subtitle": "chapter",
    "chapter": "chapter",
    "subchapter": "chapter",
    "part": "chapter",
    "subpart": "chapter",
}
"""USLM's levels above the section and the provision kinds Kanun reads them as."""
LEVELS = {
    "section": "section",
    "subsection": "paragraph",
    "paragraph": "point",
    "subparagraph": "subpoint",
    "clause": "subpoint",
    "subclause": "subpoint",
    "item": "subpoint",
    "subitem": "subpoint",
}
"""The section and its subdivisions."""
_TEXT = frozenset({"chapeau", "content", "text"})
_LEFT_OUT = frozenset({"note", "notes", "sidenote", "footnote", "toc"})
_BLOCKS = frozenset({*CONTAINERS, *LEVELS, "appropriations", "p", "quotedContent"})
"""Elements inside quoted text that start a line of their own."""
_SPACES = re.compile(r"\s+")
_KEYWORD = re.compile(
    r"^(?:SECTION|SEC\.|Sec\.|DIVISION|Division|TITLE|Title|SUBTITLE|Subtitle|CHAPTER|Chapter"
    r"|SUBCHAPTER|Subchapter|PART|Part|SUBPART|Subpart)\s*"
)
_INDENT = re.compile(r"\bindent(\d+)\b")
_Closing = tuple[Node, int | None]
"""Closing words and the indentation they are printed at."""


def in_uslm(element: etree._Element) -> bool:
    """Whether an element is in the USLM namespace, of either version."""
    return (etree.QName(element).namespace or "").startswith(USLM)


def read_uslm(data: bytes) -> ParseResult:
    """The provisions of a USLM bill or act."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as error:
        raise InvalidInput(f"This file could not be read as USLM XML ({error}).") from None
    main = _child(root, "main") if in_uslm(root) else None
    if main is None:
        raise InvalidInput("This XML has no <main> element: it is not a USLM bill or act.")
    nodes: list[Node] = []
    title = _child(_child(main, "longTitle"), "officialTitle")
    if title is not None:
        nodes.append(Node("preamble", text=_flat(title)))
    body = _body(main)
    if body.text:
        nodes.append(Node("preamble", text=body.text))
    nodes.extend(body.children)
    return ParseResult(tuple(nodes))


def _body(element: etree._Element) -> Held:
    """The units of the bill or of a container above the section, in order; unnumbered text
    before the first of them is the container's own text, after them its closing words."""
    held = Held()
    chain = Chain(held)
    for child in element:
        name = _name(child)
        if name in CONTAINERS:
            chain.close()
            container = _body(child)
            held.children.append(
                Node(
                    CONTAINERS[name],
                    _number(child),
                    _heading(child),
                    container.text,
                    tuple(container.children),
                )
            )
        elif name == "section" and _free_text(child):
            chain.close()
            held.add_text(_own_text(child))
        elif name == "section":
            chain.close()
            held.children.append(_node(child, "section"))
        elif name == "appropriations":
            chain.add(_unit(child))
        elif name == "continuation":
            chain.close()
            held.children.append(Node("wrapup", text=_flat(child)))
    chain.close()
    return held


def _free_text(element: etree._Element) -> bool:
    """An unnumbered section without heading or subdivisions: text, not a unit."""
    return all(_name(child) in _TEXT or not _name(child) for child in element)


def _unit(element: etree._Element) -> Unit:
    """An appropriations element: its level, heading, text and subdivisions."""
    children, _ = _subdivisions(element, None)
    return Unit(element.get("level", ""), _heading(element), _own_text(element), children)


def _node(element: etree._Element, kind: str) -> Node:
    node, _ = _node_and_escaping(element, kind)
    return node


def _node_and_escaping(element: etree._Element, kind: str) -> tuple[Node, list[_Closing]]:
    """A section or subdivision, and the closing words printed flush with an ancestor."""
    children, escaping = _subdivisions(element, _indent(element))
    node = Node(kind, _number(element), _heading(element), _own_text(element), children)
    return node, escaping


def _subdivisions(
    element: etree._Element, indent: int | None
) -> tuple[tuple[Node, ...], list[_Closing]]:
    """The subdivisions and closing words of an element printed at `indent` (None: not
    indented); closing words printed left of it belong to an ancestor."""
    kept: list[Node] = []
    escaping: list[_Closing] = []
    for child in element:
        name = _name(child)
        closings: list[_Closing] = []
        if name in LEVELS:
            node, closings = _node_and_escaping(child, LEVELS[name])
            kept.append(node)
        elif name == "continuation":
            closings = [(Node("wrapup", text=_flat(child)), _indent(child))]
        for closing, printed in closings:
            if indent is not None and printed is not None and printed < indent:
                escaping.append((closing, printed))
            else:
                kept.append(closing)
    return tuple(kept), escaping


def _own_text(element: etree._Element) -> str:
    lines = (_flat(child) for child in element if _name(child) in _TEXT)
    return "\n".join(line for line in lines if line)


def _heading(element: etree._Element) -> str:
    heading = _child(element, "heading")
    return _flat(heading).rstrip(".—").strip() if heading is not None else ""


def _number(element: etree._Element) -> str:
    """A unit's number without its keyword and full stop ("SEC. 2." -> "2", "TITLE V" -> "V");
    a subdivision's as printed ("(a)")."""
    num = _child(element, "num")
    if num is None:
        return ""
    printed = _flat(num)
    if _name(element) in LEVELS and _name(element) != "section":
        return printed
    return _KEYWORD.sub("", printed).rstrip(".").strip() or num.get("value", "")


def _indent(element: etree._Element) -> int | None:
    found = _INDENT.search(element.get("class", ""))
    return int(found.group(1)) if found else None


def _flat(element: etree._Element) -> str:
    """The words of an element on one line; each provision it quotes on a line of its own."""
    return "\n".join(
        line for line in (_SPACES.sub(" ", part).strip() for part in _pieces(element)) if line
    )


def _pieces(element: etree._Element) -> list[str]:
    pieces = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str) or _name(child) in _LEFT_OUT:
            pieces[-1] += child.tail or ""
            continue
        if _name(child) in _BLOCKS:
            inner = _pieces(child)
            if _name(child) == "quotedContent":
                pieces.extend(inner)
            else:
                pieces.append(" ".join(inner))
            pieces.append(child.tail or "")
            continue
        inner = _pieces(child)
        pieces[-1] += inner[0]
        pieces.extend(inner[1:])
        pieces[-1] += child.tail or ""
    return pieces


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first child element called `name`, in the element's own namespace."""
    if element is None:
        return None
    return element.find(f"{{{etree.QName(element).namespace}}}{name}")


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
