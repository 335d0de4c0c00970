"""Provision addresses as the expected-change fixtures write them (see corpus/README.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafts.normalize import number, words
from drafts.parse_patterns import LANGUAGES
from drafts.tree import Node

CONTAINERS = frozenset({"part", "chapter", "section", "block"})


def addresses(forest: tuple[Node, ...], language: str, source: str = "") -> dict[str, str]:
    """eId -> fixture address of every node of a parsed (and eId-assigned) text; `source`, the
    text it was parsed from, gives annexes their printed label ("Muster 2", "Anlage")."""
    found: dict[str, str] = {}
    template = LANGUAGES[language].templates["article"]
    for node, address in _walk(forest, "", template, source, container=True):
        found[node.eid] = address
    return found


def _annex_label(node: Node, source: str) -> str:
    """How the source prints an annex's heading: its keyword and number."""
    num = re.escape(number(node.num))
    printed = re.search(rf"(?m)^#+\s*\**\s*([A-ZÄÖÜ][a-zäöüß]+)\s+{num}\b", source)
    return f"{printed.group(1)} {number(node.num)}" if printed else f"{node.num} {node.kind}"


def _walk(
    nodes: tuple[Node, ...], prefix: str, template: str, source: str, *, container: bool
) -> Iterator[tuple[Node, str]]:
    notes = closing = 0
    for node in nodes:
        if node.kind == "wrapup":
            closing += 1
            yield node, f"{prefix} [text {closing}]".strip()
            continue
        if node.kind == "note":
            notes += 1
            address = f"{prefix} [note{'' if notes == 1 else f' {notes}'}]".strip()
            yield node, address
            continue
        if node.kind == "preamble":
            yield node, "[preamble]"
            continue
        if node.kind == "article":
            address = template.format(num=number(node.num))
            yield node, address
            yield from _walk(node.children, address, template, source, container=False)
        elif node.kind == "block" and container:
            label = _annex_label(node, source)
            yield node, label
            yield from _walk(node.children, label, template, source, container=False)
        elif node.kind in CONTAINERS and container:
            label = f"{node.num} {node.kind}".strip()
            yield node, label
            yield from _walk(node.children, "", template, source, container=True)
        else:
            address = f"{prefix} {words(node.num).replace(chr(92), '')}".strip()
            yield node, address
            yield from _walk(node.children, address, template, source, container=False)
