"""US bills in USLM XML (the Government Publishing Office's schema) into provision trees.

The law's text is `<main>`: its long title (`<officialTitle>`) is the preamble; titles are
parts; sections, then their subsections, paragraphs, subparagraphs, clauses, subclauses and
items nest as section, paragraph, point and subpoints, each with its `<num>` as printed
("SEC. 2." is section "2", "(a)" stays "(a)") and its `<heading>`. A provision's `<chapeau>`
and `<content>` are its text; a `<continuation>` after its parts is its closing words
(`wrapup`). Text another law is to receive (`<quotedContent>`, `<quotedText>`) is text of the
provision that quotes it, a line for each quoted provision, never provisions of the bill.
Appropriations headings (`<appropriations>`) are cross-headings with their own text.
Not law text, left out: `<meta>`, `<preface>`, `<docTitle>`, the enacting formula, the
attestation and signatures, notes and element ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from drafts.errors import InvalidInput
from drafts.parse import ParseResult
from drafts.tree import Node

USLM = "{http://schemas.gpo.gov/xml/uslm}"
KINDS = {
    "title": "part",
    "subtitle": "chapter",
    "chapter": "chapter",
    "subchapter": "section",
    "part": "chapter",
    "section": "section",
    "subsection": "paragraph",
    "paragraph": "point",
    "subparagraph": "subpoint",
    "clause": "subpoint",
    "subclause": "subpoint",
    "item": "subpoint",
    "subitem": "subpoint",
    "appropriations": "crossheading",
}
"""USLM's levels and the provision kinds Kanun reads them as."""
_TEXT = frozenset({"chapeau", "content", "text"})
_LEFT_OUT = frozenset({"note", "notes", "sidenote", "footnote", "toc"})
_BLOCKS = frozenset({*KINDS, "p", "quotedContent"})
"""Elements inside quoted text that start a line of their own."""
_SPACES = re.compile(r"\s+")
_KEYWORD = re.compile(r"^(?:SECTION|SEC\.|Sec\.|TITLE|Title|SUBTITLE|Subtitle)\s*")


def read_uslm(data: bytes) -> ParseResult:
    """The provisions of a USLM bill or act."""
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError as error:
        raise InvalidInput(f"This file could not be read as USLM XML ({error}).") from None
    main = root.find(f"{USLM}main")
    if main is None:
        raise InvalidInput("This XML has no <main> element: it is not a USLM bill or act.")
    nodes: list[Node] = []
    title = main.find(f"{USLM}longTitle/{USLM}officialTitle")
    if title is not None:
        nodes.append(Node("preamble", text=_flat(title)))
    nodes.extend(_children(main))
    return ParseResult(tuple(nodes))


def _children(element: etree._Element) -> Iterator[Node]:
    for child in element:
        name = _name(child)
        if name in KINDS:
            yield _node(child, KINDS[name])
        elif name == "continuation":
            yield Node("wrapup", text=_flat(child))


def _node(element: etree._Element, kind: str) -> Node:
    num = element.find(f"{USLM}num")
    heading = element.find(f"{USLM}heading")
    lines = [_flat(child) for child in element if _name(child) in _TEXT]
    return Node(
        kind,
        _number(num, kind) if num is not None else "",
        _flat(heading).rstrip(".—").strip() if heading is not None else "",
        "\n".join(line for line in lines if line),
        tuple(_children(element)),
    )


def _number(num: etree._Element, kind: str) -> str:
    """A section's or title's number without its keyword and full stop ("SEC. 2." -> "2");
    a subdivision's as printed ("(a)")."""
    printed = _flat(num)
    if kind in ("section", "part", "chapter"):
        return _KEYWORD.sub("", printed).rstrip(".").strip() or num.get("value", "")
    return printed


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


def _name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
