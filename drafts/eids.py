"""The Akoma Ntoso-style eId scheme: the one place that knows how addresses are built.

An eId is the path of a provision in one version, e.g. `chp_2__art_5__para_2`: each
level is an abbreviation of the kind and the provision's number, levels joined by `__`.
Unnumbered provisions are counted among their siblings of the same kind (`hcontainer_1`),
and a preamble, of which there is one, is just `preamble`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafts.tree import Node

ABBREVIATIONS: dict[str, str] = {
    "part": "part",
    "chapter": "chp",
    "section": "sec",
    "article": "art",
    "paragraph": "para",
    "point": "point",
    "subpoint": "subpoint",
    "preamble": "preamble",
    "block": "hcontainer",
    "crossheading": "crossheading",
    "quoted": "qstr",
    "wrapup": "wrapup",
}
SINGLETONS = frozenset({"preamble"})

_NOT_NAME = re.compile(r"[^\w]+", re.UNICODE)


def clean_num(num: str) -> str:
    """'5.' -> '5', '(a)' -> 'a', '5.1' -> '5-1', 'II' -> 'II', 'а)' -> 'а'."""
    return _NOT_NAME.sub("-", num).strip("-_")


def component(node: Node, unnumbered_index: int) -> str:
    """The eId part for one level, without its ancestors."""
    abbreviation = ABBREVIATIONS.get(node.kind, node.kind)
    if node.kind in SINGLETONS:
        return abbreviation
    number = clean_num(node.num)
    return f"{abbreviation}_{number or unnumbered_index}"


def assign(nodes: tuple[Node, ...] | list[Node], prefix: str = "") -> tuple[Node, ...]:
    """The same forest with the `eid` of every node filled in.

    Two siblings that would get the same eId (a typo in numbering) are told apart by a
    `_2`, `_3` suffix on the later ones, so that every eId of a version is unique.
    """
    result = []
    seen: dict[str, int] = {}
    unnumbered: dict[str, int] = {}
    for node in nodes:
        if not clean_num(node.num):
            unnumbered[node.kind] = unnumbered.get(node.kind, 0) + 1
        part = component(node, unnumbered.get(node.kind, 0))
        seen[part] = seen.get(part, 0) + 1
        if seen[part] > 1:
            part = f"{part}_{seen[part]}"
        eid = f"{prefix}__{part}" if prefix else part
        children = assign(node.children, eid)
        unchanged = node.eid == eid and all(
            new is old for new, old in zip(children, node.children, strict=True)
        )
        result.append(node if unchanged else replace(node, eid=eid, children=children))
    return tuple(result)


def parent_eid(eid: str) -> str:
    """'chp_2__art_5' -> 'chp_2'; a top-level eId has the parent ''."""
    return eid.rpartition("__")[0]


_KINDS = {abbreviation: kind for kind, abbreviation in ABBREVIATIONS.items()}
_TWIN = re.compile(r"^(?P<num>.+?)_\d+$")


def parse(eid: str) -> tuple[tuple[str, str], ...]:
    """The (kind, number) of each level of an eId, outermost first: 'chp_2__art_5' ->
    (('chapter', '2'), ('article', '5')). A number is as the eId writes it ('5-1' for 5.1); the
    `_2` that tells apart two siblings of the same number is dropped."""
    levels = []
    for part in filter(None, eid.split("__")):
        abbreviation, _, number = part.partition("_")
        twin = _TWIN.match(number)
        levels.append((_KINDS.get(abbreviation, abbreviation), twin["num"] if twin else number))
    return tuple(levels)
