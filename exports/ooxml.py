"""Raw WordprocessingML for what python-docx has no API for: fields, line numbers, tracked
changes and moves, the proofing language and the "update fields on open" setting."""

from __future__ import annotations

from datetime import datetime

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.text.paragraph import Paragraph
from lxml import etree

LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "tk": "tk-TM"}

_AFTER_LINE_NUMBERS = (
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
_AFTER_SUPPRESS = (
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:jc",
    "w:outlineLvl",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def element(tag: str, **attributes: str) -> etree._Element:
    """A `w:` element with `w:` attributes: element("w:ins", id="1", author="A")."""
    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


def insert_before(parent: etree._Element, child: etree._Element, successors: tuple) -> None:
    """Insert `child` before the first of `successors` present, keeping the schema's order."""
    names = {qn(name) for name in successors}
    anchor = next((existing for existing in parent if existing.tag in names), None)
    if anchor is not None:
        anchor.addprevious(child)
    else:
        parent.append(child)


def text_run(text: str, *, deleted: bool = False, properties: etree._Element | None = None):
    """A `w:r` with `text`; newlines become `w:br`, tabs `w:tab`, and deleted text is
    `w:delText`."""
    run = element("w:r")
    if properties is not None:
        run.append(properties)
    for index, line in enumerate(text.split("\n")):
        if index:
            run.append(element("w:br"))
        for position, words in enumerate(line.split("\t")):
            if position:
                run.append(element("w:tab"))
            if words:
                piece = element("w:delText" if deleted else "w:t")
                piece.set(qn("xml:space"), "preserve")
                piece.text = words
                run.append(piece)
    return run


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A complex field (`PAGE`, `NUMPAGES`, `TOC …`) with `shown` as its current result."""
    runs = [
        _field_char("begin"),
        _instruction(instruction),
        _field_char("separate"),
        text_run(shown or " "),
        _field_char("end"),
    ]
    for run in runs:
        paragraph._p.append(run)


def begin_field(paragraph: Paragraph, instruction: str) -> None:
    """The start of a field whose result spans several paragraphs (a table of contents)."""
    for run in (_field_char("begin"), _instruction(instruction), _field_char("separate")):
        paragraph._p.append(run)


def end_field(paragraph: Paragraph) -> None:
    paragraph._p.append(_field_char("end"))


def _field_char(kind: str) -> etree._Element:
    run = element("w:r")
    run.append(element("w:fldChar", fldCharType=kind))
    return run


def _instruction(instruction: str) -> etree._Element:
    run = element("w:r")
    code = element("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    run.append(code)
    return run


def line_numbers(section: Section, *, restart: str = "newPage") -> None:
    """Number the lines of a section in the margin (`w:lnNumType`), restarting each page."""
    properties = section._sectPr
    for old in properties.findall(qn("w:lnNumType")):
        properties.remove(old)
    numbering = element("w:lnNumType", countBy="1", restart=restart, distance="283")
    insert_before(properties, numbering, _AFTER_LINE_NUMBERS)


def no_line_numbers(paragraph: Paragraph) -> None:
    """Leave one paragraph (a heading, a cover line) out of the line count."""
    properties = paragraph._p.get_or_add_pPr()
    insert_before(properties, element("w:suppressLineNumbers"), _AFTER_SUPPRESS)


def update_fields_on_open(document: Document) -> None:
    """Ask Word to refresh the table of contents and page numbers when it opens the file."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is None:
        settings.append(element("w:updateFields", val="true"))


def plain_font(style: etree._Element, name: str) -> None:
    """Give a style one font for every script, dropping the theme fonts that would win."""
    properties = style.get_or_add_rPr()
    for old in properties.findall(qn("w:rFonts")):
        properties.remove(old)
    fonts = element("w:rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name)
    properties.insert(0, fonts)


def set_language(document: Document, language: str) -> None:
    """The proofing language of the Normal style, for spelling and hyphenation."""
    tag = LANGUAGE_TAGS.get(language, language)
    properties = document.styles["Normal"].element.get_or_add_rPr()
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    properties.append(element("w:lang", val=tag, eastAsia=tag, bidi=tag))


class Tracker:
    """Tracked-change marks by one author at one time, numbered in document order."""

    def __init__(self, author: str, when: datetime) -> None:
        self.author = author
        self.date = when.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
        self.next_id = 1

    def mark(self, tag: str) -> etree._Element:
        made = element(tag, id=str(self.next_id), author=self.author, date=self.date)
        self.next_id += 1
        return made

    def inserted(self, text: str, properties: etree._Element | None = None) -> etree._Element:
        return self.wrapped("w:ins", text, properties)

    def deleted(self, text: str, properties: etree._Element | None = None) -> etree._Element:
        wrapper = self.mark("w:del")
        wrapper.append(text_run(text, deleted=True, properties=properties))
        return wrapper

    def wrapped(
        self, tag: str, text: str, properties: etree._Element | None = None
    ) -> etree._Element:
        """A run of `text` inside a tracked-change element (`w:ins`, `w:moveFrom`, `w:moveTo`)."""
        wrapper = self.mark(tag)
        wrapper.append(text_run(text, properties=properties))
        return wrapper

    def mark_paragraph(self, paragraph: Paragraph, tag: str) -> None:
        """Track the paragraph mark itself, so accepting or rejecting removes the paragraph."""
        properties = paragraph._p.get_or_add_pPr()
        run_properties = properties.find(qn("w:rPr"))
        if run_properties is None:
            run_properties = element("w:rPr")
            insert_before(properties, run_properties, ("w:sectPr", "w:pPrChange"))
        run_properties.append(self.mark(tag))


def move_range(first: Paragraph, last: Paragraph, kind: str, name: str, tracker: Tracker) -> None:
    """Mark the paragraphs from `first` to `last` as one named move's origin ("moveFrom") or
    destination ("moveTo"): a range start before the first one's text, its end after the
    last one's."""
    start = tracker.mark(f"w:{kind}RangeStart")
    start.set(qn("w:name"), name)
    end = element(f"w:{kind}RangeEnd", id=start.get(qn("w:id")))
    properties = first._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        first._p.insert(0, start)
    last._p.append(end)
