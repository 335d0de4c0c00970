"""Provision trees back into the plain text that `drafts.parse.parse_text` reads."""

from __future__ import annotations

from collections.abc import Iterator

from drafts.parse_patterns import (
    HEADING_KINDS,
    LANGUAGES,
    Language,
    detect_language,
)
from drafts.tree import NOTE, Node


def render_text(nodes: tuple[Node, ...] | list[Node], language: str | None = None) -> str:
    """The plain text of a tree, one provision a paragraph, which `parse_text` reads back."""
    if language is None:
        language = detect_language(" ".join(f"{n.heading} {n.text}" for n in _nodes(nodes)))
    lang = LANGUAGES[language]
    paragraphs = [
        paragraph
        for node, depth in _with_depth(nodes, 0)
        for paragraph in _render_node(node, depth, lang)
    ]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def _nodes(nodes: tuple[Node, ...] | list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield from node.walk()


def _with_depth(nodes: tuple[Node, ...] | list[Node], depth: int) -> Iterator[tuple[Node, int]]:
    for node in nodes:
        yield node, depth
        yield from _with_depth(node.children, depth + 1)


def _render_node(node: Node, depth: int, lang: Language) -> list[str]:
    if node.kind == "preamble":
        return [node.text] if node.text else []
    if node.kind == NOTE:
        return ["\n".join(f"> {line}" for line in node.text.split("\n"))]
    if node.kind in HEADING_KINDS:
        return [_heading_line(node, lang), *([node.text] if node.text else [])]
    return [f"{node.num} {node.text}".strip()]


def _heading_line(node: Node, lang: Language) -> str:
    line = lang.label(node.kind, node.num) or ""
    return f"{line}. {node.heading}" if node.heading else line
