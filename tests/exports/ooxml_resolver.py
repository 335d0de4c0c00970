"""A small OOXML resolver for the tests: the paragraphs of a .docx with every tracked change
accepted, or every one rejected, as Word does it.

Insertions (`w:ins`) and move destinations (`w:moveTo`) stay when accepting and go when
rejecting; deletions (`w:del`) and move origins (`w:moveFrom`) the other way round. A
paragraph whose mark goes joins the paragraph after it. Written apart from the importer's
reader on purpose, so that each checks the other.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GOES = {"accept": {f"{W}del", f"{W}moveFrom"}, "reject": {f"{W}ins", f"{W}moveTo"}}


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def resolve(data: bytes, view: str) -> list[str]:
    """The texts of the body's paragraphs with every change accepted or rejected."""
    gone = GOES[view]
    texts: list[str] = []
    carried = ""
    for paragraph in body(data).iter(f"{W}p"):
        text = carried + "".join(_pieces(paragraph, gone))
        mark = paragraph.find(f"{W}pPr/{W}rPr")
        if mark is not None and any(child.tag in gone for child in mark):
            carried = text
            continue
        carried = ""
        texts.append(text)
    return texts


def _pieces(element: etree._Element, gone: set[str]):
    for child in element:
        if child.tag in gone or child.tag in (f"{W}pPr", f"{W}rPr"):
            continue
        if child.tag in (f"{W}t", f"{W}delText"):
            yield child.text or ""
        elif child.tag == f"{W}tab":
            yield "\t"
        elif child.tag == f"{W}br":
            yield "\n"
        else:
            yield from _pieces(child, gone)


def redline_text(data: bytes, view: str) -> list[str]:
    """The paragraphs of a redline after its cover (which ends with a page break)."""
    texts = resolve(data, view)
    for index, paragraph in enumerate(body(data).iter(f"{W}p")):
        if paragraph.find(f".//{W}br[@{W}type='page']") is not None:
            return texts[index + 1 :]
    return texts


def after_contents(data: bytes) -> list[str]:
    """The paragraphs of a consolidated text after its table of contents."""
    texts = resolve(data, "accept")
    for index, paragraph in enumerate(body(data).iter(f"{W}p")):
        if paragraph.find(f".//{W}fldChar[@{W}fldCharType='end']") is not None:
            return texts[index + 1 :]
    return texts
