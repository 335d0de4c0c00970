"""One document made of others: the body of a .docx built by another exporter, appended.

Every exporter here starts from `docx_out.new_document`, so the styles, fonts and table
styles a body refers to exist in the document it joins; formatting inside runs travels
with them. Headings can be moved down a level to sit under the part that takes them in.
"""

from __future__ import annotations

import copy
import re
from io import BytesIO

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

_HEADING = re.compile(r"Heading([1-9])")
_DEEPEST = 9


def blocks(data: bytes) -> list[etree._Element]:
    """The paragraphs and tables of a .docx body, in order (its section settings left out)."""
    body = docx.Document(BytesIO(data)).element.body
    return [child for child in body if child.tag in (qn("w:p"), qn("w:tbl"))]


def after_contents(found: list[etree._Element]) -> list[etree._Element]:
    """The blocks after a table of contents (those after the paragraph closing its field)."""
    end = qn("w:fldChar")
    for index, block in enumerate(found):
        if any(mark.get(qn("w:fldCharType")) == "end" for mark in block.iter(end)):
            return found[index + 1 :]
    return found


def without_titles(found: list[etree._Element]) -> list[etree._Element]:
    """The blocks but the paragraphs in the Title style (a document's own title line)."""
    return [block for block in found if _style(block) != "Title"]


def append(document: Document, found: list[etree._Element], *, heading_shift: int = 0) -> None:
    """Copy `found` to the end of `document`, headings `heading_shift` levels deeper."""
    body = document.element.body
    closing = body.find(qn("w:sectPr"))
    for block in found:
        made = copy.deepcopy(block)
        if heading_shift:
            _shift(made, heading_shift)
        if closing is not None:
            closing.addprevious(made)
        else:
            body.append(made)


def _style(block: etree._Element) -> str | None:
    style = block.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _shift(block: etree._Element, levels: int) -> None:
    for style in block.iter(qn("w:pStyle")):
        match = _HEADING.fullmatch(style.get(qn("w:val"), ""))
        if match:
            style.set(qn("w:val"), f"Heading{min(int(match.group(1)) + levels, _DEEPEST)}")
