"""Tables written as nested Markdown lists, read back as rows.

Converters of official texts (the German federal law archive's Markdown) print a table as a
list of lists: one bullet per row whose first cell stands on the same line as the row's own
bullet (`*    *   first cell`), and one nested bullet per further cell, four columns deeper
than the row's bullet; cell text wraps onto deeper lines; bullets without words are empty
cells, and rows without words separate the table's entries:

    *        *   *16.6*                              Akute Leukämien
        *
    *        *
        *   bis zum Ende der Intensiv-Therapie
        *   100

A row whose first words are an emphasised dotted number (`*16.6*`, as the ordinance cites
its entries: "Teil B Nummer 16.6") opens a numbered entry; its words are the entry's heading.
Every other row is one block of text: its cells, and the dash items inside them, together.
A line that is only such a number (`*3.1*  Hirnschäden`, outside a row) opens an entry too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from drafts.tree import normalize_text

_ROW = re.compile(r"^(?P<indent> *)\*(?P<gap> +)\*(?: +(?P<cell>\S.*))?$")
_BULLET_ONLY = re.compile(r"^ *\*$")
_ENTRY = re.compile(r"^\*(?P<num>\d+(?:\.\d+)+)\*(?:\s+(?P<rest>.*))?$", re.DOTALL)
_SPACES = re.compile(r" {2,}")
CELL_INDENT = 4
"""How much deeper than its row's bullet a row's further cells stand."""


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table, or a numbered entry's heading line."""

    line: int
    cells: tuple[str, ...]
    num: str = ""
    """The entry's dotted number ("16.6") when the row opens a numbered entry."""
    heading: str = ""

    @property
    def text(self) -> str:
        """The row's words: its cells after the entry's heading, one a line."""
        return "\n".join(cell for cell in self.cells if cell)

    @property
    def depth(self) -> int:
        """How deep an entry nests under its table's number: 1 for "16.6", 2 for "16.5.4"."""
        return self.num.count(".")


def rows(lines: Sequence[str], start: int = 0) -> Iterator[tuple[int, str | Row]]:
    """(line number, raw line or row) for the lines from index `start`: the lines of a table
    gathered into its rows, the bullets that only frame a table left out."""
    index = start
    in_table = False
    while index < len(lines):
        raw = lines[index]
        if "*" not in raw:
            in_table = in_table and not raw.strip()
            yield index + 1, raw
            index += 1
            continue
        row = _ROW.match(raw)
        entry = None if row else _ENTRY.match(raw.strip())
        if row:
            end = _row_end(lines, index, len(row.group("indent")))
            found = _row(index + 1, lines[index:end], len(row.group("indent")))
            if found.cells or found.num:
                yield index + 1, found
            in_table, index = True, end
            continue
        if entry and raw[:1].isspace() and entry.group("rest"):
            yield index + 1, _entry(index + 1, [entry.group("rest")], entry.group("num"))
            index += 1
            continue
        if _BULLET_ONLY.match(raw) and (in_table or _next_is_row(lines, index)):
            index += 1
            continue
        if raw.strip():
            in_table = False
        yield index + 1, raw
        index += 1


def _row_end(lines: Sequence[str], index: int, indent: int) -> int:
    """The index after the last line of the row that starts at `index`."""
    end = index + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break
        end += 1
    return end


def _next_is_row(lines: Sequence[str], index: int) -> bool:
    following = next((line for line in lines[index + 1 :] if line.strip()), "")
    return bool(_ROW.match(following) or _BULLET_ONLY.match(following))


def _row(line: int, raw: Sequence[str], indent: int) -> Row:
    """A row from its lines: the first cell after the row's bullets, one cell per bullet
    `CELL_INDENT` columns deeper, wrapped words joined to their cell."""
    first = _ROW.match(raw[0])
    cells: list[list[str]] = [[first.group("cell") or ""]]
    bullet = " " * (indent + CELL_INDENT) + "*"
    for text in raw[1:]:
        if text.startswith(bullet) and text[len(bullet) : len(bullet) + 1] in ("", " "):
            cells.append([text[len(bullet) :]])
        elif text.strip():
            cells[-1].append(text)
    joined = [_words(cell) for cell in cells]
    opening = _ENTRY.match(joined[0])
    if opening:
        return _entry(line, [opening.group("rest") or "", *joined[1:]], opening.group("num"))
    return Row(line, tuple(cell for cell in joined if cell))


def _entry(line: int, cells: list[str], num: str) -> Row:
    """A numbered entry: its first words are its heading, the other cells its text."""
    words = [_words([cell]) for cell in cells if _words([cell])]
    heading, *rest = words or [""]
    return Row(line, tuple(rest), num=num, heading=heading)


def _words(parts: Sequence[str]) -> str:
    """A cell's wrapped lines as one line, runs of spaces closed up."""
    return normalize_text(_SPACES.sub(" ", " ".join(part.strip() for part in parts)))
