from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.parse import detect_language, parse_text, render_text
from drafts.tree import Node, walk
from tests.corpus import CORPUS

DEMO = Path(__file__).resolve().parents[2] / "api" / "demo"


def kinds(nodes: tuple[Node, ...]) -> Counter:
    return Counter(node.kind for node in walk(nodes))


def only(text: str, language: str | None = None) -> Node:
    (node,) = parse_text(text, language).nodes
    return node


UNRECOGNISED_LINE_3 = (
    "Line 3 was not recognised as a provision and was added to the text of Article 1."
)


def messages(text: str, language: str | None = None) -> list[tuple[int, str]]:
    return [(warning.line, warning.message) for warning in parse_text(text, language).warnings]


def corpus(folder: str) -> list[Path]:
    paths = sorted((CORPUS / folder).glob("*.md"))
    assert paths, f"no laws in {CORPUS / folder}"
    return paths


# Headings


@pytest.mark.parametrize(
    ("language", "line", "kind", "num", "heading"),
    [
        ("en", "Part 1", "part", "1", ""),
        ("en", "PART I", "part", "I", ""),
        ("en", "PART 2 Assessment of Need", "part", "2", "Assessment of Need"),
        ("en", "Chapter II. General provisions", "chapter", "II", "General provisions"),
        ("en", "CHAPTER 2", "chapter", "2", ""),
        ("en", "Section 3: Scope", "section", "3", "Scope"),
        ("en", "Article 5. Definitions", "article", "5", "Definitions"),
        ("en", "Article 5 — Definitions", "article", "5", "Definitions"),
        ("en", "Article 5 - Definitions", "article", "5", "Definitions"),
        ("en", "Article 12A. Inserted", "article", "12A", "Inserted"),
        ("en", "SCHEDULE Appeals Officer", "block", "", "Appeals Officer"),
        ("ru", "Раздел 1", "part", "1", ""),
        ("ru", "Глава 2. Права детей", "chapter", "2", "Права детей"),
        ("ru", "Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ", "chapter", "1", "ОБЩИЕ ПОЛОЖЕНИЯ"),
        ("ru", "Глава 3-1. Национальный механизм", "chapter", "3-1", "Национальный механизм"),
        ("ru", "Статья 5.", "article", "5", ""),
        ("ru", "Статья 8-1. Компетенция", "article", "8-1", "Компетенция"),
        ("tk", "I bölüm", "part", "I", ""),
        ("tk", "II bap. Umumy düzgünler", "chapter", "II", "Umumy düzgünler"),
        ("tk", "5-nji madda", "article", "5", ""),
        ("tk", "1-nji madda. Esasy düşünjeler", "article", "1", "Esasy düşünjeler"),
        ("tk", "6-njy madda. Maliýeleşdirmek", "article", "6", "Maliýeleşdirmek"),
        ("tk", "3-nju madda. Ulanylyş çägi", "article", "3", "Ulanylyş çägi"),
        ("tk", "4-njü madda. Kanunçylyk", "article", "4", "Kanunçylyk"),
        ("tk", "10-unjy madda. Jogapkärçilik", "article", "10", "Jogapkärçilik"),
        ("tk", "2-NJI MADDA", "article", "2", ""),
    ],
)
def test_headings(language, line, kind, num, heading):
    node = only(line, language)
    assert (node.kind, node.num, node.heading) == (kind, num, heading)


@pytest.mark.parametrize(
    ("language", "text", "heading"),
    [
        ("en", "Article 1\nDefinitions", "Definitions"),
        ("ru", "Глава 1\nОБЩИЕ ПОЛОЖЕНИЯ", "ОБЩИЕ ПОЛОЖЕНИЯ"),
        ("tk", "1-nji madda\nEsasy düşünjeler", "Esasy düşünjeler"),
    ],
)
def test_heading_on_the_next_line(language, text, heading):
    assert only(text, language).heading == heading


@pytest.mark.parametrize(
    "text",
    [
        "Article 1\n\nThe State guarantees social services.",
        "Article 1\nThe State guarantees social services.",
    ],
)
def test_a_sentence_after_a_bare_heading_is_its_text(text):
    node = only(text, "en")
    assert (node.heading, node.text) == ("", "The State guarantees social services.")


@pytest.mark.parametrize(
    "text",
    [
        "## Article 5. Definitions",
        "### **Article 5. Definitions**",
        "**Article 5.** Definitions",
        "### Article 5. Definitions ###",
    ],
)
def test_markdown_marks_around_headings_are_ignored(text):
    node = only(text, "en")
    assert (node.kind, node.num, node.heading) == ("article", "5", "Definitions")


@pytest.mark.parametrize(
    "line",
    ["Section 19 of the Broadcasting Act 2001 is amended.", "Part 2 shall come into operation."],
)
def test_a_sentence_that_begins_like_a_heading_is_text(line):
    (article,) = parse_text(f"Article 1\n\n{line}", "en").nodes
    assert (article.text, article.children) == (line, ())


# Numbered provisions


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "1. One.\n\n2. Two.", [("paragraph", "1."), ("paragraph", "2.")]),
        ("en", "(1) One.\n\n(2) Two.", [("paragraph", "(1)"), ("paragraph", "(2)")]),
        (
            "en",
            "(1) One:\n(a) a;\n(b) b.",
            [("paragraph", "(1)"), ("point", "(a)"), ("point", "(b)")],
        ),
        (
            "en",
            "(a) a:\n(i) i;\n(ii) ii.",
            [("point", "(a)"), ("subpoint", "(i)"), ("subpoint", "(ii)")],
        ),
        (
            "ru",
            "1. Одна.\n2. Две:\n1) первый;\nа) подпункт.",
            [("paragraph", "1."), ("paragraph", "2."), ("point", "1)"), ("subpoint", "а)")],
        ),
        ("ru", "2-1. Вставленная часть.", [("paragraph", "2-1.")]),
        (
            "tk",
            "1. Bir.\n1) birinji;\na) a;\nb) b.",
            [("paragraph", "1."), ("point", "1)"), ("subpoint", "a)"), ("subpoint", "b)")],
        ),
        ("tk", "ç) üç.", [("subpoint", "ç)")]),
    ],
)
def test_numbered_provisions(language, text, expected):
    nodes = parse_text(f"Article 1\n\n{text}" if language == "en" else text, language).nodes
    found = [(node.kind, node.num) for node in walk(nodes) if node.kind != "article"]
    assert found == expected


def test_points_nest_under_paragraphs_and_subpoints_under_points():
    (article,) = parse_text(
        "Article 1\n\n1. Intro:\n(a) first:\n(i) one;\n(ii) two;\n(b) second."
    ).nodes
    (paragraph,) = article.children
    first, second = paragraph.children
    assert [child.num for child in first.children] == ["(i)", "(ii)"]
    assert (paragraph.text, second.text) == ("Intro:", "second.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(h) h;\n(i) i;\n(j) j.", ["point", "point", "point"]),
        ("(h) h:\n(i) one;\n(ii) two.", ["point", "subpoint", "subpoint"]),
        ("(a) a:\n(i) one.", ["point", "subpoint"]),
        ("(u) u;\n(v) v.", ["point", "point"]),
        ("(u) u:\n(v) five;\n(vi) six.", ["point", "subpoint", "subpoint"]),
    ],
)
def test_letter_i_after_h_is_a_point_unless_roman_numbering_follows(text, expected):
    nodes = parse_text(f"Article 1\n\n{text}", "en").nodes
    assert [node.kind for node in walk(nodes)][1:] == expected


def test_a_line_holding_two_markers_gives_two_provisions():
    (section,) = parse_text("##### 1 Short title.\n\n**1.**—(1) (*a*) This Act.", "en").nodes
    (paragraph,) = section.children
    (point,) = paragraph.children
    assert (section.heading, paragraph.num, paragraph.text) == ("Short title.", "(1)", "")
    assert (point.num, point.text) == ("(a)", "This Act.")


def test_a_section_may_open_with_its_number_alone():
    nodes = parse_text("1.—(1) First.\n\n(2) Second.\n\n2.—Only text.", "en").nodes
    assert [(node.kind, node.num, node.text) for node in nodes] == [
        ("section", "1", ""),
        ("section", "2", "Only text."),
    ]
    assert [child.num for child in nodes[0].children] == ["(1)", "(2)"]


# Text, preamble, notes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "##### 1. **Short title**\n\n**1.**(1) This Act.\n\n(2) It applies.",
            [("section", "1", "Short title", ""), ("paragraph", "(1)", "", "This Act.")],
        ),
        (
            "##### 2. **Interpretation**\n\n**2.** (1) In this Act—",
            [("section", "2", "Interpretation", ""), ("paragraph", "(1)", "", "In this Act—")],
        ),
        (
            "##### 3. **Repeals**\n\n**3.** The following are repealed:\n\n(a) the Act;",
            [
                ("section", "3", "Repeals", "The following are repealed:"),
                ("point", "(a)", "", "the Act;"),
            ],
        ),
        (
            "##### 4 Expenses.\n\n**4.**—(1) The expenses.",
            [("section", "4", "Expenses.", ""), ("paragraph", "(1)", "", "The expenses.")],
        ),
        (
            "##### 14. **Application**\n\n14. (1) Where an application is made.",
            [
                ("section", "14", "Application", ""),
                ("paragraph", "(1)", "", "Where an application is made."),
            ],
        ),
        (
            "Section 1\n\n1. First.\n\n2. Second.",
            [("section", "1", "", ""), ("paragraph", "1.", "", "First.")],
        ),
        (
            "##### 5 Fees.\n\n5.5 per cent is charged.",
            [("section", "5", "Fees.", "5.5 per cent is charged.")],
        ),
    ],
)
def test_a_section_s_number_restated_at_the_start_of_its_text(text, expected):
    """The Irish Statute Book prints a section's number again before its first words."""
    section = only(text, "en")
    found = [section, *section.children[:1]]
    assert [(n.kind, n.num, n.heading, n.text) for n in found] == expected


def test_a_definition_after_a_list_item_closes_the_list():
    """Irish and UK interpretation sections: a definition with its own list, then more
    definitions, which belong to the subsection, not to the list's last item."""
    text = (
        "Section 2\n\n(1) In this Act—\n\n“applicant” means a person, where—\n\n"
        "(a) one;\n\n(b) two;\n\n“barring order” has the meaning assigned to it by section 7;"
        "\n\n“disability”, in relation to a person, means a restriction;\n\n(2) Next.\n\n"
        "(3) It is amended—\n\n(a) by substituting the following:\n\n“(h) proceedings;”"
    )
    first, second, third = only(text, "en").children
    assert [(c.kind, c.num) for c in first.children] == [
        ("point", "(a)"),
        ("point", "(b)"),
        ("wrapup", ""),
    ]
    assert first.children[1].text == "two;"
    assert first.children[2].text.startswith("“barring order”")
    assert first.children[2].text.endswith("means a restriction;")
    assert second.text == "Next."
    (point,) = third.children
    assert point.text == "by substituting the following:\n“(h) proceedings;”"


def test_text_before_the_first_heading_is_the_preamble():
    preamble, chapter = parse_text("# The Law\n\nThe Mejlis adopts this Law.\n\nChapter 1").nodes
    assert (preamble.kind, preamble.text) == ("preamble", "The Law\nThe Mejlis adopts this Law.")
    assert chapter.kind == "chapter"


def test_unnumbered_text_continues_the_provision_above_it():
    (article,) = parse_text(
        "Article 2. Terms\n\nIn this Law:\n\n(a) child means a person under 18;\nand\n\n"
        "(b) family means parents and children."
    ).nodes
    assert article.text == "In this Law:"
    assert [point.text for point in article.children] == [
        "child means a person under 18;\nand",
        "family means parents and children.",
    ]


def test_quotations_are_notes_of_the_enclosing_article():
    (chapter,) = parse_text(
        "Глава 1\n\n### Статья 1. Цель\n\n1. Текст.\n\n> *Сноска. Статья 1 изменена.*\n\n"
        "Статья 2. Сфера\n\n> *Сноска. Заголовок изменён.*\n\nТекст статьи 2.",
    ).nodes
    first, second = chapter.children
    assert [(child.kind, child.text) for child in first.children] == [
        ("paragraph", "Текст."),
        ("note", "Сноска. Статья 1 изменена."),
    ]
    assert second.text == "Текст статьи 2."
    assert [child.kind for child in second.children] == ["note"]


def test_front_matter_anchors_and_rules_are_skipped():
    text = '---\ntitle: "An Act"\n---\n<a id="st1"></a>\n\n---\n\nArticle 1. Scope\n\nText.'
    (article,) = parse_text(text).nodes
    assert (article.heading, article.text) == ("Scope", "Text.")


@pytest.mark.parametrize(
    ("line", "language", "num", "text"),
    [
        ("(2) Subject to *subsection (3)*, this Act applies.", "en", "(2)", None),
        ("(2) Subject to _subsection (3)_, this Act applies.", "en", "(2)", None),
        ("(2) Subject to **subsection (3)**, this Act applies.", "en", "(2)", None),
        (
            "(1) Der Mensch ist *in loco parentis* tätig.",
            "de",
            "(1)",
            "Der Mensch ist in loco parentis tätig.",
        ),
        (
            "(1) Richtlinie vom 13\\. Juni 1990 \\(ABl.\\)",
            "de",
            "(1)",
            "Richtlinie vom 13. Juni 1990 (ABl.)",
        ),
        ("1\\. Kl.", "de", "1.", "Kl."),
        ("(1) Es gilt 2 * 3 * 4 und a*b.", "de", "(1)", "Es gilt 2 * 3 * 4 und a*b."),
        ("(1) snake_case_name bleibt.", "de", "(1)", "snake_case_name bleibt."),
    ],
)
def test_markdown_marks_inside_a_line_are_not_words_of_the_law(line, language, num, text):
    heading = "Section 1" if language == "en" else "§ 1"
    (provision,) = only(f"{heading}\n\n{line}", language).children
    expected = text or "Subject to subsection (3), this Act applies."
    assert (provision.num, provision.text) == (num, expected)


def test_a_markdown_list_item_keeps_its_words_without_its_bullet():
    text = (
        "§ 1\n\n(2) Merkzeichen:\n\n1\\.\nVB\n\n*\n    *   wenn der Mensch blind ist,\n\n"
        "- wenn er hört."
    )
    (paragraph,) = only(text, "de").children
    (point,) = paragraph.children
    assert (point.num, point.text) == ("1.", "VB\nwenn der Mensch blind ist,\n- wenn er hört.")


def test_text_is_normalised_to_nfc():
    (article,) = parse_text("Article 1\n\nCafe\u0301 ").nodes
    assert article.text == "Caf\u00e9"


# Warnings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Article 5\n\nArticle 7",
            [
                (1, "Article 5 is the first article: Articles 1 to 4 are missing."),
                (3, "Article 7 follows Article 5: Article 6 is missing."),
            ],
        ),
        (
            "Article 1\n\nArticle 2\n\nArticle 2",
            [(5, "Article 2 appears twice (lines 3 and 5).")],
        ),
        (
            "Article 1\n\nArticle 3\n\nArticle 2",
            [
                (3, "Article 3 follows Article 1: Article 2 is missing."),
                (5, "Article 2 follows Article 3: the numbering goes backwards."),
            ],
        ),
        (
            "Chapter I\n\nChapter IV",
            [(3, "Chapter IV follows Chapter I: Chapters II and III are missing.")],
        ),
        (
            "Article 1\n\n1. One.\n\n3. Three.",
            [(5, "Paragraph 3 follows Paragraph 1 in Article 1: Paragraph 2 is missing.")],
        ),
        (
            "Article 1\n\n(a) a;\n(d) d.",
            [(4, "Point (d) follows Point (a) in Article 1: Points (b) and (c) are missing.")],
        ),
        (
            "Статья 1.\n\n1) а;\n3) в.",
            [(4, "Point (3) follows Point (1) in Article 1: Point (2) is missing.")],
        ),
        (
            "Статья 1.\n\n1. Часть:\nа) а;\nв) в.",
            [(5, "Subpoint (в) follows Subpoint (а) in Paragraph 1: Subpoint (б) is missing.")],
        ),
        (
            "Article 1\n\n**Signed by the President**",
            [(3, UNRECOGNISED_LINE_3)],
        ),
        (
            "Article 1\n\n## Transitional arrangements",
            [(3, UNRECOGNISED_LINE_3)],
        ),
    ],
)
def test_warnings(text, expected):
    assert messages(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Article 1\n\nArticle 1-1\n\nArticle 1-2\n\nArticle 2",
        "Статья 1.\n\nСтатья 1-1.\n\nСтатья 2.",
        "Chapter 1\n\nArticle 1\n\nArticle 2\n\nChapter 2\n\nArticle 3",
        "Part 1\n\nChapter 1\n\nChapter 2\n\nPart 2\n\nChapter 1",
        "Article 1\n\n1. One.\n\n2. Two.\n\nArticle 2\n\n1. One.",
        "Article 1\n\n(1) One.\n\n(1A) Inserted.\n\n(2) Two.",
        "# A Title\n\n## Some heading of the preamble\n\nArticle 1",
    ],
)
def test_numbering_that_follows_is_not_warned_about(text):
    assert messages(text) == []


# Languages


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Article 1. Purpose", "en"),
        ("Статья 1. Цель настоящего Закона", "ru"),
        ("1-nji madda. Kanunyň maksady", "tk"),
        ("II bap. Umumy düzgünler", "tk"),
        ("Sosial hyzmatlar barada Türkmenistanyň Kanuny", "tk"),
    ],
)
def test_language_is_detected(text, language):
    assert detect_language(text) == language


# Round trip


def test_render_writes_headings_and_markers_as_the_law_does():
    nodes = (
        Node("preamble", text="A sample."),
        Node(
            "chapter",
            "I",
            "General",
            children=(
                Node(
                    "article",
                    "1",
                    "Purpose",
                    "Intro.",
                    children=(
                        Node(
                            "paragraph",
                            "1.",
                            text="One:",
                            children=(Node("point", "(a)", text="a."),),
                        ),
                        Node("note", text="Note."),
                    ),
                ),
            ),
        ),
    )
    assert render_text(nodes) == (
        "A sample.\n\nChapter I. General\n\nArticle 1. Purpose\n\nIntro.\n\n1. One:\n\n(a) a.\n\n"
        "> Note.\n"
    )
    assert render_text((Node("article", "6", "Maliýe"),), "tk") == "6-njy madda. Maliýe\n"


@pytest.mark.parametrize("name", ["v1.en", "v2.en", "v1.ru"])
def test_the_demo_law_reads_back_from_its_rendering(name):
    nodes = parse_text((DEMO / f"social_services_{name}.txt").read_text("utf-8")).nodes
    assert parse_text(render_text(nodes)).nodes == nodes


WORDS = {
    "en": ["the", "State", "shall", "ensure", "social", "services", "for", "every", "child"],
    "ru": ["государство", "обеспечивает", "социальные", "услуги", "для", "каждого", "ребёнка"],
    "tk": ["döwlet", "sosial", "hyzmatlary", "üpjün", "edýär", "çaga", "maşgala"],
}
MARKERS = {
    "en": ("{n}.", "({a})", "({r})"),
    "ru": ("{n}.", "{n})", "{a})"),
    "tk": ("{n}.", "{n})", "{a})"),
}
LETTERS = {"en": "abcde", "ru": "абвгд", "tk": "abçde"}
ROMAN = ("i", "ii", "iii", "iv", "v")


def sentences(language: str, max_lines: int = 2):
    line = st.lists(st.sampled_from(WORDS[language]), min_size=1, max_size=6).map(
        lambda words: " ".join(words).capitalize() + "."
    )
    return st.lists(line, min_size=1, max_size=max_lines).map("\n".join)


def headings(language: str):
    return st.lists(st.sampled_from(WORDS[language]), min_size=1, max_size=4).map(
        lambda words: " ".join(words).capitalize()
    )


def numbered(kind: str, language: str, index: int) -> str:
    template = MARKERS[language][("paragraph", "point", "subpoint").index(kind)]
    return template.format(n=index + 1, a=LETTERS[language][index], r=ROMAN[index])


@st.composite
def provisions(draw, kind: str, language: str, index: int):
    deeper = {"paragraph": "point", "point": "subpoint"}.get(kind)
    count = draw(st.integers(0, 2)) if deeper else 0
    children = tuple(draw(provisions(deeper, language, number)) for number in range(count))
    text = draw(sentences(language)) if not children or draw(st.booleans()) else ""
    return Node(kind, numbered(kind, language, index), text=text, children=children)


@st.composite
def articles(draw, language: str, number: int):
    count = draw(st.integers(0, 3))
    children = [draw(provisions("paragraph", language, index)) for index in range(count)]
    if draw(st.booleans()):
        children.append(Node("note", text=draw(sentences(language))))
    text = draw(sentences(language)) if not children or draw(st.booleans()) else ""
    heading = draw(st.one_of(st.just(""), headings(language)))
    return Node("article", str(number), heading, text, tuple(children))


@st.composite
def laws(draw):
    language = draw(st.sampled_from(sorted(WORDS)))
    nodes = []
    if draw(st.booleans()):
        nodes.append(Node("preamble", text=draw(sentences(language, 3))))
    number = 0
    for chapter in range(draw(st.integers(1, 3))):
        children = []
        for _ in range(draw(st.integers(0, 3))):
            number += 1
            children.append(draw(articles(language, number)))
        numeral = draw(st.sampled_from([str(chapter + 1), ROMAN[chapter].upper()]))
        heading = draw(st.one_of(st.just(""), headings(language)))
        nodes.append(Node("chapter", numeral, heading, children=tuple(children)))
    return language, tuple(nodes)


@settings(max_examples=150, deadline=None)
@given(laws())
def test_parse_reads_back_what_render_writes(law):
    language, nodes = law
    result = parse_text(render_text(nodes, language), language)
    assert result.nodes == nodes
    assert result.warnings == ()


# Real laws


@pytest.mark.parametrize(
    ("edition", "paragraphs", "notes"),
    [("v0_2019-04-01", 71, 20), ("v1_2021-01-01", 71, 21), ("v2_2021-10-12", 72, 21)],
)
def test_the_kazakh_law_in_russian(edition, paragraphs, notes):
    (path,) = [path for path in corpus("kz-special-social-services-2021") if edition in path.name]
    result = parse_text(path.read_text("utf-8"))
    found = kinds(result.nodes)
    assert (found["chapter"], found["article"], found["point"]) == (6, 34, 143)
    assert (found["paragraph"], found["note"], found["preamble"]) == (paragraphs, notes, 1)
    chapters = [node for node in result.nodes if node.kind == "chapter"]
    assert [chapter.num for chapter in chapters] == ["1", "2", "3", "3-1", "4", "5"]
    inserted = [node.num for node in chapters[3].children if node.kind == "article"]
    assert inserted == [f"11-{number}" for number in range(1, 12)]
    assert [warning.message for warning in result.warnings] == [
        f"Line {warning.line} was not recognised as a provision "
        "and was added to the text of Article 22."
        for warning in result.warnings
    ]
    assert len(result.warnings) == 2
    assert parse_text(render_text(result.nodes)).nodes == result.nodes


def test_the_irish_disability_act():
    (path,) = corpus("ie-disability-act-2005")
    result = parse_text(path.read_text("utf-8"))
    parts = [node for node in result.nodes if node.kind == "part"]
    sections = [node for node in walk(result.nodes) if node.kind == "section"]
    assert [part.num for part in parts] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [section.num for section in sections] == [str(number) for number in range(1, 59)]
    assert (sections[0].heading, sections[0].children[0].text) == (
        "Short title and commencement.",
        "This Act may be cited as the Disability Act 2005.",
    )
    schedule = result.nodes[-1]
    assert (schedule.kind, schedule.heading) == ("block", "Appeals Officer")
    assert not any(warning.message.startswith("Section") for warning in result.warnings)
    assert parse_text(render_text(result.nodes)).nodes == result.nodes


def test_the_irish_domestic_violence_act():
    """Section headings "##### 2. **Interpretation**" and the section's number restated in
    bold before its first words ("**2.** (1) In this Act—")."""
    (path,) = corpus("ie-domestic-violence-act-2018")
    result = parse_text(path.read_text("utf-8"))
    sections = [node for node in walk(result.nodes) if node.kind == "section"]
    assert [section.num for section in sections] == [str(number) for number in range(1, 57)]
    assert all(section.heading and "*" not in section.heading for section in sections)
    first = sections[0]
    assert (first.heading, first.children[0].num, first.children[0].text) == (
        "Short title and commencement",
        "(1)",
        "This Act may be cited as the Domestic Violence Act 2018.",
    )
    assert not any("*" in node.text for node in walk(result.nodes))
    assert len(result.warnings) < 10
    assert parse_text(render_text(result.nodes)).nodes == result.nodes


# The demo law


def demo(name: str) -> tuple[Node, ...]:
    result = parse_text((DEMO / f"social_services_{name}.txt").read_text("utf-8"))
    assert result.warnings == ()
    return result.nodes


@pytest.mark.parametrize(
    ("name", "articles", "paragraphs"),
    [("v1.en", 15, 26), ("v2.en", 16, 25), ("v1.ru", 15, 26)],
)
def test_the_demo_law_counts(name, articles, paragraphs):
    nodes = demo(name)
    found = kinds(nodes)
    assert nodes[0].text.split("\n")[0].startswith(("Sample text", "Образец текста"))
    assert (found["chapter"], found["article"], found["paragraph"]) == (6, articles, paragraphs)
    assert found["point"] == 6
    assert 40 <= sum(found.values()) - found["preamble"] <= 55


def test_the_russian_demo_law_has_the_shape_of_the_english_one():
    def shape(nodes):
        return [(node.kind, node.num.strip("()."), len(node.children)) for node in walk(nodes)]

    english, russian = shape(demo("v1.en")), shape(demo("v1.ru"))
    assert [(kind, count) for kind, _, count in english] == [(k, c) for k, _, c in russian]


def test_the_second_demo_edition_inserts_one_article_before_the_last():
    def titles(nodes):
        return [(node.num, node.heading) for node in walk(nodes) if node.kind == "article"]

    first, second = titles(demo("v1.en")), titles(demo("v2.en"))
    assert second[:14] == [(num, _cured(heading)) for num, heading in first[:14]]
    assert second[14:] == [("15", "Monitoring and reporting"), ("16", first[14][1])]


def _cured(heading: str) -> str:
    return {
        "Social services for disabled persons": "Social services for persons with disabilities",
        "Services in specialised institutions": (
            "Living independently and being included in the community"
        ),
    }.get(heading, heading)
