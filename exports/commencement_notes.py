"""Exported texts mark the provisions that have not commenced: an editorial note under each,
in the law's language ("Not yet in force: commences on 2025-09-01")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from drafts.commencement import pending_heads
from drafts.tree import Node

WORDS = {
    "en": (
        "Not yet in force: commences on {day}.",
        "Not yet in force: commences on a date still to be set.",
    ),
    "ru": (
        "Не вступило в силу: вступает в силу {day}.",
        "Не вступило в силу: дата вступления в силу будет установлена.",
    ),
    "tk": (
        "Entek güýje girmedi: {day} senesinde güýje girýär.",
        "Entek güýje girmedi: güýje giriş senesi soňra kesgitlener.",
    ),
}


def note(commences_on: date | None, language: str) -> str:
    dated, undated = WORDS.get(language, WORDS["en"])
    return dated.format(day=commences_on.isoformat()) if commences_on else undated


def mark_pending(
    nodes: Sequence[Node], dates: dict[str, date | None], today: date, language: str
) -> tuple[Node, ...]:
    """The tree with a note (a nested `block`) opening each provision not in force `today`."""
    heads = set(pending_heads(nodes, dates, today))
    if not heads:
        return tuple(nodes)

    def mark(node: Node) -> Node:
        children = tuple(mark(child) for child in node.children)
        if node.provision_id in heads:
            children = (
                Node(kind="block", text=note(dates[node.provision_id], language)),
                *children,
            )
        if children != node.children:
            node = replace(node, children=children)
        return node

    return tuple(mark(node) for node in nodes)
