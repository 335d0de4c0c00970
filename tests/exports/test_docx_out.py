"""Word, HTML and text exports: round trips, fields, tracked changes, the comparative table."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import datetime

import docx
import pypdf
import pytest
from lxml import etree

from drafts import amend
from drafts.diff import compare
from drafts.parse import parse_text
from drafts.tree import NOTE, Node
from exports.docx_compare import comparative_docx
from exports.docx_in import read_docx
from exports.docx_out import consolidated_docx
from exports.docx_redline import redline_docx
from exports.html_out import to_html, to_text
from exports.pdf import ConversionUnavailable, docx_to_pdf, soffice
from tests.corpus import CORPUS as REAL_LAWS
from tests.exports.samples import info, tree
from tests.exports.test_redline import identified, operations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = datetime(2024, 5, 1, 9, 30)
LAWS = [("social_services_v1.en.txt", "en"), ("social_services_v1.ru.txt", "ru"), ("tk", "tk")]
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")


def part(data: bytes, name: str = "word/document.xml") -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


@pytest.mark.parametrize(("name", "language"), LAWS)
def test_consolidated_docx_reads_back_into_the_same_tree(name, language):
    nodes = tree(name, language)
    data = consolidated_docx(nodes, info(language))
    assert read_docx(data, language).nodes == nodes


def notes_last(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """The tree with each provision's notes after its other parts, where Word's footnotes
    put them (a footnote does not say whether it stood before or after them)."""
    return tuple(
        replace(
            node,
            children=notes_last(tuple(sorted(node.children, key=lambda child: child.kind == NOTE))),
        )
        for node in nodes
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # An inserted "2-1." stays beside "2."; a point's later lines stay its own, not a
        # list's closing words ("разрабатывает и утверждает:" then its unnumbered items).
        ("Статья 1. Виды\n\n1. Первый.\n\n2. Второй.\n\n2-1. Вставленный.\n\n3. Третий.", "ru"),
        (
            "Статья 8. Компетенция\n\nОрган:\n\n1) разрабатывает и утверждает:\n"
            "стандарты оказания услуг;\nправила аттестации;\n\n2) обеспечивает:\nмониторинг.",
            "ru",
        ),
        ("Section 1\n\n(1) First.\n\n(1A) Inserted.\n\n(2) Second.", "en"),
        ("§ 1\n\n(1) Erster.\n\n1. Nummer.\n\n(2a) Eingefügt.\n\n(3) Dritter.", "de"),
        ("§ 1\n\n(1) Ein Satz bis zum\n10\\. Lebensjahr.\n\n(2) Zweiter.", "de"),
        # "(i)" after "(h)" opens the numerals of (h) when "(ii)" follows it.
        (
            "Section 5\n\n(2) The court has regard to—\n\n(g) any history;\n\n(h) any damage to—"
            "\n\n(i) property,\n\n(ii) a place;\n\n(i) any other action.",
            "en",
        ),
    ],
)
def test_inserted_numbers_and_later_lines_read_back_in_place(text, language):
    nodes = parse_text(text, language).nodes
    assert read_docx(consolidated_docx(nodes, info(language)), language).nodes == nodes


def test_a_german_law_s_containers_go_out_to_word_and_back_in_place():
    """Abschnitte inside a Hauptstück are chapters inside a chapter: their headings' levels
    place them, as in the text."""
    (path,) = (REAL_LAWS / "de-jgg-2012").glob("*_v0_*.md")
    nodes = parse_text(path.read_text("utf-8"), "de").nodes
    again = read_docx(consolidated_docx(nodes, info("de")), "de").nodes
    assert containers(again) == containers(nodes)


def containers(nodes: tuple[Node, ...], depth: int = 0) -> list[tuple[int, str, str]]:
    found = []
    for node in nodes:
        if node.kind in ("part", "chapter", "section"):
            found.append((depth, node.kind, node.num))
            found.extend(containers(node.children, depth + 1))
    return found


def test_the_kazakh_law_goes_out_to_word_and_back_unchanged():
    (path,) = (REAL_LAWS / "kz-special-social-services-2021").glob("*_v1_*.md")
    nodes = parse_text(path.read_text("utf-8"), "ru").nodes
    data = consolidated_docx(nodes, info("ru"))
    assert read_docx(data, "ru").nodes == notes_last(nodes)


def test_consolidated_docx_has_cover_contents_headings_fields_and_line_numbers():
    nodes = tree("social_services_v1.en.txt", "en")
    data = consolidated_docx(nodes, info("en"), line_numbers=True)
    document = docx.Document(io.BytesIO(data))
    texts = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert texts[0] == ("Title", "Law on Social Services")
    assert ("Subtitle", "Draft — for working group discussion") in texts
    assert ("Heading 1", "Chapter I. General provisions") in texts
    assert ("Heading 2", "Article 1. Purpose and scope of this Law") in texts
    body = part(data)
    instructions = "".join(t.text for t in body.iter(f"{W}instrText"))
    assert "TOC" in instructions
    footer = b"".join(
        zipfile.ZipFile(io.BytesIO(data)).read(n)
        for n in zipfile.ZipFile(io.BytesIO(data)).namelist()
        if n.startswith("word/footer")
    )
    assert b" PAGE " in footer and b" NUMPAGES " in footer
    assert body.find(f".//{W}sectPr/{W}lnNumType").get(f"{W}restart") == "newPage"
    assert part(data, "word/settings.xml").find(f"{W}updateFields") is not None


def test_an_adopted_version_has_no_draft_notice():
    data = consolidated_docx(tree("social_services_v1.en.txt", "en"), info("en", status="in_force"))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Draft — for working group discussion" not in texts
    assert "Status: In force" in texts


@pytest.mark.parametrize(
    ("language", "cover", "contents", "footer"),
    [
        (
            "ru",
            ["Версия 2 — Working draft", "Статус: Проект", "Дата: 2024-05-01"],
            "Содержание",
            ("Страница ", " из "),
        ),
        (
            "tk",
            ["Wersiýa 2 — Working draft", "Ýagdaýy: Taslama", "Senesi: 2024-05-01"],
            "Mazmuny",
            ("Sahypa ", " / "),
        ),
    ],
)
def test_documents_speak_the_language_of_the_text(language, cover, contents, footer):
    name = "tk" if language == "tk" else "social_services_v1.ru.txt"
    data = consolidated_docx(tree(name, language), info(language))
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]
    assert texts[1:4] == cover
    assert "Draft" not in " ".join(texts) and contents in texts
    document = zipfile.ZipFile(io.BytesIO(data))
    footers = [n for n in document.namelist() if n.startswith("word/footer")]
    words = ["".join(t.text for t in part(data, n).iter(f"{W}t")) for n in footers]
    assert any(text.startswith(footer[0]) and footer[1] in text for text in words)


def versions():
    old = tree("social_services_v1.en.txt", "en")
    new = tree("social_services_v2.en.txt", "en")
    return old, new, compare(old, new)


OLD_LAW = """Article 1. Fees

1. The fee is ten manat.

2. Fees are paid monthly.
"""
NEW_LAW = """Article 1. Fees

1. The fee is twelve manat.

3. Children pay no fee.
"""
"""Paragraph 2 goes and a paragraph 3 comes: a number re-used for new words would be a
restatement of paragraph 2, not a deletion and an insertion."""


def tracked(body: etree._Element, tag: str) -> tuple[list[str], int]:
    """The texts of the tracked runs of one kind, and how many paragraph marks it tracks."""
    found = body.findall(f".//{W}{tag}")
    runs = ["".join(e.itertext()) for e in found if e.getparent().tag == f"{W}p"]
    return runs, sum(1 for e in found if e.getparent().tag == f"{W}rPr")


def test_redline_tracks_every_change_by_the_author():
    result = compare(parse_text(OLD_LAW, "en").nodes, parse_text(NEW_LAW, "en").nodes)
    assert result.summary()["inserted"] == result.summary()["deleted"] == 1
    old, new = parse_text(OLD_LAW, "en").nodes, parse_text(NEW_LAW, "en").nodes
    data = redline_docx(
        result,
        info("en", number=1),
        info("en"),
        old_nodes=old,
        new_nodes=new,
        author="Aýna",
        when=WHEN,
    )
    body = part(data)
    inserted, inserted_paragraphs = tracked(body, "ins")
    deleted, deleted_paragraphs = tracked(body, "del")
    assert inserted == ["twelve", "3.", "", "Children pay no fee."]
    assert deleted == ["ten", "2.", "", "Fees are paid monthly."]
    assert (inserted_paragraphs, deleted_paragraphs) == (1, 1)
    marks = body.findall(f".//{W}ins") + body.findall(f".//{W}del")
    assert {e.get(f"{W}author") for e in marks} == {"Aýna"}
    assert {e.get(f"{W}date") for e in marks} == {"2024-05-01T09:30:00Z"}
    assert len({e.get(f"{W}id") for e in marks}) == len(marks)
    assert all(d.find(f".//{W}t") is None for d in body.findall(f".//{W}del"))


def test_comparative_table_has_three_columns_and_a_row_per_change():
    old, new, result = versions()
    changed = [e for e in result.entries if e.changed]
    target = next(e for e in changed if e.provision_id or e.new_eid)
    notes = {target.new_eid or target.old_eid: "CRC art. 3: the best interests of the child."}
    data = comparative_docx(
        result, info("en", number=1), info("en"), old_nodes=old, new_nodes=new, rationale=notes
    )
    (table,) = docx.Document(io.BytesIO(data)).tables
    assert [c.text for c in table.rows[0].cells] == [
        "Current wording",
        "Proposed wording",
        "Rationale and treaty references",
    ]
    assert len(table.rows) == len(changed) + 1
    assert "CRC art. 3" in "".join(row.cells[2].text for row in table.rows)
    struck = [r for r in part(data).iter(f"{W}r") if r.find(f"{W}rPr/{W}strike") is not None]
    assert struck


@pytest.mark.parametrize(("name", "language"), LAWS)
def test_text_and_html(name, language):
    nodes = tree(name, language)
    assert parse_text(to_text(nodes, info(language)), language).nodes == nodes
    page = to_html(nodes, info(language))
    assert page.startswith("<!DOCTYPE html>") and "Law on Social Services" in page


def test_pdf_without_libreoffice_is_a_clear_error(monkeypatch):
    monkeypatch.setattr("exports.pdf.shutil.which", lambda name: None)
    with pytest.raises(ConversionUnavailable, match="needs LibreOffice"):
        docx_to_pdf(b"PK")


@needs_soffice
def test_the_contents_page_of_a_pdf_shows_page_numbers():
    pdf = docx_to_pdf(consolidated_docx(tree("social_services_v1.en.txt", "en"), info("en")))
    contents = pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
    entries = [line for line in contents.splitlines() if line.startswith(("Chapter", "Article"))]
    assert len(entries) > 10
    assert all(re.search(r"\.{3,}\s*\d+$", line) for line in entries), entries
    assert int(entries[0].rsplit(".", 1)[-1]) >= 3


@needs_soffice
@pytest.mark.parametrize("language", ["ru", "tk"])
@pytest.mark.parametrize("kind", ["consolidated", "redline", "comparative"])
def test_libreoffice_converts_every_export_in_russian_and_turkmen(kind, language):
    old = tree("tk", "tk") if language == "tk" else tree("social_services_v1.ru.txt", "ru")
    new = amend.apply(identified(old), operations(identified(old)))
    old = identified(old)
    trees = {"old_nodes": old, "new_nodes": new}
    before, after = info(language, number=1), info(language)
    made = {
        "consolidated": lambda: consolidated_docx(new, after),
        "redline": lambda: redline_docx(
            compare(old, new), before, after, **trees, author="A", when=WHEN
        ),
        "comparative": lambda: comparative_docx(compare(old, new), before, after, **trees),
    }[kind]()
    pages = pypdf.PdfReader(io.BytesIO(docx_to_pdf(made))).pages
    words = " ".join(page.extract_text() for page in pages)
    page, version = {"ru": ("Страница", "Версия 2"), "tk": ("Sahypa", "Wersiýa 2")}[language]
    assert version in words and (page in words or len(pages) == 1)


@needs_soffice
@pytest.mark.parametrize("kind", ["consolidated", "redline", "comparative"])
def test_libreoffice_opens_every_word_export(kind):
    old, new, result = versions()
    trees = {"old_nodes": old, "new_nodes": new}
    made = {
        "consolidated": lambda: consolidated_docx(new, info("en"), line_numbers=True),
        "redline": lambda: redline_docx(
            result, info("en", number=1), info("en"), **trees, author="A", when=WHEN
        ),
        "comparative": lambda: comparative_docx(result, info("en", number=1), info("en"), **trees),
    }[kind]()
    produced = docx_to_pdf(made)
    assert produced.startswith(b"%PDF-") and len(produced) > 2_000


def test_the_minutes_speak_the_language_of_the_law():
    from datetime import date

    from exports.minutes import Decided, Minutes, Moved, minutes_docx

    minutes = Minutes(
        draft_id=4,
        draft_title="О социальных услугах",
        title="Рабочая группа",
        held_on=date(2024, 5, 2),
        location="",
        attendees=(),
        notes="",
        decided=(Decided(7, "Изменяет текст", "accepted", "Айна", ""),),
        moved=(Moved("drafting", "working_group", "Айна", WHEN, ""),),
        language="ru",
    )
    document = docx.Document(io.BytesIO(minutes_docx(minutes)))
    texts = [p.text for p in document.paragraphs]
    assert texts[:4] == [
        "Протокол: Рабочая группа",
        "Пакет проекта 4: О социальных услугах",
        "Дата: 2024-05-02",
        "Место: не указано",
    ]
    assert "Со стадии «подготовка» на стадию «рабочая группа», Айна." in texts
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == [
        "Поправка",
        "Содержание",
        "Решение",
        "Примечание",
    ]
    assert table.rows[1].cells[2].text == "Принята (Айна)"
