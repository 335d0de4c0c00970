"""Plain-text and Markdown laws into provision trees, and trees back into plain text.

`parse_text` reads a law line by line: each line is cleaned of Markdown marks, turned into
tokens (a heading, a numbered provision, a note, or text) by the language's patterns in
`drafts.parse_patterns`, and the tokens are placed in the tree with one stack of open
provisions. Text before the first provision is the preamble; unnumbered text continues the
provision above it; Markdown quotations ("> ...", a publisher's footnotes) become `block`
notes of the enclosing article or chapter. Numbering is then checked: articles and other
headings across the whole law, paragraphs and points within their parent.

`render_text` writes a tree in the form `parse_text` reads back to the same tree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from drafts.parse_numbering import bare, label, num_key, sequence_warnings
from drafts.parse_patterns import (
    HEADING_KINDS,
    LANGUAGES,
    LEVELS,
    Language,
    detect_language,
    turkmen_ordinal,
)
from drafts.tree import NOTE, Node, normalize_text

__all__ = ["ParseResult", "ParseWarning", "detect_language", "parse_text", "render_text"]

MAX_NEXT_LINE_HEADING = 200
"""A line longer than this after a bare "Article 5" is its text, not its heading."""


@dataclass(frozen=True, slots=True)
class ParseWarning:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ParseResult:
    nodes: tuple[Node, ...]
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class _Token:
    line: int
    kind: str
    """A structural kind, or 'text' or 'note'."""
    num: str = ""
    heading: str = ""
    text: str = ""
    marked: bool = False
    restates: bool = False
    level: float | None = None
    closing: bool = False
    """A flush-left paragraph that may close a list (see `Language.closing_blocks`)."""


@dataclass(eq=False)
class _Open:
    """A provision while it is being read."""

    kind: str
    line: int
    num: str = ""
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[_Open] = field(default_factory=list)
    parent: _Open | None = None
    last_line: int = 0
    level: float = 0
    open_ended: bool = False
    """A note opened by its words ("Сноска. …"), which runs on until the next heading."""

    def freeze(self) -> Node:
        children = tuple(child.freeze() for child in self.children)
        text = "\n".join(self.lines)
        return Node(self.kind, self.num, self.heading, text, children)


def parse_text(text: str, language: str | None = None) -> ParseResult:
    """The provisions of a law written as plain text or Markdown, with what looked wrong."""
    text = unicodedata.normalize("NFC", text)
    lang = LANGUAGES[language or detect_language(text)]
    tokens = _disambiguate(list(_tokens(_content_lines(text), lang)), lang)
    root, warnings = _build(tokens)
    numbering = sequence_warnings(_walk(root), lang.letters)
    warnings.extend(ParseWarning(line, message) for line, message in numbering)
    warnings.sort(key=lambda warning: warning.line)
    return ParseResult(tuple(child.freeze() for child in root.children), tuple(warnings))


# Lines


_HTML_ONLY = re.compile(r"^(?:<[^>]+>\s*)+$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_LEADING_BOLD = re.compile(r"^\*\*(.+?)\*\*")
_BULLET = re.compile(r"^[*+-](?:\s|$)")
"""A Markdown bullet: the list goes on, it is not the closing words after a list."""
_EMPHASISED_MARKER = re.compile(r"^\((\*{1,2})([^()*\s]+)\1\)")


_Line = tuple[int, str, bool, bool, bool, bool]


def _content_lines(text: str) -> Iterator[_Line]:
    """(line number, cleaned line, marked as a heading, is a quotation, opens a paragraph
    flush left after a blank line, follows a blank line) of non-empty lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _after_front_matter(lines)
    blank = True
    for number, raw in enumerate(lines[start:], start + 1):
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
            yield number, line, marked, quoted, fresh, after_blank


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
    return _EMPHASISED_MARKER.sub(r"(\2)", line), marked


# Tokens


def _tokens(lines: Iterator[_Line], lang: Language) -> Iterator[_Token]:
    pending: _Token | None = None
    for number, line, marked, quoted, fresh, after_blank in lines:
        if quoted:
            found = [_Token(number, "note", text=line)]
        elif any(pattern.match(line) for pattern in lang.notes):
            found = [_Token(number, "note", text=line, marked=True)]
        else:
            found = _heading(number, line, marked, lang)
            if not found:
                found = _numbered(number, line, lang, -1)
            # In Markdown a wrapped line ("10\. Lebensjahr vollendet") does not start a list
            # item; a number alone on its line ("1\." before a Merkzeichen) still does.
            if found and lang.closing_blocks and not after_blank and found[-1].text:
                found = []
            closing = fresh and lang.closing_blocks and not _BULLET.match(line)
            found = found or [_Token(number, "text", text=line, marked=marked, closing=closing)]
        if pending and pending.line == number - 1 and _is_next_line_heading(found):
            found = [replace(pending, heading=found[0].text)]
        elif pending:
            yield pending
        pending = None
        if found[-1].kind in HEADING_KINDS and not found[-1].heading:
            *found, pending = found
        yield from found
    if pending:
        yield pending


def _is_next_line_heading(found: list[_Token]) -> bool:
    token = found[0]
    return (
        token.kind == "text"
        and len(token.text) <= MAX_NEXT_LINE_HEADING
        and not token.text.endswith((".", ";", ":", ","))
    )


def _heading(number: int, line: str, marked: bool, lang: Language) -> list[_Token]:
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
            token = _Token(number, pattern.kind, num=num, heading=heading.strip(), marked=marked)
            return [replace(token, level=pattern.level)]
    return []


def _numbered(number: int, line: str, lang: Language, above: int) -> list[_Token]:
    """The numbered provisions a line starts, deeper than level `above`, and its text."""
    for marker in lang.markers:
        match = marker.regex.match(line)
        if not match or LEVELS[marker.kind] <= above:
            continue
        rest = _EMPHASISED_MARKER.sub(r"(\2)", (match.group("rest") or "").strip())
        inner = _numbered(number, rest, lang, LEVELS[marker.kind]) if rest else []
        token = _Token(number, marker.kind, match.group("num"), restates=marker.restates)
        return [token, *inner] if inner else [replace(token, text=rest)]
    return []


def _disambiguate(tokens: list[_Token], lang: Language) -> list[_Token]:
    """Reads "(i)" after "(h)" as the next lettered point, unless "(ii)" follows it."""
    letters = lang.letters.get("point")
    if not letters:
        return tokens
    result: list[_Token] = []
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


def _next_numeral(token: _Token, following: _Token) -> bool:
    """Whether `following` is the roman numeral after `token`'s: "(ii)" after "(i)"."""
    (value,) = num_key(token.kind, token.num) or (0,)
    return following.kind == "subpoint" and num_key(following.kind, following.num) == (value + 1,)


def _next_letter(letter: str, letters: str) -> str:
    index = letters.find(letter) if letter else -1
    return letters[index + 1] if 0 <= index < len(letters) - 1 else ""


# Tree


def _build(tokens: list[_Token]) -> tuple[_Open, list[ParseWarning]]:
    root = _Open("root", 0)
    stack = [root]
    warnings: list[ParseWarning] = []
    for token in tokens:
        top = stack[-1]
        if top.open_ended and token.kind not in HEADING_KINDS and not token.marked:
            top.lines.append(f"{token.num} {token.text}".strip() if token.num else token.text)
            top.last_line = token.line
            continue
        if _is_note(top) and (token.kind != "note" or token.marked or top.open_ended):
            stack.pop()
        if token.kind == "text" and token.closing and _closes_list(stack[-1]):
            _add_closing(stack, token)
        elif token.kind == "text":
            _add_text(root, stack[-1], token, warnings)
        elif token.kind == "note":
            _add_note(root, stack, token, warnings)
        elif token.restates and _restated(stack, token):
            _add_text(root, stack[-1], replace(token, kind="text"), warnings)
        else:
            _open(stack, token)
    return root, warnings


def _add_text(root: _Open, node: _Open, token: _Token, warnings: list[ParseWarning]) -> None:
    if node is root:
        if not root.children:
            root.children.append(_Open("preamble", token.line, parent=root))
        node = root.children[0]
    elif token.marked:
        warnings.append(
            ParseWarning(
                token.line,
                f"Line {token.line} was not recognised as a provision "
                f"and was added to the text of {label(node.kind, node.num)}.",
            )
        )
    if token.text:
        node.lines.append(token.text)
    node.last_line = token.line


_LIST_ITEMS = frozenset({"point", "subpoint"})


def _closes_list(node: _Open) -> bool:
    """Whether a flush-left paragraph after `node` closes its list: `node` is a list item
    that already has words (an item printed as its number alone takes the next lines)."""
    return node.kind in _LIST_ITEMS and bool(node.lines)


def _add_closing(stack: list[_Open], token: _Token) -> None:
    """The words after a list belong to the unit whose lead-in opened the list."""
    while stack[-1].kind in _LIST_ITEMS:
        stack.pop()
    holder = stack[-1]
    block = _Open("wrapup", token.line, lines=[token.text], parent=holder, level=9)
    block.last_line = token.line
    holder.children.append(block)
    stack.append(block)


def _is_note(node: _Open) -> bool:
    """Whether `node` is an editorial note."""
    return node.kind == NOTE


def _add_note(root: _Open, stack: list[_Open], token: _Token, warnings: list[ParseWarning]) -> None:
    """A quotation continues the note above it, or starts one in the nearest heading (or the
    law itself); a line with a note's opening words starts a note running to the next heading."""
    top = stack[-1]
    if _is_note(top) and not token.marked and top.last_line == token.line - 1:
        top.lines.append(token.text)
        top.last_line = token.line
        return
    holders = [node for node in stack[1:] if node.kind in HEADING_KINDS]
    holder = holders[-1] if holders else root
    del stack[stack.index(holder) + 1 :]
    note = _Open(NOTE, token.line, lines=[token.text], parent=holder, open_ended=token.marked)
    note.last_line = token.line
    holder.children.append(note)
    stack.append(note)


def _restated(stack: list[_Open], token: _Token) -> bool:
    """Whether a "5.—" marker repeats the number of the section just opened."""
    return any(node.kind == token.kind and node.num == token.num for node in stack)


def _open(stack: list[_Open], token: _Token) -> None:
    level = LEVELS[token.kind] if token.level is None else token.level
    while len(stack) > 1 and stack[-1].level >= level:
        stack.pop()
    parent = stack[-1]
    node = _Open(token.kind, token.line, token.num, token.heading, parent=parent, level=level)
    if token.text:
        node.lines.append(token.text)
    node.last_line = token.line
    parent.children.append(node)
    stack.append(node)


def _walk(node: _Open) -> Iterator[_Open]:
    for child in node.children:
        yield child
        yield from _walk(child)


# Rendering


def render_text(nodes: tuple[Node, ...] | list[Node], language: str | None = None) -> str:
    """The plain text of a tree, one provision a paragraph, which `parse_text` reads back."""
    if language is None:
        language = detect_language(" ".join(f"{n.heading} {n.text}" for n in _nodes(nodes)))
    lang = LANGUAGES[language]
    paragraphs = [
        paragraph
        for node, depth in _with_depth(nodes, 0)
        for paragraph in _render_node(node, depth, lang)
    ]
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def _nodes(nodes: tuple[Node, ...] | list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield from node.walk()


def _with_depth(nodes: tuple[Node, ...] | list[Node], depth: int) -> Iterator[tuple[Node, int]]:
    for node in nodes:
        yield node, depth
        yield from _with_depth(node.children, depth + 1)


def _render_node(node: Node, depth: int, lang: Language) -> list[str]:
    if node.kind == "preamble":
        return [node.text] if node.text else []
    if node.kind == NOTE:
        return ["\n".join(f"> {line}" for line in node.text.split("\n"))]
    if node.kind in HEADING_KINDS:
        return [_heading_line(node, lang), *([node.text] if node.text else [])]
    return [f"{node.num} {node.text}".strip()]


def _heading_line(node: Node, lang: Language) -> str:
    template = lang.templates[node.kind]
    line = template.format(num=node.num, ordinal=turkmen_ordinal(node.num)).strip()
    return f"{line}. {node.heading}" if node.heading else line
