"""Word footnotes: the editorial notes of a text, written and read as Word writes them.

A footnote lives in the package's footnotes part (`word/footnotes.xml`) under a number; the
text refers to it with a `w:footnoteReference` run where the mark stands. Word keeps two
footnotes of its own there (the separator lines, types `separator` and
`continuationSeparator`), which are no notes. python-docx has no API for footnotes, so the
part is written here as raw WordprocessingML.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

from exports import ooxml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
    "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)
NOTE_SIZE = 20
"""Half-points: footnotes in 10 pt."""


class Footnotes:
    """The footnotes of a document being written; the part is added with the first one."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.root: etree._Element | None = None
        self.count = 0

    def add(self, paragraph: Paragraph, lines: Sequence[str]) -> None:
        """A footnote of `lines` (a paragraph each), its mark at the end of `paragraph`."""
        root = self._root()
        self.count += 1
        number = str(self.count)
        note = ooxml.element("w:footnote", id=number)
        for index, line in enumerate(lines):
            para = etree.SubElement(note, qn("w:p"))
            if index == 0:
                para.append(_mark_run(ooxml.element("w:footnoteRef")))
                para.append(_text_run(" "))
            para.append(_text_run(line))
        root.append(note)
        paragraph._p.append(_mark_run(ooxml.element("w:footnoteReference", id=number)))

    def _root(self) -> etree._Element:
        if self.root is None:
            self.root = parse_xml(f"<w:footnotes {nsdecls('w')}>{_SEPARATORS}</w:footnotes>")
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                self.root,
                self.document.part.package,
            )
            self.document.part.relate_to(part, RT.FOOTNOTES)
        return self.root


def _mark_run(mark: etree._Element) -> etree._Element:
    run = ooxml.element("w:r")
    properties = etree.SubElement(run, qn("w:rPr"))
    properties.append(ooxml.element("w:vertAlign", val="superscript"))
    run.append(mark)
    return run


def _text_run(text: str) -> etree._Element:
    run = ooxml.element("w:r")
    properties = etree.SubElement(run, qn("w:rPr"))
    properties.append(ooxml.element("w:sz", val=str(NOTE_SIZE)))
    written = etree.SubElement(run, qn("w:t"))
    written.text = text
    written.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def read_footnotes(part: etree._Element | None) -> dict[str, etree._Element]:
    """The notes of a footnotes part by their number, without Word's separators."""
    if part is None:
        return {}
    return {
        note.get(f"{W}id", ""): note
        for note in part.iter(f"{W}footnote")
        if note.get(f"{W}type", "normal") == "normal"
    }


def references(paragraph: etree._Element) -> tuple[str, ...]:
    """The numbers of the footnotes a paragraph refers to, in order."""
    return tuple(ref.get(f"{W}id", "") for ref in paragraph.iter(f"{W}footnoteReference"))
