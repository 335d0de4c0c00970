"""Quoted text found by its quotation marks, for documents without quotation styles.

An amending provision ends with the words that introduce what it inserts ("insert—",
"изложить в следующей редакции:", "şu mazmunda goşmaly:"), and the next paragraph opens a
quotation mark that a later paragraph closes. The paragraphs from the opening to the closing
mark are the quotation. Marks are counted, so quotations inside it ("“adoption agency”
means …") do not end it early; „German-style“ inner quotes close with “. Without a closing
mark at the end of a paragraph the paragraphs are not a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from exports.docx_read import Para

INTRODUCING_ENDS = (":", "—", "–", "-")
OPENING = ("“", "«", "„", '"')
_CLOSED = re.compile(r"[”»“\"][.;,:]*$")
MAX_PARAGRAPHS = 400
"""How far a closing mark is looked for."""


def balance(text: str) -> int:
    """Typographic opening marks minus closing marks in one paragraph."""
    guillemets = text.count("«") - text.count("»")
    if "„" in text:
        return guillemets + text.count("„") - text.count("“")
    return guillemets + text.count("“") - text.count("”")


class QuoteTracker:
    """Which paragraphs of a document are quoted, found as the document is read in order."""

    def __init__(self, paras: Sequence[Para]) -> None:
        self.paras = paras
        self.until = -1

    def quoted(self, position: int, open_marks: int = 0) -> bool:
        """Whether the paragraph at `position` is inside a quotation, opening one if due.

        `open_marks` is the number of quotation marks left open by a quotation just before
        (one its style marks), which this paragraph may continue.
        """
        if position <= self.until:
            return True
        text = self.paras[position].line
        if open_marks <= 0:
            previous = self.paras[position - 1].line if position else ""
            if not text.startswith(OPENING) or not previous.endswith(INTRODUCING_ENDS):
                return False
        end = self._closing(position, open_marks)
        if end < 0:
            return False
        self.until = end
        return True

    def _closing(self, position: int, total: int) -> int:
        """The paragraph whose closing mark ends the quotation, or -1 when none does."""
        straight = 0
        for index in range(position, min(len(self.paras), position + MAX_PARAGRAPHS)):
            line = self.paras[index].line
            total += balance(line)
            straight += line.count('"')
            if total <= 0 and straight % 2 == 0:
                return index if _CLOSED.search(line) else -1
        return -1


def introduced(paras: Sequence[Para], position: int) -> bool:
    """Whether a paragraph in a quotation style follows words that introduce a quotation
    (a style put on a cross-heading by mistake does not make it a quotation)."""
    text = paras[position].line
    previous = paras[position - 1].line if position else ""
    return (
        text.startswith(OPENING) or previous.endswith(INTRODUCING_ENDS) or (balance(previous) > 0)
    )
