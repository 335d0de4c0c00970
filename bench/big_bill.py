"""A long bill made of real provisions: the German Civil Code (BGB, from the shared corpus of
real laws) read into a provision tree, its books as parts, its divisions and titles as
chapters and sections, each § an article with its paragraphs and points, cut at a number of
provisions. Used by the big-bill benchmark and the browser test that opens one of its parts.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from drafts.tree import Node

CORPUS_FILE = Path("de-bgb-1631d-2012") / "BGB_v0_before.md"
PROVISIONS = 2_516
_HEADING = re.compile(r"^(#{2,6}) (?:\(XXXX\) )?(.+)$")
_CONTAINER = {
    "Buch": "part",
    "Abschnitt": "chapter",
    "Titel": "section",
    "Untertitel": "section",
    "Kapitel": "section",
}
_PARAGRAPH = re.compile(r"^\((\d+[a-z]?)\)\s+(.*)$")
_POINT = re.compile(r"^(\d+[a-z]?\.)\s+(.*)$")


def corpus_folder() -> Path:
    """The real laws the tests use (`tests/corpus`), or the folder `KANUN_CORPUS` names."""
    given = os.environ.get("KANUN_CORPUS")
    return Path(given) if given else Path(__file__).resolve().parents[1] / "tests" / "corpus"


def source() -> Path | None:
    path = corpus_folder() / CORPUS_FILE
    return path if path.is_file() else None


class _Builder:
    """Nodes as plain dicts while reading, turned into `Node`s at the end."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.count = 0
        self.roots: list[dict] = []
        self.stack: list[tuple[int, dict]] = []  # (heading level, container)
        self.article: dict | None = None
        self.paragraph: dict | None = None

    @property
    def full(self) -> bool:
        return self.count >= self.limit

    def add(self, parent: dict | None, kind: str, num: str, heading: str = "") -> dict:
        node = {"kind": kind, "num": num, "heading": heading, "text": "", "children": []}
        if not self.full:  # past the limit, read on into a node that is left out
            (parent["children"] if parent else self.roots).append(node)
            self.count += 1
        return node

    def container(self, level: int, kind: str, num: str, heading: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        self.stack.append((level, self.add(parent, kind, num, heading)))
        self.article = self.paragraph = None

    def section(self, num: str, heading: str) -> None:
        parent = self.stack[-1][1] if self.stack else None
        self.article = self.add(parent, "article", num, heading)
        self.paragraph = None

    def line(self, text: str) -> None:
        if self.article is None:
            return
        paragraph, point = _PARAGRAPH.match(text), _POINT.match(text)
        if paragraph:
            self.paragraph = self.add(self.article, "paragraph", f"({paragraph[1]})")
            self.paragraph["text"] = paragraph[2]
        elif point:
            self.add(self.paragraph or self.article, "point", point[1])["text"] = point[2]
        else:
            target = self.paragraph or self.article
            last = target["children"][-1] if target["children"] else target
            last["text"] = f"{last['text']} {text}".strip()


def _node(data: dict) -> Node | None:
    children = tuple(n for n in map(_node, data["children"]) if n is not None)
    if data["kind"] in ("part", "chapter", "section") and not children:
        return None
    return Node(data["kind"], data["num"], data["heading"], data["text"], children)


def bill(text: str, provisions: int = PROVISIONS) -> tuple[Node, ...]:
    """The first `provisions` provisions of the code in `text`, as a tree."""
    builder = _Builder(provisions)
    block: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        heading = _HEADING.match(raw)
        if (not line or heading) and block:
            builder.line(" ".join(block))
            block = []
        if heading:
            if builder.full:
                break
            words = heading[2].split(" ", 1)
            if words[0] in _CONTAINER:
                num, _, title = (words[1] if len(words) > 1 else "").partition(" - ")
                builder.container(len(heading[1]), _CONTAINER[words[0]], num, title)
            elif words[0] in ("§", "§§"):
                num, _, title = (words[1] if len(words) > 1 else "").partition(" ")
                builder.section(num, title)
        elif line and not line.startswith(("---", ":")):
            block.append(line)
    return tuple(n for n in map(_node, builder.roots) if n is not None)
