"""Snippets: the passages of a hit's text where the query's words stand, those words in
`<mark>`, everything else escaped. Pure; made only for the hits of the page shown.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from alignment import search_analysis as analysis
from alignment.search_query import All, Any, Node, Not, Words

SNIPPET_CHARS = 240
FRAGMENTS = 2
BEFORE = 40
"""Characters shown before the first marked word of a passage."""
BETWEEN = " … "
SEEN_WORDS = 20_000
"""Words whose marking a query keeps at hand (the snippets of its pages share them)."""


@dataclass(frozen=True, slots=True)
class Wanted:
    """The terms (and prefixes) whose words a snippet marks, in one language."""

    terms: frozenset[str]
    prefixes: tuple[str, ...]
    language: str
    _seen: dict[str, bool] = field(default_factory=dict, compare=False, hash=False)

    def marks(self, word: str) -> bool:
        marked = self._seen.get(word)
        if marked is None:
            if len(self._seen) >= SEEN_WORDS:
                self._seen.clear()
            marked = self._seen[word] = self._decide(word)
        return marked

    def _decide(self, word: str) -> bool:
        if analysis.term(word, self.language) in self.terms:
            return True
        typed = analysis.prefix(word, self.language) if self.prefixes else ""
        return any(typed.startswith(p) for p in self.prefixes)


@lru_cache(maxsize=64)
def wanted(node: Node | None, language: str) -> Wanted:
    """What a snippet of a text in `language` marks for the query `node`: its words outside
    `NOT`, except those asked in titles only."""
    terms: set[str] = set()
    prefixes: list[str] = []
    for words in _positive(node):
        if words.field == "title":
            continue
        found = analysis.query_terms(words.text, language, prefix_of=words.prefix)
        if words.prefix:
            prefixes.extend(found)
        else:
            terms.update(found)
    return Wanted(frozenset(terms), tuple(prefixes), language)


def _positive(node: Node | None) -> Iterator[Words]:
    if isinstance(node, Words):
        yield node
    elif isinstance(node, All | Any):
        for child in node.children:
            yield from _positive(child)
    elif node is None or isinstance(node, Not):
        return


def snippet(text: str, language: str, want: Wanted) -> str:
    """HTML: up to two passages of `text` with the wanted words marked; without any, the
    text's escaped start."""
    marks = [m.span() for m in analysis.words(text) if want.marks(m.group())]
    if not marks:
        start = text[:SNIPPET_CHARS]
        return html.escape(start) + ("…" if len(text) > SNIPPET_CHARS else "")
    if len(text) <= SNIPPET_CHARS:
        return _render(text, 0, len(text), marks)
    width = SNIPPET_CHARS // FRAGMENTS
    passages: list[str] = []
    covered = -1
    for start, _end in marks:
        if start < covered:
            continue
        begin = _word_start(text, max(0, start - BEFORE))
        end = _word_end(text, min(len(text), begin + width))
        passages.append(_render(text, begin, end, marks))
        covered = end
        if len(passages) == FRAGMENTS:
            break
    return BETWEEN.join(passages)


def _render(text: str, begin: int, end: int, marks: list[tuple[int, int]]) -> str:
    out: list[str] = []
    at = begin
    for start, stop in marks:
        if start < begin or stop > end:
            continue
        out.append(html.escape(text[at:start]))
        out.append(f"<mark>{html.escape(text[start:stop])}</mark>")
        at = stop
    out.append(html.escape(text[at:end]))
    return "".join(out).strip()


def _word_start(text: str, at: int) -> int:
    if at == 0:
        return 0
    space = text.find(" ", at)
    return space + 1 if 0 <= space < at + BEFORE else at


def _word_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    space = text.rfind(" ", at - BEFORE, at)
    return space if space > 0 else at
