"""A version's tree laid out as the paragraphs a reader sees, for every document format.

The lines are those `drafts.parse.render_text` writes, so a document made from them reads
back into the same tree: a heading line such as "Article 5. Scope" (the words from the
language's templates in `drafts.parse_patterns`), "1. text" for numbered provisions, the
preamble's text, and notes (nested blocks) as quotations.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from drafts import eids
from drafts.parse_patterns import HEADING_KINDS, LANGUAGES, turkmen_ordinal
from drafts.tree import Node


@dataclass(frozen=True, slots=True)
class Line:
    role: str
    """"heading", "text" (a heading's own text or the preamble), "numbered", "continued"
    (a later line of a numbered provision) or "note"."""
    text: str
    level: int = 0
    """For headings, 1 for the outermost."""
    indent: int = 0
    """For numbered provisions and their lines, how many numbered provisions enclose it."""
    num: str = ""
    eid: str = ""


def label(kind: str, num: str, language: str) -> str:
    """'Article 5', 'Глава 2', '5-nji madda', 'Schedule' (the heading without its title)."""
    template = LANGUAGES.get(language, LANGUAGES["en"]).templates.get(kind)
    if template is None:
        return f"{kind.capitalize()} {num}".strip()
    return template.format(num=num, ordinal=turkmen_ordinal(num)).strip()


def heading_text(node: Node, language: str) -> str:
    line = label(node.kind, node.num, language)
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
        elif node.kind == "block" and not top:
            yield from (Line("note", line, indent=indent, eid=node.eid) for line in text_lines)
        elif node.kind in HEADING_KINDS:
            yield Line("heading", heading_text(node, language), level=min(level, 9), eid=node.eid)
            yield from (Line("text", line, eid=node.eid) for line in text_lines)
            yield from _lines(node.children, language, level=level + 1, indent=0, top=False)
            continue
        else:
            first, *rest = text_lines or [""]
            yield Line("numbered", first, indent=indent, num=node.num, eid=node.eid)
            yield from (Line("continued", line, indent=indent, eid=node.eid) for line in rest)
        yield from _lines(node.children, language, level=level, indent=indent + 1, top=False)
