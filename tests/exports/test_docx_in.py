"""Reading .docx files: numbering, headings, tables, tracked changes, the corpus, bad files."""

from __future__ import annotations

import io
from collections import Counter

import docx
import pytest
from docx.oxml import parse_xml

from drafts.errors import InvalidInput
from drafts.tree import walk
from exports.docx_in import docx_lines, read_docx
from exports.docx_numbering import format_number
from exports.safety import FileTooLarge, UnsupportedFile, check_docx, decode_text
from tests.exports.samples import CORPUS, bad_files, valid_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LEVELS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3)"))


def saved(document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def numbered_document(levels=LEVELS, abstract="90", num="91"):
    """A document with one list definition (`levels`) and a helper to add list paragraphs."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract}">{lvls}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {W} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/></w:num>')
    )

    def item(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')
        )

    return document, item


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (3, "decimal", "3"),
        (3, "lowerLetter", "c"),
        (27, "lowerLetter", "aa"),
        (4, "upperLetter", "D"),
        (9, "lowerRoman", "ix"),
        (14, "upperRoman", "XIV"),
        (2, "russianLower", "б"),
        (1, "bullet", ""),
    ],
)
def test_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_automatic_numbering_is_written_out():
    document, item = numbered_document()
    document.add_paragraph("Article 1. Scope", style="Heading 2")
    item("This Law governs services.", 0)
    item("to children;", 1)
    item("to families:", 1)
    item("in towns;", 2)
    item("in villages.", 2)
    item("It applies everywhere.", 0)
    item("to everyone.", 1)
    lines, _ = docx_lines(saved(document))
    assert lines == [
        "## Article 1. Scope",
        "1. This Law governs services.",
        "(a) to children;",
        "(b) to families:",
        "i) in towns;",
        "ii) in villages.",
        "2. It applies everywhere.",
        "(a) to everyone.",
    ]
    (article,) = read_docx(saved(document), "en").nodes
    assert [(n.kind, n.num) for n in walk((article,))][:4] == [
        ("article", "1"),
        ("paragraph", "1."),
        ("point", "(a)"),
        ("point", "(b)"),
    ]


def test_russian_numbering_and_headings():
    document, item = numbered_document(
        (("decimal", "%1."), ("decimal", "%2)"), ("russianLower", "%3)")), "92", "93"
    )
    document.add_paragraph("Глава 1. Общие положения", style="Heading 1")
    document.add_paragraph("Статья 1. Понятия", style="Heading 2")
    item("В Законе используются понятия:", 0)
    item("услуги;", 1)
    item("помощь:", 1)
    item("уход;", 2)
    item("совет.", 2)
    nodes = read_docx(saved(document), "ru").nodes
    shape = [(n.kind, n.num) for n in walk(nodes)]
    assert shape == [
        ("chapter", "1"),
        ("article", "1"),
        ("paragraph", "1."),
        ("point", "1)"),
        ("point", "2)"),
        ("subpoint", "а)"),
        ("subpoint", "б)"),
    ]


def test_tables_become_blocks_and_tracked_deletions_and_the_title_are_left_out():
    document = docx.Document()
    document.add_paragraph("Law on Fees", style="Title")
    document.add_paragraph("Article 1. Fees")
    paragraph = document.add_paragraph("1. The fee is ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {W} w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
            "<w:delText>ten</w:delText></w:r></w:del>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:ins {W} w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
            "<w:t>twelve</w:t></w:r></w:ins>"
        )
    )
    paragraph.add_run(" manat.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Service", "Fee"), ("Day care", "12")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    (article,) = read_docx(saved(document), "en").nodes
    paragraph_node, table_node = article.children
    assert paragraph_node.text == "The fee is twelve manat."
    assert (table_node.kind, table_node.text) == ("block", "Service | Fee\nDay care | 12")


def test_warnings_name_paragraphs():
    document = docx.Document()
    document.add_paragraph("Article 1. Scope")
    document.add_paragraph("Article 3. Gap")
    warnings = read_docx(saved(document), "en").warnings
    assert [w.line for w in warnings] == [2]
    assert "Article 2 is missing" in warnings[0].message


def corpus_file(stem: str) -> bytes:
    (path,) = CORPUS.glob(f"{stem}*.docx")
    return path.read_bytes()


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("NI_Organ", {"section": 2, "paragraph": 12, "point": 12, "subpoint": 2}),
        ("SCOT_draft", {"part": 2, "section": 6, "paragraph": 22, "point": 14, "subpoint": 3}),
        (
            "NI_Adoption",
            {"part": 5, "chapter": 7, "section": 195, "paragraph": 1145, "point": 1098},
        ),
    ],
)
def test_corpus_word_files_import(stem, expected):
    result = read_docx(corpus_file(stem), "en")
    counts = Counter(node.kind for node in walk(result.nodes))
    assert {kind: counts[kind] for kind in expected} == expected
    assert result.nodes[0].kind == "preamble"


def test_the_scottish_regulations_numbering_comes_from_styles():
    lines, _ = docx_lines(corpus_file("SCOT_draft"))
    start = lines.index("Citation and commencement")
    assert lines[start + 1].startswith("1.—(1) These Regulations")
    assert lines[start + 2].startswith("(2) Subject to paragraph (3)")
    assert lines[start + 3].startswith("(3) Regulations 11(5)")


@pytest.mark.parametrize(("name", "case"), bad_files().items())
def test_bad_files_are_refused_with_a_sentence(name, case):
    filename, data, status = case
    with pytest.raises(InvalidInput) as caught:
        if filename.endswith(".docx"):
            check_docx(data)
        elif filename.endswith(".txt"):
            decode_text(data)
        else:
            from exports.service import read_document

            read_document(data, filename=filename)
    assert caught.value.status == status, name
    assert caught.value.detail[0].isupper() and caught.value.detail.endswith(".")


def test_limits_raise_the_right_classes():
    assert issubclass(FileTooLarge, InvalidInput) and FileTooLarge.status == 413
    assert issubclass(UnsupportedFile, InvalidInput) and UnsupportedFile.status == 415
    check_docx(valid_docx())
