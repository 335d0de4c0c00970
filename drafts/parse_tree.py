"""Tokens of a law placed in its provision tree.

One stack of open provisions: a heading or a numbered provision closes the open ones at its
level and below and opens itself; unnumbered text continues the provision above it; a
flush-left paragraph after a list closes it (a `wrapup` block of the unit whose lead-in
opened the list); a quotation or a note's opening words make a `note` of the nearest
heading. A table's numbered entries nest by their number; each further row of an entry is a
block of its own (`wrapup`), as a table has no lead-in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from drafts.parse_numbering import label
from drafts.parse_patterns import HEADING_KINDS, LEVELS
from drafts.tree import NOTE, Node


@dataclass(frozen=True, slots=True)
class ParseWarning:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Token:
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
    row: bool = False
    """A table's row: a block of the table entry above it."""
    entry: bool = False
    """A table's numbered entry."""


@dataclass(eq=False)
class Open:
    """A provision while it is being read."""

    kind: str
    line: int
    num: str = ""
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[Open] = field(default_factory=list)
    parent: Open | None = None
    last_line: int = 0
    level: float = 0
    open_ended: bool = False
    """A note opened by its words ("Сноска. …"), which runs on until the next heading."""
    entry: bool = False
    """A table's numbered entry, which takes the rows after it as blocks."""
    row: bool = False

    def freeze(self) -> Node:
        children = tuple(child.freeze() for child in self.children)
        text = "\n".join(self.lines)
        return Node(self.kind, self.num, self.heading, text, children)


def build(tokens: list[Token]) -> tuple[Open, list[ParseWarning]]:
    root = Open("root", 0)
    stack = [root]
    warnings: list[ParseWarning] = []
    for token in tokens:
        top = stack[-1]
        if top.open_ended and token.kind not in HEADING_KINDS and not (token.marked or token.row):
            top.lines.append(f"{token.num} {token.text}".strip() if token.num else token.text)
            top.last_line = token.line
            continue
        if _is_note(top) and (token.kind != "note" or token.marked or top.open_ended):
            stack.pop()
        if token.row and _entry(stack):
            _add_row(stack, token)
        elif token.kind == "text" and (
            stack[-1].row or (token.closing and _closes_list(stack[-1]))
        ):
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


def _add_text(root: Open, node: Open, token: Token, warnings: list[ParseWarning]) -> None:
    if node is root:
        if not root.children:
            root.children.append(Open("preamble", token.line, parent=root))
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


def _closing(node: Open, token: Token) -> bool:
    """Whether `token` is a flush-left paragraph that closes the list `node` is in."""
    return token.closing and _closes_list(node)


def _closes_list(node: Open) -> bool:
    """Whether a flush-left paragraph after `node` closes its list: `node` is a list item
    that already has words (an item printed as its number alone takes the next lines)."""
    return node.kind in _LIST_ITEMS and bool(node.lines)


def _add_closing(stack: list[Open], token: Token) -> None:
    """The words after a list belong to the unit whose lead-in opened the list; the words
    after a table's rows, to the entry of those rows."""
    while (stack[-1].kind in _LIST_ITEMS and not stack[-1].entry) or stack[-1].row:
        stack.pop()
    holder = stack[-1]
    block = Open("wrapup", token.line, lines=[token.text], parent=holder, level=9)
    block.last_line = token.line
    holder.children.append(block)
    stack.append(block)


def _entry(stack: list[Open]) -> Open | None:
    """The table entry open on the stack, if any."""
    return next((node for node in reversed(stack) if node.entry), None)


def _add_row(stack: list[Open], token: Token) -> None:
    """A row of a table entry: a block of its own."""
    holder = _entry(stack)
    del stack[stack.index(holder) + 1 :]
    block = Open("wrapup", token.line, lines=[token.text], parent=holder, level=9, row=True)
    block.last_line = token.line
    holder.children.append(block)
    stack.append(block)


def _is_note(node: Open) -> bool:
    """Whether `node` is an editorial note."""
    return node.kind == NOTE


def _add_note(root: Open, stack: list[Open], token: Token, warnings: list[ParseWarning]) -> None:
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
    note = Open(NOTE, token.line, lines=[token.text], parent=holder, open_ended=token.marked)
    note.last_line = token.line
    holder.children.append(note)
    stack.append(note)


def _restated(stack: list[Open], token: Token) -> bool:
    """Whether a "5.—" marker repeats the number of the section just opened."""
    return any(node.kind == token.kind and node.num == token.num for node in stack)


def _open(stack: list[Open], token: Token) -> None:
    level = LEVELS[token.kind] if token.level is None else token.level
    while len(stack) > 1 and stack[-1].level >= level:
        stack.pop()
    parent = stack[-1]
    node = Open(token.kind, token.line, token.num, token.heading, parent=parent, level=level)
    node.entry = token.entry
    if token.text:
        node.lines.append(token.text)
    node.last_line = token.line
    parent.children.append(node)
    stack.append(node)


def walk(node: Open) -> Iterator[Open]:
    for child in node.children:
        yield child
        yield from walk(child)
