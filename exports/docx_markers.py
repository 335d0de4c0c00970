"""The numbers of provisions as Word documents write them, told apart.

A UK section's "2.—(1)" or "160. …", the markers of the law's language ("(1)", "(a)", "1)"),
and the shape a list's numbers share, by which a new number finds the list it continues.
Roman numerals and letters are told apart by what is open: "(i)" is the letter after "(h)"
unless "(ii)" is open before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from drafts.parse_numbering import num_key
from drafts.parse_patterns import Heading, Language
from exports import docx_styles as roles
from exports.docx_read import Para

MAX_TITLE = 200
"""A line longer than this after a bare "Глава 2" is text, not the chapter's title."""
DASHED = re.compile(r"^(?P<num>\d+[A-Z]*)(?:\.\s*[—–-]|\s*[—–])\s*(?P<rest>.*)$")
"""A section's number in UK drafting: "2.—(1) …", "2—(1)"."""
DOTTED = re.compile(r"^(?P<num>\d+[A-Z]*)\.\s+(?P<rest>.*)$")
"""A section's number after its title, or a schedule's paragraph: "160. This Act …"."""
_INSERTED = re.compile(r"(?<=\w)-\d+|(?<=\d)[A-Za-z]+")
"""What marks a number inserted later: "-1" in "2-1.", "A" in "(1A)", "a" in "(2a)"."""
_OPENING_ROMAN = re.compile(r"^\(?([ivxlc]+)\)")
_ROMAN = re.compile(r"^\(?([ivxlc]+)\)?$")
_LOWER_LETTER = re.compile(r"^\(([a-z])\)$")
_TITLE_END = (".", ";", ":", ",")
LIST_KINDS = frozenset({"point", "subpoint"})


class Opened(Protocol):
    """A numbered provision open while a document is read."""

    kind: str
    num: str
    lines: list[str]


def known_marker(
    lang: Language, text: str, numbered: Sequence[Opened], following: str = ""
) -> tuple[str, str, str] | None:
    """The kind, number and rest of a line that starts with a number of the language;
    `following` is the next paragraph's line."""
    for marker in lang.markers:
        if marker.restates:
            continue
        match = marker.regex.match(text)
        if match:
            num = match.group("num")
            kind = letter_or_numeral(lang, marker.kind, num, numbered, following)
            return kind, num, (match.group("rest") or "").strip()
    return None


def letter_or_numeral(
    lang: Language, kind: str, num: str, numbered: Sequence[Opened], following: str = ""
) -> str:
    """ "(i)" is the letter after "(h)" unless "(ii)" is open before it or opens the
    `following` paragraph; "(v)" after "(u)"…"""
    letters = lang.letters.get("point", "")
    roman = _ROMAN.match(num)
    if kind != "subpoint" or not letters or not roman:
        return kind
    value = num_key("subpoint", num)
    for node in reversed(numbered):
        if node.kind == "subpoint" and value and num_key("subpoint", node.num) == (value[0] - 1,):
            return "subpoint"
        letter = _LOWER_LETTER.match(node.num) if node.kind == "point" else None
        if letter and letters.find(letter.group(1)) + 1 == letters.find(roman.group(1)):
            return "subpoint" if _next_numeral(value, following) else "point"
    return kind


def _next_numeral(value: tuple[int, ...] | None, following: str) -> bool:
    """Whether `following` opens with the roman numeral after `value` ("(ii)" after "(i)")."""
    found = _OPENING_ROMAN.match(following)
    return bool(value and found) and num_key("subpoint", found.group(1)) == (value[0] + 1,)


def shape(num: str, kind: str) -> str:
    """What the numbers of one list share: "(1)" and "(12)", "(a)" and "(aa)", "i)" and "x)";
    a number inserted later keeps its list's shape ("2-1." after "2.", "(1A)" after "(1)")."""
    if kind == "subpoint" and _ROMAN.match(num):
        return f"{kind}:" + re.sub(r"[ivxlc]+", "i", num)
    shaped = re.sub(r"\d+", "9", _INSERTED.sub("", num))
    shaped = re.sub(r"[^\W\d_]+", lambda m: "A" if m.group(0).isupper() else "a", shaped)
    return f"{kind}:{shaped}"


def numbered_start(text: str, lang: Language) -> bool:
    return bool(DASHED.match(text)) or any(marker.regex.match(text) for marker in lang.markers)


def looks_like_title(text: str) -> bool:
    return len(text) <= MAX_TITLE and not text.endswith(_TITLE_END)


def keyword_heading(lang: Language, text: str, marked: bool) -> tuple[Heading, str, str] | None:
    """(heading pattern, number, title) of a line that opens a container by its keyword
    ("PART 2", "Глава 3. Title"); a marked line (a heading style) may leave out the
    separator."""
    for pattern in lang.headings:
        if pattern.marked_only and not marked:
            continue
        match = pattern.regex.match(text)
        if not match:
            continue
        groups = match.groupdict()
        title = (groups.get("heading") or "").strip()
        separator = groups.get("sep") or ""
        clear = bool(separator.strip()) or not title
        if clear or marked or groups.get("kw", "").isupper() or title.isupper():
            return pattern, groups.get("num") or "", title
    return None


def closes_list(numbered: Sequence[Opened], definition: bool, text: str) -> bool:
    """Whether unnumbered text after a point is the list's closing words, not the point's."""
    if not numbered or numbered[-1].kind not in LIST_KINDS:
        return False
    if definition:
        return True
    lines = numbered[-1].lines
    before = lines[-1] if lines else ""
    first = text[:1]
    if before.endswith((";", ",", " and", " or")) and first.islower():
        return True
    return before.endswith(".") and first.isupper()


def opens_provision(paras: Sequence[Para], position: int) -> bool:
    """Whether the next paragraph that counts starts with a number ("2.—(1) …", "160. …")."""
    for para in paras[position:]:
        role = roles.role(para.styles)
        if role == roles.SKIP or not para.line:
            continue
        if role == roles.QUOTED:
            return False
        return bool(DASHED.match(para.line) or DOTTED.match(para.line))
    return False
