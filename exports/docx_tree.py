"""Paragraphs of a Word document into a provision tree, by their styles and their text.

Three signals meet here: the role a paragraph's style gives it (`exports.docx_styles`), the
keyword headings and number markers of the law's language (`drafts.parse_patterns`), and
Word's numbering, already written in front of the text by `exports.docx_read`.

- A keyword heading ("PART 2", "CHAPTER 3", "SCHEDULE 1", "Статья 5.", "5-nji madda") opens
  a container; a heading line without a keyword right after it is its title ("PART 1" then
  "Adoption"). Schedules open at the top level; parts and chapters inside a schedule stay in it.
- A provision's title written above its number ("Basic definitions" over "2.—(1) …") becomes
  the heading of the section it opens (in a schedule, of the paragraph it opens); any other
  heading line is a cross-heading grouping what follows until the next one or a larger unit.
- Numbered paragraphs nest by the kind of their number: "(1)" under "2.—", "(a)" under "(1)",
  "(i)" under "(a)", a number like one already open closes it and follows it ("(i)" after "(h)"
  is a letter unless "(ii)" follows).
- Text an amending provision quotes (a quotation style, or paragraphs that open with a quotation
  mark after "insert—" or "следующего содержания:" up to the closing mark) is one `quoted` child
  of that provision, its lines as written: never provisions of the text itself.
- The closing words after a list ("but does not include…") are a `wrapup` of the provision that
  holds the list; text before the first provision is the preamble; tables are `block`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from drafts import eids
from drafts.parse import ParseWarning
from drafts.parse_numbering import sequence_warnings
from drafts.parse_patterns import Language
from drafts.tree import NOTE, Node
from exports import docx_styles as roles
from exports.docx_markers import (
    DASHED,
    DOTTED,
    closes_list,
    keyword_heading,
    known_marker,
    looks_like_title,
    numbered_start,
    opens_provision,
    shape,
)
from exports.docx_nodes import Reading, container_of, level_of, numbering_view
from exports.docx_quotes import QuoteTracker, balance, introduced
from exports.docx_read import Para


@dataclass(frozen=True, slots=True)
class Built:
    nodes: tuple[Node, ...]
    """The provisions, with their eIds."""
    plain: tuple[Node, ...]
    """The same provisions without eIds, as every reader gives a text it has read."""
    warnings: tuple[ParseWarning, ...]
    sources: dict[str, tuple[int, ...]]
    """The numbers of the paragraphs each provision was read from, by eId."""


def build(paras: Sequence[Para], lang: Language) -> Built:
    """The tree of a document's paragraphs, and the warnings about its numbering."""
    builder = _Builder(paras, lang)
    for position, para in enumerate(paras):
        builder.add(position, para)
    builder.finish()
    root = builder.root
    checked = sequence_warnings(numbering_view(root), lang.letters)
    warnings = tuple(ParseWarning(line, message) for line, message in checked)
    plain = tuple(child.freeze() for child in root.children)
    nodes = eids.assign(plain)
    sources: dict[str, tuple[int, ...]] = {}
    pairs = list(zip(root.children, nodes, strict=True))
    while pairs:
        read, made = pairs.pop()
        sources[made.eid] = tuple(read.paras)
        pairs.extend(zip(read.children, made.children, strict=True))
    return Built(nodes, plain, warnings, sources)


class _Builder:
    def __init__(self, paras: Sequence[Para], lang: Language) -> None:
        self.paras = paras
        self.lang = lang
        self.root = Reading("root", 0)
        self.containers: list[Reading] = []
        self.numbered: list[Reading] = []
        self.slot: Reading | None = None
        """A container opened by its number alone, waiting for its title."""
        self.pending: tuple[str, int] | None = None
        """A provision's title, waiting for the number below it."""
        self.last: Reading | None = None
        """The provision the last paragraph was written to."""
        self.quoted: Reading | None = None
        self.open_marks = 0
        """Quotation marks the quotation being read has opened and not closed."""
        self.quotes = QuoteTracker(paras)
        self.closing: Reading | None = None
        self.indent = 0
        """The left indent of the paragraph being read."""
        self.index = 0
        """The number of the paragraph being read."""
        self.label = ""
        """Its number as Word shows it or as typed before a tab, until it is read."""
        self.following = ""
        """The line of the paragraph after the one being read."""
        self.note: Reading | None = None
        """The note (a block in a quotation style) the paragraphs before were written to."""
        self.written: Reading | None = None
        """The provision the last paragraph was written to, which its footnotes annotate."""
        self.editorial: Reading | None = None
        """The editorial note (a footnote written as paragraphs) being read."""
        self.notes: list[tuple[Reading, Reading]] = []
        """Footnotes and what they annotate, added when the whole text is read."""

    @property
    def container(self) -> Reading:
        return self.containers[-1] if self.containers else self.root

    @property
    def current(self) -> Reading:
        return self.numbered[-1] if self.numbered else self.container

    def add(self, position: int, para: Para) -> None:
        """Read one paragraph; the footnotes it refers to are notes of what it was written to."""
        self._read(position, para)
        for text in para.notes:
            holder = self.written or self.root
            holder = holder.parent if holder.kind == "quoted" and holder.parent else holder
            self.notes.append((holder, Reading(NOTE, para.index, lines=text.split("\n"))))

    def finish(self) -> None:
        """Footnotes go after the parts of the provision they annotate (a Word footnote does
        not say whether its note stood before or after them; a text's notes mostly follow)."""
        for holder, note in self.notes:
            holder.add(note)

    def _read(self, position: int, para: Para) -> None:
        following = self.paras[position + 1] if position + 1 < len(self.paras) else None
        self.following = following.line if following else ""
        self.indent = para.indent
        self.index = para.index
        self.label = para.label.strip()
        role = roles.role(para.styles)
        if role == roles.SKIP:
            return
        if role == roles.EDITORIAL:
            self._editorial(para)
            return
        self.editorial = None
        if para.table:
            self._end_quote()
            self.note = None
            self.last = self.container.add(Reading("block", para.index, lines=[para.text]))
            return
        text = para.line
        if role == roles.QUOTED and self.quoted is None and not introduced(self.paras, position):
            role = roles.role(para.styles[1:])
        if role == roles.QUOTED or self.quotes.quoted(position, self.open_marks):
            self._quote(text, para.index)
            return
        self._end_quote()
        if role == roles.NOTE:
            if self.note is None:
                self.note = self.container.add(Reading("block", para.index))
            self._write(self.note, text)
            self.last = self.note
            return
        self.note = None
        if role == roles.REFERENCE:
            self._write(self.container, text)
            return
        if role == roles.CONTINUED and self.numbered:
            self._write(self.current, text)
            self.last = self.current
            return
        heading_style = role in roles.HEADING_ROLES or para.outline > 0
        if role == roles.TITLE and opens_provision(self.paras, position + 1):
            self._title_as_crossheading()
            self.pending = (text, para.index)
            return
        found = keyword_heading(self.lang, text, heading_style)
        opened = container_of(*found) if found else None
        if opened is not None:
            self._open_container(opened, para.index)
        elif heading_style and not numbered_start(text, self.lang):
            self._heading_line(role, text, position, para)
        elif not self._numbered(text, para.index):
            self._text(role, text, para.index)

    # Containers

    def _write(self, node: Reading, text: str, *, heading: bool = False) -> None:
        """Add the paragraph being read to a provision, as a line of its text or its title."""
        if node.kind != NOTE:
            self.written = node
        if heading:
            node.heading = text
        else:
            node.lines.append(text)
        if not node.paras or node.paras[-1] != self.index:
            node.paras.append(self.index)

    def _open_container(self, node: Reading, line: int) -> None:
        self._title_as_crossheading()
        node.line = line
        if line not in node.paras:
            node.paras.append(line)
        level = level_of(node)
        while self.containers:
            top = self.containers[-1]
            if top.kind == "block" and node.kind != "block":
                break
            if level_of(top) < level:
                break
            self.containers.pop()
        self.numbered.clear()
        self.container.add(node)
        self.containers.append(node)
        self.slot = node if not node.heading and node.kind != "crossheading" else None
        self.last = self.written = node

    def _heading_line(self, role: str, text: str, position: int, para: Para) -> None:
        """A heading line without a keyword: a title, a provision's title or a cross-heading."""
        if self.slot is not None and role != roles.CROSSHEADING:
            self._write(self.slot, text, heading=True)
            self.slot = None
            return
        if role == roles.SCHEDULE:
            self._title_as_crossheading()
            self.containers.clear()
        elif role != roles.CROSSHEADING and opens_provision(self.paras, position + 1):
            self._title_as_crossheading()
            self.pending = (text, para.index)
            return
        if para.outline:
            self._title_as_crossheading()
            del self.containers[para.outline - 1 :]
        self._open_container(Reading("crossheading", para.index, heading=text), para.index)

    def _title_as_crossheading(self) -> None:
        """A title that no number followed heads what follows, as a cross-heading."""
        if self.pending is not None:
            text, line = self.pending
            self.pending = None
            self._open_container(Reading("crossheading", line, heading=text), line)

    # Numbered provisions

    def _numbered(self, text: str, line: int) -> bool:
        title, self.pending = self.pending, None
        opener = DASHED.match(text) or (DOTTED.match(text) if title else None)
        if opener and (title is not None or not self._restates(opener.group("num"))):
            self._provision(opener.group("num"), title, line)
            self._rest(opener.group("rest"), line)
            return True
        if opener:
            self._rest(opener.group("rest"), line)
            return True
        if title is not None:
            self.pending = title
            self._title_as_crossheading()
        found = self._marker(text)
        if found is None:
            return False
        kind, num, rest = found
        self._place(Reading(kind, line, num, shape=shape(num, kind)))
        self._rest(rest, line)
        return True

    def _rest(self, rest: str, line: int) -> None:
        """The text after a number, which may start with the number of a first child."""
        if rest and not self._numbered(rest, line):
            self._write(self.current, rest)
            self.last = self.current

    def _restates(self, num: str) -> bool:
        """Whether "5.—(1)" repeats the number of the section just opened ("Section 5. …")."""
        return any(node.kind == "section" and node.num == num for node in self.containers[-1:])

    def _provision(self, num: str, title: tuple[str, int] | None, line: int) -> None:
        """A section opened by its number; in a schedule, one of the schedule's paragraphs."""
        heading = title[0] if title else ""
        if any(node.kind == "block" for node in self.containers):
            self.numbered.clear()
            numbered = f"{num}."
            node = Reading("paragraph", line, numbered, heading, shape=shape(numbered, "paragraph"))
            self._place(node)
        else:
            node = Reading("section", line, num, heading)
            self._open_container(node, line)
        if title:
            node.paras.insert(0, title[1])

    def _marker(self, text: str) -> tuple[str, str, str] | None:
        found = known_marker(self.lang, text, self.numbered, self.following)
        label, self.label = self.label, ""
        if found is None and label and text.startswith(label):
            for form in (f"{label}.", f"{label})", f"({label})"):
                shaped = known_marker(
                    self.lang, f"{form} {text[len(label) :].strip()}", self.numbered
                )
                if shaped is not None:
                    kind, _, rest = shaped
                    return kind, label, rest
        return found

    def _place(self, node: Reading) -> None:
        """Put a numbered provision beside the open one of its shape, or under the last one."""
        for index in range(len(self.numbered) - 1, -1, -1):
            if self.numbered[index].shape == node.shape:
                parent = self.numbered[index].parent
                del self.numbered[index:]
                break
        else:
            parent = self.current
        node.indent = self.indent
        parent.add(node)
        self.numbered.append(node)
        self.last = self.written = node
        self.slot = None

    # Text

    def _text(self, role: str, text: str, line: int) -> None:
        if self.slot is not None and looks_like_title(text):
            self._write(self.slot, text, heading=True)
            self.slot = None
            return
        self.slot = None
        if role == roles.SIGNATURE:
            if self.closing is None:
                self.closing = self.root.add(Reading("wrapup", line))
            self._write(self.closing, text)
            return
        if not self.containers and not self.numbered:
            self._preamble(text, line)
            return
        last = self.last
        if last is not None and last.kind == "wrapup":
            self._write(last, text)
            return
        if role == roles.WRAPUP or closes_list(self.numbered, role == roles.DEFINITION, text):
            self._wrapup(text, line, self.indent)
            return
        self._write(self.current, text)
        self.last = self.current

    def _preamble(self, text: str, line: int) -> None:
        if not self.root.children or self.root.children[0].kind != "preamble":
            preamble = Reading("preamble", line, parent=self.root)
            self.root.children.insert(0, preamble)
        self._write(self.root.children[0], text)

    def _wrapup(self, text: str, line: int, indent: int) -> None:
        """Closing words belong to the open provision whose margin they are written at, or,
        without indents to go by, to the one holding the last list."""
        holder = self.container
        if self.numbered:
            deepest = self.numbered[-1]
            holder = deepest.parent or self.container
            if deepest.indent > indent:
                holder = next(
                    (n for n in reversed(self.numbered) if n.indent <= indent), self.container
                )
        while self.numbered and self.numbered[-1] is not holder:
            self.numbered.pop()
        self.last = holder.add(Reading("wrapup", line, lines=[text]))

    def _editorial(self, para: Para) -> None:
        """A paragraph of an editorial note written in the body: a note of the provision
        before it, or of the text itself before any provision."""
        if self.editorial is None:
            holder = self.written
            if holder is None or holder.kind == "preamble":
                holder = self.root
            self.editorial = holder.add(Reading(NOTE, para.index))
        self._write(self.editorial, para.line)

    # Quotations

    def _quote(self, text: str, line: int) -> None:
        if self.quoted is None:
            self.quoted = self.current.add(Reading("quoted", line))
            self.open_marks = 0
        self._write(self.quoted, text)
        self.open_marks += balance(text)
        self.slot = None
        self.pending = None

    def _end_quote(self) -> None:
        self.quoted = None
        self.open_marks = 0
