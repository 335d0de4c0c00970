"""A version's tree laid out as the paragraphs a reader sees, for every document format.

A heading line such as "Article 5. Scope" (the words from the language's templates in
`drafts.parse_patterns`), a cross-heading's words, "1. text" for numbered provisions, the
preamble's text, nested blocks as quotations, editorial notes apart from the text, quoted
text indented under the provision that quotes it, and closing words back at the margin of
the provision they close. Each role has its own paragraph style in Word, so a document made
from them reads back into the same tree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from drafts import eids
from drafts.parse_patterns import HEADING_KINDS, LANGUAGES
from drafts.tree import NOTE, Node


@dataclass(frozen=True, slots=True)
class Line:
    role: str
    """"heading", "crossheading", "text" (a heading's own text or the preamble), "numbered",
    "continued" (a later line of a numbered provision), "note" (a nested block), "footnote"
    (an editorial note: Word writes it as a footnote of the provision it annotates),
    "quoted", "wrapup" or "closing" (the closing words of the whole text, such as its
    signatures)."""
    text: str
    level: int = 0
    """For headings, 1 for the outermost."""
    indent: int = 0
    """For numbered provisions and their lines, how many numbered provisions enclose it."""
    num: str = ""
    eid: str = ""


HEADINGS = HEADING_KINDS | {"crossheading"}
"""Kinds written as heading lines."""
TEXT_KINDS = frozenset({"quoted", "wrapup"})
"""Kinds that are text of the provision holding them, never numbered."""


def label(kind: str, num: str, language: str) -> str:
    """'Article 5', 'Глава 2', '5-nji madda', 'Schedule' (the heading without its title)."""
    if kind == "crossheading":
        return ""
    found = LANGUAGES.get(language, LANGUAGES["en"]).label(kind, num)
    return f"{kind.capitalize()} {num}".strip() if found is None else found


def heading_text(node: Node, language: str) -> str:
    line = label(node.kind, node.num, language)
    if not line:
        return node.heading
    return f"{line}. {node.heading}" if node.heading else line


def lines(nodes: Sequence[Node], language: str) -> Iterator[Line]:
    """The paragraphs of a tree in reading order."""
    forest = eids.assign(nodes) if any(not node.eid for node in nodes) else nodes
    yield from _lines(forest, language, level=1, indent=0, top=True)


def _lines(
    nodes: Sequence[Node], language: str, *, level: int, indent: int, top: bool
) -> Iterator[Line]:
    for node in nodes:
        text_lines = node.text.split("\n") if node.text else []
        if node.kind == "preamble":
            yield from (Line("text", line, eid=node.eid) for line in text_lines)
        elif node.kind == NOTE:
            yield from (Line("footnote", line, indent=indent, eid=node.eid) for line in text_lines)
            continue
        elif node.kind == "block" and not top:
            yield from (Line("note", line, indent=indent, eid=node.eid) for line in text_lines)
        elif node.kind == "quoted":
            yield from (Line("quoted", line, indent=indent, eid=node.eid) for line in text_lines)
        elif node.kind == "wrapup":
            role, margin = ("closing", 0) if top else ("wrapup", indent - 1)
            yield from (Line(role, line, indent=margin, eid=node.eid) for line in text_lines)
        elif node.kind in HEADINGS:
            role = "crossheading" if node.kind == "crossheading" else "heading"
            yield Line(role, heading_text(node, language), level=min(level, 9), eid=node.eid)
            yield from (Line("text", line, eid=node.eid) for line in text_lines)
            yield from _lines(node.children, language, level=level + 1, indent=0, top=False)
            continue
        else:
            first, *rest = text_lines or [""]
            yield Line("numbered", first, indent=indent, num=node.num, eid=node.eid)
            yield from (Line("continued", line, indent=indent, eid=node.eid) for line in rest)
        yield from _lines(node.children, language, level=level, indent=indent + 1, top=False)
