"""The lines of a plain-text or Markdown law, cleaned for the parser.

Front matter, HTML-only lines, rules and bullets without words are left out; heading marks
and emphasis around a line are taken off (and remembered: a marked line may be a heading);
Markdown's marks inside a line (emphasis, backslash escapes, a list item's bullet) are not
words of the law and are taken off too; quotations ("> …") are told apart; tables written
as nested lists come as their rows (`drafts.parse_tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import NamedTuple

from drafts.parse_tables import Row, rows
from drafts.tree import normalize_text

_HTML_ONLY = re.compile(r"^(?:<[^>]+>\s*)+$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_LEADING_BOLD = re.compile(r"^\*\*(.+?)\*\*")
BULLET = re.compile(r"^[*+-](?:\s|$)")
"""A Markdown bullet: the list goes on, it is not the closing words after a list."""
EMPHASISED_MARKER = re.compile(r"^\((\*{1,2})([^()*\s]+)\1\)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A CommonMark backslash escape: a backslash before ASCII punctuation ("13\\. Juni")."""
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,3})(?=[^\s*_])(.+?)(?<=[^\s*_\\])\1(?![\w*])")
"""Emphasis or strong emphasis around words, flanked by neither letters nor asterisks."""
_BULLET_MARK = re.compile(r"^[*+]\s+(?=\S)")
"""A Markdown list item's bullet; a dash ("- wenn") may be the law's own and is kept."""


class Line(NamedTuple):
    """A non-empty line of the law, cleaned."""

    number: int
    text: str
    marked: bool
    """Marked as a heading (Markdown heading, or bold throughout)."""
    quoted: bool
    fresh: bool
    """Opens a paragraph flush left after a blank line."""
    after_blank: bool
    row: Row | None = None
    """The table row this line stands for."""
    lead: str = ""
    """The words the line opens with in bold ("**2.** (1) In this Act—"), marks taken off."""


def content_lines(text: str) -> Iterator[Line]:
    """The non-empty lines of a law, cleaned, a table's rows as one line each."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blank = True
    for number, raw in rows(lines, _after_front_matter(lines)):
        if isinstance(raw, Row):
            blank = True
            raw = replace(raw, cells=tuple(map(plain, raw.cells)), heading=plain(raw.heading))
            yield Line(number, raw.heading or raw.text, False, False, False, False, raw)
            continue
        line = normalize_text(raw)
        if line in ("*", "+"):
            continue
        if not line or _HTML_ONLY.match(line) or _RULE.match(line):
            blank = blank or not line
            continue
        after_blank = blank
        fresh = blank and not raw[:1].isspace()
        blank = False
        quoted = line.startswith(">")
        if quoted:
            line = line.lstrip(">").strip()
        bold = _LEADING_BOLD.match(line)
        line, marked = _unmark(line)
        if line:
            lead = plain(bold.group(1)) if bold else ""
            yield Line(number, line, marked, quoted, fresh, after_blank, lead=lead)


def _after_front_matter(lines: list[str]) -> int:
    """The index of the first line after a YAML front matter block, if the text has one."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def _unmark(line: str) -> tuple[str, bool]:
    """The line without heading marks and emphasis around it, and whether it had them."""
    marked = False
    heading = _MD_HEADING.match(line)
    if heading:
        line, marked = line[heading.end() :].rstrip("#").strip(), True
    bold = _LEADING_BOLD.match(line)
    if bold:
        marked = marked or bold.end() == len(line)
        line = (bold.group(1) + line[bold.end() :]).strip()
    elif len(line) > 2 and line[0] == line[-1] == "*" and "*" not in line[1:-1]:
        line = line[1:-1].strip()
    return plain(EMPHASISED_MARKER.sub(r"(\2)", line)), marked


def unbulleted(line: str) -> str:
    """A line of text without the bullet of the Markdown list item it is."""
    return _BULLET_MARK.sub("", line)


def plain(line: str) -> str:
    """A line's words without Markdown's inline marks: emphasis, backslash escapes."""
    while True:
        stripped = _EMPHASIS.sub(r"\2", line)
        if stripped == line:
            return _ESCAPE.sub(r"\1", line)
        line = stripped
