"""What a paragraph style says about the paragraph: the vocabulary of drafting templates.

Drafting offices give their paragraph styles names that say what a paragraph is: "Part",
"ChapterTitle", "clausetitle", "crossheading", "ScheduleHeading", "outtomargin" (the words
after a list, back at the margin), "insert_subsection" or "LQN2" (text quoted by an amending
provision), Word's own "Heading 1" … "Heading 9". A style is read with the styles it is based
on, nearest first; the first name that says something decides ("scheduleparagraph", a body
style, is not a title because it is based on "clausetitle"). Style names only suggest:
the text decides where it is clear ("PART 2" opens a part, "(a)" is a point even in a style
called "schedulehead"), which `exports.docx_tree` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SKIP = "skip"
"""Furniture: the title (the instrument has one), tables of contents, headers, footers."""
PART, CHAPTER, SCHEDULE = "part", "chapter", "schedule"
"""The heading lines of a part, chapter or schedule: its number line or its title line."""
CROSSHEADING = "crossheading"
TITLE = "title"
"""A provision's own title, written above its number ("Basic definitions" over "2.—(1)")."""
HEADING = "heading"
"""Any other heading style (Word's "Heading 2", a template's "H1")."""
QUOTED = "quoted"
WRAPUP = "wrapup"
DEFINITION = "definition"
"""An unnumbered paragraph inside a provision: a definition, a continued text."""
CONTINUED = "continued"
"""A later line of a numbered provision's own text (Kanun's "Continued Text"), never the
closing words of a list nor a number of its own."""
REFERENCE = "reference"
"""A schedule's reference to the section that brings it in ("Section 76(6)")."""
SIGNATURE = "signature"
NOTE = "note"
"""Word's quotation styles, which a text export writes nested blocks in."""
EDITORIAL = "editorial"
"""An editorial note written in the body rather than as a footnote (Kanun's "Editorial Note")."""
BODY = ""

HEADING_ROLES = frozenset({PART, CHAPTER, SCHEDULE, CROSSHEADING, TITLE, HEADING})

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        (SKIP, r"^(toc|tableofcontents|contents|title$|subtitle$|header$|footer$)"),
        (QUOTED, r"^(insert|lq|quoted|amendingtext|amendment(text|quote))"),
        (EDITORIAL, r"^(editorialnote|footnotetext)$"),
        (NOTE, r"^(intense)?quote$"),
        (CROSSHEADING, r"crosshead"),
        (PART, r"^(schedule)?part(head|heading|header|title|number|num)?$"),
        (CHAPTER, r"^(schedule)?chapter(head|heading|header|title|number|num)?$"),
        (SCHEDULE, r"^(schedule|annex|appendix)s?(main)?(head|heading|header|title|number|num)?$"),
        (TITLE, r"^(clause|section|article|regulation|rule|provision)(title|heading|head)$"),
        (WRAPUP, r"(outtomargin|wrapup|closingwords|fullout)"),
        (CONTINUED, r"^continuedtext$"),
        (REFERENCE, r"reference$"),
        (SIGNATURE, r"^(sig|signature|closingformula)"),
        (DEFINITION, r"(nonumber|unnumbered|^def|definition)"),
        (HEADING, r"^(heading[1-9]|h[1-9])$"),
        (BODY, r"(paragraph|subsection|clause$|^section$|^article$|point|item|list|bodytext)"),
        (BODY, r"^(normal|standard|[nt][1-9])$"),
    )
)
_NOT_NAME = re.compile(r"[^a-z0-9]+")


def role(styles: Iterable[str]) -> str:
    """The role the nearest style that says anything gives, or `BODY`."""
    for name in styles:
        key = _NOT_NAME.sub("", name.lower())
        for found, pattern in _RULES:
            if pattern.search(key):
                return found
    return BODY
