"""Editorial notes in Word: written as real footnotes, read back as notes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import docx
import pypdf
import pytest
from lxml import etree

from drafts import eids
from drafts.parse import parse_text
from drafts.tree import NOTE, Node, walk
from exports.docx_footnotes import Footnotes
from exports.docx_in import read_docx
from exports.docx_out import consolidated_docx
from exports.docx_redline import redline_docx
from exports.pdf import docx_to_pdf, soffice
from tests.corpus import CORPUS
from tests.exports.samples import info, tree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KAZAKH = (
    CORPUS / "kz-special-social-services-2021" / "KZ_Special_Social_Services_Law_v1_2021-01-01.md"
)
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def annotated() -> tuple[Node, ...]:
    """The Russian sample law with a note after the parts of two articles and a note of the
    law itself after its title."""
    nodes = list(tree("social_services_v1.ru.txt", "ru"))
    noted = 0
    for index, node in enumerate(nodes):
        for inner, child in enumerate(node.children):
            if child.kind == "article" and noted < 2:
                noted += 1
                note = Node(NOTE, text=f"Сноска. Статья {child.num} изменена Законом РК № {noted}.")
                children = list(node.children)
                children[inner] = replace(child, children=(*child.children, note))
                node = replace(node, children=tuple(children))
        nodes[index] = node
    law_note = Node(NOTE, text="Ведомости Парламента РК, 2008 г.\nСтатья 1 изменена.")
    return (nodes[0], law_note, *nodes[1:])


def test_notes_are_footnotes_of_the_provision_they_annotate_and_read_back_as_notes():
    nodes = annotated()
    data = consolidated_docx(nodes, info("ru"))
    body, notes = part(data, "word/document.xml"), part(data, "word/footnotes.xml")
    written = {
        n.get(f"{W}id"): "".join(n.itertext()).strip()
        for n in notes.iter(f"{W}footnote")
        if n.get(f"{W}type") is None
    }
    assert sorted(written.values()) == [
        "Сноска. Статья 1 изменена Законом РК № 1.",
        "Сноска. Статья 2 изменена Законом РК № 2.",
    ]
    for reference in body.iter(f"{W}footnoteReference"):
        paragraph = next(a for a in reference.iterancestors(f"{W}p"))
        assert "".join(paragraph.itertext()).startswith("Статья ")
    assert "Сноска" not in "".join(body.itertext())
    assert read_docx(data, "ru").nodes == nodes


def test_the_notes_of_a_real_law_come_back_under_the_provisions_they_annotate():
    nodes = eids.assign(parse_text(KAZAKH.read_text("utf-8"), "ru").nodes)
    back = eids.assign(read_docx(consolidated_docx(nodes, info("ru")), "ru").nodes)

    def notes(forest):
        return sorted((n.eid.rpartition("__")[0], n.text) for n in walk(forest) if n.kind == NOTE)

    assert len(notes(nodes)) == 21
    assert notes(back) == notes(nodes)


def test_footnotes_of_a_document_written_elsewhere_are_notes():
    document = docx.Document()
    document.add_paragraph("Статья 1. Цель")
    text = document.add_paragraph("Настоящий Закон регулирует отношения.")
    Footnotes(document).add(text, ["Сноска. Статья 1 изменена.", "Второй абзац сноски."])
    stream = io.BytesIO()
    document.save(stream)
    (article,) = read_docx(stream.getvalue(), "ru").nodes
    assert article.text == "Настоящий Закон регулирует отношения."
    assert article.children == (
        Node(NOTE, text="Сноска. Статья 1 изменена.\nВторой абзац сноски."),
    )


def test_a_redline_writes_notes_as_editorial_paragraphs_that_read_back_as_notes():
    from datetime import datetime

    from drafts.diff import compare

    nodes = annotated()
    data = redline_docx(
        compare(nodes, nodes),
        info("ru", number=1),
        info("ru"),
        old_nodes=nodes,
        new_nodes=nodes,
        author="A",
        when=datetime(2024, 5, 1),
    )
    notes = [n for n in walk(read_docx(data, "ru").nodes) if n.kind == NOTE]
    assert [n.text for n in notes] == [n.text for n in walk(nodes) if n.kind == NOTE]


@needs_soffice
def test_libreoffice_prints_the_footnotes_at_the_foot_of_the_page():
    pdf = docx_to_pdf(consolidated_docx(annotated(), info("ru")))
    words = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Сноска. Статья 1 изменена Законом РК № 1." in words
