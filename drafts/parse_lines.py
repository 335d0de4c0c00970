"""The lines of a plain-text or Markdown law, cleaned for the parser.

Front matter, HTML-only lines and rules are left out; heading marks and emphasis around a
line are taken off (and remembered: a marked line may be a heading); quotations ("> …")
are told apart; tables written as nested lists come as their rows (`drafts.parse_tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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


def content_lines(text: str) -> Iterator[Line]:
    """The non-empty lines of a law, cleaned, a table's rows as one line each."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blank = True
    for number, raw in rows(lines, _after_front_matter(lines)):
        if isinstance(raw, Row):
            blank = True
            yield Line(number, raw.heading or raw.text, False, False, False, False, raw)
            continue
        line = normalize_text(raw)
        if not line or _HTML_ONLY.match(line) or _RULE.match(line):
            blank = blank or not line
            continue
        after_blank = blank
        fresh = blank and not raw[:1].isspace()
        blank = False
        quoted = line.startswith(">")
        if quoted:
            line = line.lstrip(">").strip()
        line, marked = _unmark(line)
        if line:
            yield Line(number, line, marked, quoted, fresh, after_blank)


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
    return EMPHASISED_MARKER.sub(r"(\2)", line), marked
