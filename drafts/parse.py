"""Plain-text and Markdown laws into provision trees.

`parse_text` reads a law line by line: each line is cleaned of Markdown marks
(`drafts.parse_lines`, tables written as lists read as rows by `drafts.parse_tables`),
turned into tokens (a heading, a numbered provision, a note, a table row, or text) by the
language's patterns in `drafts.parse_patterns`, and the tokens are placed in the tree with
one stack of open provisions (`drafts.parse_tree`). Text before the first provision is the
preamble; unnumbered text continues the provision above it; Markdown quotations ("> ...", a
publisher's footnotes) become notes of the enclosing article or chapter. Numbering is then
checked: articles and other headings across the whole law, paragraphs and points within
their parent.

`render_text` (`drafts.parse_render`) writes a tree in the form `parse_text` reads back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from drafts.parse_lines import BULLET, EMPHASISED_MARKER, Line, content_lines, unbulleted
from drafts.parse_numbering import bare, num_key, sequence_warnings
from drafts.parse_patterns import HEADING_KINDS, LANGUAGES, LEVELS, Language, detect_language
from drafts.parse_render import render_text
from drafts.parse_tables import Row
from drafts.parse_tree import ParseWarning, Token, build, walk
from drafts.tree import Node

__all__ = ["ParseResult", "ParseWarning", "detect_language", "parse_text", "render_text"]

MAX_NEXT_LINE_HEADING = 200
"""A line longer than this after a bare "Article 5" is its text, not its heading."""
ENTRY_STEP = 0.1
"""How much deeper a table entry nests for each dot of its number ("16.5" < "16.5.4")."""


@dataclass(frozen=True, slots=True)
class ParseResult:
    nodes: tuple[Node, ...]
    warnings: tuple[ParseWarning, ...] = ()


def parse_text(text: str, language: str | None = None) -> ParseResult:
    """The provisions of a law written as plain text or Markdown, with what looked wrong."""
    text = unicodedata.normalize("NFC", text)
    lang = LANGUAGES[language or detect_language(text)]
    tokens = _disambiguate(list(_tokens(content_lines(text), lang)), lang)
    root, warnings = build(tokens)
    numbering = sequence_warnings(walk(root), lang.letters)
    warnings.extend(ParseWarning(line, message) for line, message in numbering)
    warnings.sort(key=lambda warning: warning.line)
    return ParseResult(tuple(child.freeze() for child in root.children), tuple(warnings))


def _tokens(lines: Iterator[Line], lang: Language) -> Iterator[Token]:
    pending: Token | None = None
    section: str | None = None
    """The number of the section heading just read, until a numbered line follows it."""
    for number, line, marked, quoted, fresh, after_blank, row, lead in lines:
        if row:
            found = [_row(number, row)]
        elif quoted:
            found = [Token(number, "note", text=line)]
        elif any(pattern.match(line) for pattern in lang.notes):
            found = [Token(number, "note", text=line, marked=True)]
        else:
            found = _heading(number, line, marked, lang)
            if not found:
                found = _restating(number, line, lead, section, lang)
                found = found or _numbered(number, line, lang, -1)
            # In Markdown a wrapped line ("10\. Lebensjahr vollendet") does not start a list
            # item; a number alone on its line ("1\." before a Merkzeichen) still does.
            if found and lang.closing_blocks and not after_blank and found[-1].text:
                found = []
            closing = (fresh and lang.closing_blocks and not BULLET.match(line)) or bool(
                lang.definitions and lang.definitions.match(line)
            )
            found = found or [
                Token(number, "text", text=unbulleted(line), marked=marked, closing=closing)
            ]
        if pending and pending.line == number - 1 and _is_next_line_heading(found):
            found = [replace(pending, heading=found[0].text)]
        elif pending:
            yield pending
        pending = None
        if found[-1].kind in HEADING_KINDS and not found[-1].heading:
            *found, pending = found
        last = pending or found[-1]
        if last.kind not in ("text", "note"):
            section = last.num if last.kind == "section" else None
        yield from found
    if pending:
        yield pending


def _restating(
    number: int, line: str, lead: str, section: str | None, lang: Language
) -> list[Token]:
    """A section's first numbered line that repeats the section's number restates it: what
    follows the number is the section's. The number is bold ("**2.** The Act…" under "2.
    Interpretation") or followed by the first subsection ("14. (1) Where…"); otherwise "1."
    under "Section 1" is the section's first paragraph."""
    own = f"{section}."
    if section is None or not line.startswith(own):
        return []
    rest = line[len(own) :].lstrip(" —–")
    if lead != own and not rest.startswith("(1)"):
        return []
    inner = _numbered(number, rest, lang, LEVELS["section"]) if rest else []
    if rest and not inner:
        inner = [Token(number, "text", text=rest)]
    return [Token(number, "section", section, restates=True), *inner]


def _row(number: int, row: Row) -> Token:
    """A table row: a numbered entry, nested under the table's number by its own depth, or
    one block of text."""
    if not row.num:
        return Token(number, "text", text=row.text, row=True)
    level = LEVELS["point"] + ENTRY_STEP * row.depth
    return Token(number, "point", row.num, row.heading, row.text, level=level, entry=True)


def _is_next_line_heading(found: list[Token]) -> bool:
    token = found[0]
    return (
        token.kind == "text"
        and len(token.text) <= MAX_NEXT_LINE_HEADING
        and not token.text.endswith((".", ";", ":", ","))
    )


def _heading(number: int, line: str, marked: bool, lang: Language) -> list[Token]:
    for pattern in lang.headings:
        if pattern.marked_only and not marked:
            continue
        match = pattern.regex.match(line)
        if not match:
            continue
        groups = match.groupdict()
        heading = groups.get("heading") or ""
        separator = groups.get("sep")
        clear = bool(separator and separator.strip()) or not heading
        if clear or marked or groups.get("kw", "").isupper() or heading.isupper():
            num = groups.get("num") or ""
            heading = " ".join(heading.split())
            token = Token(number, pattern.kind, num=num, heading=heading, marked=marked)
            return [replace(token, level=pattern.level)]
    return []


def _numbered(number: int, line: str, lang: Language, above: int) -> list[Token]:
    """The numbered provisions a line starts, deeper than level `above`, and its text."""
    for marker in lang.markers:
        match = marker.regex.match(line)
        if not match or LEVELS[marker.kind] <= above:
            continue
        rest = EMPHASISED_MARKER.sub(r"(\2)", (match.group("rest") or "").strip())
        inner = _numbered(number, rest, lang, LEVELS[marker.kind]) if rest else []
        token = Token(number, marker.kind, match.group("num"), restates=marker.restates)
        return [token, *inner] if inner else [replace(token, text=rest)]
    return []


def _disambiguate(tokens: list[Token], lang: Language) -> list[Token]:
    """Reads "(i)" after "(h)" as the next lettered point, unless "(ii)" follows it."""
    letters = lang.letters.get("point")
    if not letters:
        return tokens
    result: list[Token] = []
    last_point = ""
    for index, token in enumerate(tokens):
        if token.kind == "subpoint" and _next_letter(last_point, letters) == bare(token.num):
            following = next((t for t in tokens[index + 1 :] if t.kind != "text"), None)
            if following is None or not _next_numeral(token, following):
                token = replace(token, kind="point")
        if token.kind == "point":
            last_point = bare(token.num)
        elif token.kind not in ("subpoint", "text", "note"):
            last_point = ""
        result.append(token)
    return result


def _next_numeral(token: Token, following: Token) -> bool:
    """Whether `following` is the roman numeral after `token`'s: "(ii)" after "(i)"."""
    (value,) = num_key(token.kind, token.num) or (0,)
    return following.kind == "subpoint" and num_key(following.kind, following.num) == (value + 1,)


def _next_letter(letter: str, letters: str) -> str:
    index = letters.find(letter) if letter else -1
    return letters[index + 1] if 0 <= index < len(letters) - 1 else ""
