"""The search query language, read into a small tree: words (all must occur), `OR`, `NOT`,
`"a phrase"`, `(groups)`, `prefix*`, `title:`/`text:` and `field:value` for the exact-value
fields. Pure: a string in, a tree out, or InvalidInput naming what a person has to fix.

The words stay as typed; each engine turns them into terms per language when it compiles
the tree (`alignment.search_analysis`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafts.errors import InvalidInput

KEYWORDS: tuple[str, ...] = (
    "type", "language", "instrument_id", "status", "framework", "article", "eid",
)  # fmt: skip
"""Exact-value fields, matched without regard to case, in filters and in `field:value`."""
TEXT_FIELDS: tuple[str, ...] = ("title", "text")
QUERY_FIELDS: tuple[str, ...] = (*TEXT_FIELDS, *KEYWORDS)
MAX_QUERY_LENGTH = 500
OPERATORS = frozenset({"AND", "OR", "NOT"})

_TOKEN = re.compile(r'\s+|\(|\)|"[^"]*"|[^\s()"]+')


@dataclass(frozen=True, slots=True)
class Words:
    """Words to find: one word, a phrase (`phrase`), or a prefix (`edu*`), in a text field
    (None: title or text)."""

    text: str
    field: str | None = None
    phrase: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Keyword:
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class All:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Any:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


Node = Words | Keyword | All | Any | Not


def checked(query: str) -> str:
    """The query, trimmed, or InvalidInput naming what a person has to fix."""
    text = query.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"The query is too long: keep it under {MAX_QUERY_LENGTH} characters.")
    if text.count('"') % 2:
        raise InvalidInput('The query opens a quote (") that it does not close.')
    depth = 0
    for i, part in enumerate(text.split('"')):
        if i % 2:
            continue
        for char in part:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                raise InvalidInput("The query closes a bracket that it did not open.")
    if depth:
        raise InvalidInput("The query opens a bracket that it does not close.")
    return text


def parse(query: str) -> Node | None:
    """The tree of a checked, non-blank query; None when it asks for nothing."""
    tokens = [t for t in _TOKEN.findall(checked(query)) if not t.isspace()]
    parser = _Parser(tokens)
    return parser.any(None)


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        self.at += 1
        return self.tokens[self.at - 1]

    def any(self, field: str | None) -> Node | None:
        options = [self.all(field)]
        while self.peek() == "OR":
            self.take()
            options.append(self.all(field))
        return _joined(Any, options)

    def all(self, field: str | None) -> Node | None:
        parts: list[Node | None] = []
        while (token := self.peek()) is not None and token not in (")", "OR"):
            if token == "AND":
                self.take()
                continue
            parts.append(self.unary(field))
        return _joined(All, parts)

    def unary(self, field: str | None) -> Node | None:
        if self.peek() == "NOT":
            self.take()
            if self.peek() in (None, ")", "OR"):
                return None
            child = self.unary(field)
            return Not(child) if child is not None else None
        return self.primary(field)

    def primary(self, field: str | None) -> Node | None:
        token = self.take()
        if token == "(":
            inner = self.any(field)
            if self.peek() == ")":
                self.take()
            return inner
        if token.startswith('"'):
            return _words(token[1:-1], field, phrase=True)
        names, _, value = _split_field(token)
        if names:
            field = _field(names)
            if not value:
                return self._field_group(field)
            if field in KEYWORDS:
                return Keyword(field, value)
        return _words(value, field)

    def _field_group(self, field: str) -> Node | None:
        following = self.peek()
        if following is None or following in (")", *OPERATORS):
            return None
        self.take()
        if following == "(":
            inner = self.any(field if field in TEXT_FIELDS else None)
            if self.peek() == ")":
                self.take()
            return inner
        text = following[1:-1] if following.startswith('"') else following
        if field in KEYWORDS:
            return Keyword(field, text) if text else None
        return _words(text, field, phrase=following.startswith('"'))


def _split_field(token: str) -> tuple[list[str], str, str]:
    """(field names before the value, ":", value) of `a:b`; a token without a colon is all
    value. Empty names (`:word`) are no names."""
    if ":" not in token:
        return [], "", token
    *names, value = token.split(":")
    return [name for name in names if name], ":", value


def _field(names: list[str]) -> str:
    for name in names:
        if name not in QUERY_FIELDS:
            raise InvalidInput(
                f'The query names an unknown field "{name}": use one of '
                f"{', '.join(QUERY_FIELDS)}, or put words with a colon in quotes."
            )
    return names[0]


def _words(text: str, field: str | None, *, phrase: bool = False) -> Words | None:
    prefix = not phrase and text.endswith("*")
    text = text.rstrip("*") if prefix else text
    if not text.strip():
        return None
    return Words(text, field if field in TEXT_FIELDS else None, phrase, prefix)


def _joined(kind: type[All] | type[Any], parts: list[Node | None]) -> Node | None:
    kept = tuple(part for part in parts if part is not None)
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(kept)
