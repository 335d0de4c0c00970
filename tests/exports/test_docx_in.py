"""Reading .docx files: numbering, headings, tables, tracked changes, the corpus, bad files."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

from drafts.errors import InvalidInput
from drafts.tree import walk
from exports.docx_in import read_docx
from exports.docx_numbering import format_number
from exports.docx_read import open_package, paragraphs
from exports.safety import FileTooLarge, UnsupportedFile, check_docx, decode_text
from tests.exports.samples import CORPUS, bad_files, valid_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LEVELS = (("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "%3)"))


def docx_lines(data: bytes) -> list[str]:
    return [para.line for para in paragraphs(open_package(data))]


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
    lines = docx_lines(saved(document))
    assert lines == [
        "Article 1. Scope",
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


def test_the_scottish_regulations_numbering_comes_from_styles():
    lines = docx_lines(corpus_file("SCOT_draft"))
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


def shape(nodes) -> list[tuple]:
    return [(n.kind, n.num, n.heading) for n in walk(nodes)]


def test_russian_amending_law_keeps_the_quoted_article_inside_the_amendment():
    document, item = numbered_document(
        (("decimal", "%1."), ("decimal", "%2)"), ("russianLower", "%3)")), "94", "95"
    )
    document.add_paragraph("О социальных услугах", style="Title")
    document.add_paragraph("Настоящий Закон регулирует отношения в сфере социальных услуг.")
    document.add_paragraph("Глава 1", style="Heading 1")
    document.add_paragraph("Общие положения", style="Heading 1")
    document.add_paragraph("Статья 1. Основные понятия", style="Heading 2")
    item("В настоящем Законе используются следующие понятия:", 0)
    item("социальные услуги — помощь лицам, нуждающимся в ней;", 1)
    item("получатель социальных услуг — лицо, которому оказываются:", 1)
    item("уход на дому;", 2)
    item("консультации.", 2)
    item("Понятия применяются во всех нормативных правовых актах.", 0)
    document.add_paragraph("Статья 2")
    document.add_paragraph("Изменения в Закон о здравоохранении")
    document.add_paragraph("Статью 5 Закона изложить в следующей редакции:")
    document.add_paragraph("«Статья 5. Право на помощь")
    document.add_paragraph("1. Каждый имеет право на медицинскую помощь.")
    document.add_paragraph("2. Помощь оказывается бесплатно.».")
    document.add_paragraph("Глава 2. Заключительные положения", style="Heading 1")
    document.add_paragraph("Статья 3. Вступление в силу", style="Heading 2")
    document.add_paragraph("Настоящий Закон вступает в силу со дня опубликования.")
    result = read_docx(saved(document), "ru")
    assert shape(result.nodes) == [
        ("preamble", "", ""),
        ("chapter", "1", "Общие положения"),
        ("article", "1", "Основные понятия"),
        ("paragraph", "1.", ""),
        ("point", "1)", ""),
        ("point", "2)", ""),
        ("subpoint", "а)", ""),
        ("subpoint", "б)", ""),
        ("paragraph", "2.", ""),
        ("article", "2", "Изменения в Закон о здравоохранении"),
        ("quoted", "", ""),
        ("chapter", "2", "Заключительные положения"),
        ("article", "3", "Вступление в силу"),
    ]
    amending = result.nodes[1].children[1]
    assert amending.text == "Статью 5 Закона изложить в следующей редакции:"
    assert amending.children[0].text.split("\n") == [
        "«Статья 5. Право на помощь",
        "1. Каждый имеет право на медицинскую помощь.",
        "2. Помощь оказывается бесплатно.».",
    ]
    assert result.warnings == ()


def test_turkmen_layout_with_ordinal_articles_points_and_closing_words():
    document = docx.Document()
    document.add_paragraph("I bap. Umumy düzgünler", style="Heading 1")
    document.add_paragraph("1-nji madda. Esasy düşünjeler", style="Heading 2")
    document.add_paragraph("1. Şu Kanunda ulanylýan esasy düşünjeler:")
    document.add_paragraph("1) sosial hyzmatlar — kömek we maslahat;")
    document.add_paragraph("2) maşgala — bile ýaşaýan adamlar:")
    document.add_paragraph("a) ene-atalar;")
    document.add_paragraph("b) çagalar,")
    document.add_paragraph("we olaryň hossarlary.")
    document.add_paragraph("2. Kanun ähli raýatlara degişlidir.")
    document.add_paragraph("2-nji madda")
    document.add_paragraph("Kanunçylyk")
    document.add_paragraph("Türkmenistanyň kanunçylygy Konstitusiýa esaslanýar.")
    document.add_paragraph("II bap. Üýtgetmeler", style="Heading 1")
    document.add_paragraph("3-nji madda. Kodekse üýtgetme", style="Heading 2")
    document.add_paragraph("Kodeksiň 6-njy maddasyny şu redaksiýada beýan etmeli:")
    document.add_paragraph("«6-njy madda. Maliýeleşdirme")
    document.add_paragraph("Hyzmatlar döwlet býujetinden maliýeleşdirilýär.».")
    result = read_docx(saved(document), "tk")
    assert shape(result.nodes) == [
        ("chapter", "I", "Umumy düzgünler"),
        ("article", "1", "Esasy düşünjeler"),
        ("paragraph", "1.", ""),
        ("point", "1)", ""),
        ("point", "2)", ""),
        ("subpoint", "a)", ""),
        ("subpoint", "b)", ""),
        ("wrapup", "", ""),
        ("paragraph", "2.", ""),
        ("article", "2", "Kanunçylyk"),
        ("chapter", "II", "Üýtgetmeler"),
        ("article", "3", "Kodekse üýtgetme"),
        ("quoted", "", ""),
    ]
    article = result.nodes[0].children[1]
    assert article.text == "Türkmenistanyň kanunçylygy Konstitusiýa esaslanýar."
    closing = result.nodes[0].children[0].children[0].children[1].children[2]
    assert closing.text == "we olaryň hossarlary."
    assert result.warnings == ()


def test_english_amendment_without_quotation_styles():
    document = docx.Document()
    document.add_paragraph("Amendment of the Children Order", style="Heading 3")
    document.add_paragraph("4.—(1) Article 3 of the Children Order is amended as follows.")
    document.add_paragraph("(2) After paragraph (6) insert—")
    document.add_paragraph("“(6A) In this Article—")
    document.add_paragraph("“carer” means a person who looks after a child;")
    document.add_paragraph("(a) for payment, or")
    document.add_paragraph("(b) as a volunteer.”.")
    document.add_paragraph("(3) In paragraph (7), omit “or”.")
    (section,) = read_docx(saved(document), "en").nodes
    assert (section.kind, section.num, section.heading) == (
        "section",
        "4",
        "Amendment of the Children Order",
    )
    assert [(c.kind, c.num) for c in section.children] == [
        ("paragraph", "(1)"),
        ("paragraph", "(2)"),
        ("paragraph", "(3)"),
    ]
    (quoted,) = section.children[1].children
    assert quoted.kind == "quoted" and quoted.text.endswith("(b) as a volunteer.”.")
