"""Word documents (.docx) into provision trees.

The paragraphs are read with their styles and Word's automatic numbering written out
(`exports.docx_read`), then placed in the tree by their styles, the law's keyword headings
and number markers together (`exports.docx_tree`). Tracked changes are read as if every
change were accepted. Warnings name the paragraph of the document.
"""

from __future__ import annotations

import re
from dataclasses import replace

from drafts.parse import ParseResult, ParseWarning
from drafts.parse_patterns import LANGUAGES, detect_language
from exports.docx_read import Para, open_package, paragraphs
from exports.docx_tree import build

SAMPLE_PARAGRAPHS = 400
"""How many paragraphs the language of a document is guessed from, when not given."""

_LINE_REF = re.compile(r"\b([Ll])ines (\d+) and (\d+)")


def read_docx(data: bytes, language: str | None = None, *, view: str = "new") -> ParseResult:
    """The provisions of a .docx law and the warnings about them (by paragraph number)."""
    return read_paragraphs(paragraphs(open_package(data), view), language)


def read_paragraphs(paras: list[Para], language: str | None = None) -> ParseResult:
    """The provisions of paragraphs already read from a .docx."""
    if language not in LANGUAGES:
        language = detect_language(" ".join(p.line for p in paras[:SAMPLE_PARAGRAPHS]))
    built = build(paras, LANGUAGES[language])
    return ParseResult(built.plain, tuple(_paragraph_words(w) for w in built.warnings))


def _paragraph_words(warning: ParseWarning) -> ParseWarning:
    """The numbering checks speak of lines; in a Word document they are paragraphs."""
    message = _LINE_REF.sub(
        lambda m: f"{'P' if m.group(1) == 'L' else 'p'}aragraphs {m.group(2)} and {m.group(3)}",
        warning.message,
    )
    return replace(warning, message=message)
