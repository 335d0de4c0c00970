"""Characters no stored text may hold: the C0 control characters other than tab, line feed and
carriage return (NUL among them), lone surrogates and the non-characters U+FFFE and U+FFFF.
They break PostgreSQL (NUL), XML and Word files, and are never part of a law's text.

The API refuses them (see `api.boundary`); imports remove them with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from typing import Any

from drafts.tree import Node, label

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORBIDDEN_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""The same C0 characters in UTF-8 bytes (surrogates cannot be valid UTF-8)."""


C0_NAMES = [
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "HT",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
]


def name(character: str) -> str:
    """'U+0000 (NUL)', for a sentence."""
    code = f"U+{ord(character):04X}"
    if ord(character) < len(C0_NAMES):
        return f"{code} ({C0_NAMES[ord(character)]})"
    try:
        return f"{code} ({unicodedata.name(character)})"
    except ValueError:
        return code


def first_forbidden(text: str) -> str | None:
    """The first forbidden character of `text`, or None."""
    found = FORBIDDEN.search(text)
    return found.group() if found else None


def without_forbidden(text: str) -> tuple[str, Counter]:
    """`text` without its forbidden characters, and how many of each were removed."""
    removed = Counter(FORBIDDEN.findall(text))
    return (FORBIDDEN.sub("", text) if removed else text), removed


def clean_data(value: Any) -> tuple[Any, Counter]:
    """Decoded JSON or CSV rows without forbidden characters in any string, and how many of
    each were removed."""
    if isinstance(value, str):
        return without_forbidden(value)
    removed: Counter = Counter()
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            cleaned[key], gone = clean_data(item)
            removed += gone
        return cleaned, removed
    if isinstance(value, list):
        items = []
        for item in value:
            kept, gone = clean_data(item)
            items.append(kept)
            removed += gone
        return items, removed
    return value, removed


def removed_note(removed: Counter) -> str:
    """'U+0007 (BEL) ×2, U+0000 (NUL)': what was removed, for a warning."""
    return ", ".join(f"{name(c)} ×{n}" if n > 1 else name(c) for c, n in removed.items())


def clean_tree(nodes: tuple[Node, ...]) -> tuple[tuple[Node, ...], list[str]]:
    """The tree without forbidden characters in numbers, headings and texts, and a sentence
    for each provision that held some."""
    notes: list[str] = []

    def clean(node: Node) -> Node:
        removed: Counter = Counter()
        fields = {}
        for field in ("num", "heading", "text"):
            fields[field], gone = without_forbidden(getattr(node, field))
            removed += gone
        children = tuple(clean(child) for child in node.children)
        if removed:
            notes.append(f"{label(node)}: control characters removed ({removed_note(removed)}).")
        if not removed and all(a is b for a, b in zip(children, node.children, strict=True)):
            return node
        return replace(node, children=children, **fields)

    return tuple(clean(node) for node in nodes), notes
