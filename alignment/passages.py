"""Cutting texts into the pieces suggestions compare: an article into its paragraphs and
sub-paragraphs (so CRPD 9(1)(a) can be the passage that matched), a long provision into
overlapping runs of words (so a 2,000-word amending section is scored by its best parts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alignment.wording import Word

_PARAGRAPH = re.compile(r"^(\d+)\.\s+")
_POINT = re.compile(r"^\(([a-z]+)\)\s+")
PART_WORDS = 60
"""Evidence words in one part of a long provision."""
PART_STEP = 30


@dataclass(frozen=True, slots=True)
class Passage:
    article: str
    """`CODE:number`."""
    label: str
    """The passage's address, as a lawyer cites it: `9`, `9(1)`, `9(1)(a)`."""
    text: str
    """The passage's own words."""
    lead: str = ""
    """The words of the paragraph that introduce a sub-paragraph ("shall apply to, inter alia:")."""


def article_passages(code: str, number: str, text: str) -> list[Passage]:
    """The paragraphs and sub-paragraphs of an article, in order; unnumbered text joins the
    article's own passage (or the paragraph it follows)."""
    key = f"{code}:{number}"
    passages: list[Passage] = []
    paragraph = ""
    lead = ""
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            continue
        numbered = _PARAGRAPH.match(line)
        point = _POINT.match(line)
        if numbered:
            paragraph = numbered.group(1)
            lead = line[numbered.end() :]
            passages.append(Passage(key, f"{number}({paragraph})", lead))
        elif point:
            within = f"({paragraph})" if paragraph else ""
            label = f"{number}{within}({point.group(1)})"
            passages.append(Passage(key, label, line[point.end() :], lead))
        elif passages and not passages[-1].label.endswith(")") and not paragraph:
            last = passages.pop()
            passages.append(Passage(key, last.label, f"{last.text} {line}"))
        else:
            lead = line
            passages.append(Passage(key, f"{number}({paragraph})" if paragraph else number, line))
    return passages or [Passage(key, number, text)]


def parts(words: list[Word]) -> list[list[Word]]:
    """A provision's words whole when short, else overlapping runs of `PART_WORDS`."""
    if len(words) <= PART_WORDS:
        return [words]
    starts = range(0, len(words) - PART_STEP, PART_STEP)
    return [words[start : start + PART_WORDS] for start in starts]
