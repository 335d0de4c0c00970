"""Provision addresses as the expected-change fixtures write them (see corpus/README.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafts.normalize import number, words
from drafts.parse_patterns import LANGUAGES, Language
from drafts.tree import Node

CONTAINERS = frozenset({"part", "chapter", "section", "block"})


def addresses(forest: tuple[Node, ...], language: str, source: str = "") -> dict[str, str]:
    """eId -> fixture address of every node of a parsed (and eId-assigned) text; `source`, the
    text it was parsed from, gives annexes their printed label ("Muster 2", "Anlage")."""
    found: dict[str, str] = {}
    walked = (
        _walk_uslm(forest, "", source, _long_title(source))
        if _USLM in source
        else _walk(forest, "", LANGUAGES[language], source, container=True)
    )
    for node, address in walked:
        found[node.eid] = address
    return found


_USLM = "schemas.gpo.gov/xml/uslm"


def _printed(node: Node, source: str, keywords: str) -> str:
    """How a USLM bill prints a unit's number: "SECTION 1", "SEC. 2", "Sec. 101", "TITLE V"."""
    num = re.escape(node.num)
    tags = r"(?:\s*<[^>]+>)*\s*"
    printed = re.search(rf'<num value="{num}">{tags}((?:{keywords})\s*{num})\b', source)
    return printed.group(1) if printed else f"{node.kind} {node.num}"


def _long_title(source: str) -> str:
    """The words of a USLM bill's long title (`<officialTitle>`)."""
    found = re.search(r"<officialTitle[^>]*>(.*?)</officialTitle>", source, re.DOTALL)
    return words(re.sub("<[^>]+>", " ", found.group(1))) if found else ""


def _walk_uslm(
    nodes: tuple[Node, ...], parent: str, source: str, long_title: str
) -> Iterator[tuple[Node, str]]:
    """A US bill (README, "US bills"): `parent` is the address of the unit the nodes are in."""
    closing = 0
    for node in nodes:
        if node.kind == "preamble":
            yield node, "[long title]" if words(node.text) == long_title else "[preamble]"
            continue
        if node.kind == "wrapup":
            closing += 1
            yield node, f"{parent} [text {closing}]".strip()
            continue
        if node.kind in ("part", "chapter", "crossheading") or (
            node.kind == "section" and not node.num
        ):
            label = node.heading
            if node.kind in ("part", "chapter"):
                label = _printed(node, source, r"[A-Z][A-Za-z]*")
            address = f"{parent} > {label}" if parent else label
        elif node.kind == "section":
            address = _printed(node, source, r"SECTION|SEC\.|Sec\.")
        else:
            address = f"{parent} {words(node.num)}"
        yield node, address
        yield from _walk_uslm(node.children, address, source, long_title)


def _annex_label(node: Node, source: str) -> str:
    """How the source prints an annex's heading: its keyword and number."""
    num = re.escape(number(node.num) or node.heading)
    printed = re.search(rf"(?m)^#+[ \t]*\**[ \t]*([A-ZÄÖÜ][a-zäöüß]+)[ \t]+{num}", source)
    found = f"{printed.group(1)} {number(node.num)}".strip() if printed else ""
    return found or f"{node.num} {node.kind}"


def _walk(
    nodes: tuple[Node, ...], prefix: str, lang: Language, source: str, *, container: bool
) -> Iterator[tuple[Node, str]]:
    """A container inside an article-level unit (the parts of an annex: "Anlage Teil B") is
    written with its label as the language prints it."""
    template = lang.templates["article"]
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
            yield from _walk(node.children, address, lang, source, container=False)
        elif node.kind == "block" and container:
            label = _annex_label(node, source)
            yield node, label
            yield from _walk(node.children, label, lang, source, container=False)
        elif node.kind in CONTAINERS and container:
            label = f"{node.num} {node.kind}".strip()
            yield node, label
            yield from _walk(node.children, "", lang, source, container=True)
        else:
            marker = words(node.num).replace(chr(92), "")
            if node.kind in CONTAINERS and node.kind in lang.templates:
                marker = lang.label(node.kind, marker) or marker
            address = f"{prefix} {marker}".strip()
            yield node, address
            yield from _walk(node.children, address, lang, source, container=False)
