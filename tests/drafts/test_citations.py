"""Legal citations: case tables per citation style and language, written by hand."""

from __future__ import annotations

import pytest

from drafts.citations import Step, citations, cite, heading_label, index, style_for
from drafts.tree import Node
from exports import layout


def path(*levels: str) -> tuple[Step, ...]:
    """'article 6', 'paragraph (3)', 'paragraph #2' (the second one without a number)."""
    steps = []
    for level in levels:
        kind, _, num = level.partition(" ")
        if num.startswith("#"):
            steps.append(Step(kind, "", int(num[1:])))
        else:
            steps.append(Step(kind, num))
    return tuple(steps)


TURKMENISTAN = [
    # (path, language, case, citation)
    (("chapter II", "article 6", "paragraph 3."), "en", "nom", "Article 6(3)"),
    (("article 6", "paragraph 3.", "point 2)"), "en", "nom", "Article 6(3)(2)"),
    (("article 6", "paragraph 3.", "point 2)", "subpoint а)"), "en", "nom", "Article 6(3)(2)(а)"),
    (("article 5", "paragraph #2"), "en", "nom", "the second paragraph of Article 5"),
    (
        ("article 5", "paragraph #2", "point 1)"),
        "en",
        "nom",
        "point 1 of the second paragraph of Article 5",
    ),
    (("chapter II",), "en", "nom", "Chapter II"),
    (("preamble",), "en", "nom", "the preamble"),
    (("chapter II", "article 6", "paragraph 3."), "ru", "nom", "часть 3 статьи 6"),
    (("article 6", "paragraph 3."), "ru", "prep", "части 3 статьи 6"),
    (("article 6", "paragraph 3."), "ru", "ins", "частью 3 статьи 6"),
    (("article 6", "paragraph 3.", "point 2)"), "ru", "nom", "пункт 2 части 3 статьи 6"),
    (("article 6", "paragraph 3.", "point 2)"), "ru", "prep", "пункте 2 части 3 статьи 6"),
    (
        ("article 6", "paragraph 3.", "point 2)", "subpoint а)"),
        "ru",
        "nom",
        "подпункт «а» пункта 2 части 3 статьи 6",
    ),
    (("article 6",), "ru", "acc", "статью 6"),
    (("article 5", "paragraph #2"), "ru", "nom", "часть вторая статьи 5"),
    (("article 5", "paragraph #2"), "ru", "acc", "часть вторую статьи 5"),
    (("article 5", "paragraph #3"), "ru", "prep", "части третьей статьи 5"),
    (("article 5", "paragraph #1", "point 4)"), "ru", "ins", "пунктом 4 части первой статьи 5"),
    (("chapter III",), "ru", "acc", "главу III"),
    (("part 2",), "ru", "nom", "раздел 2"),
    (("section 1", "article 3"), "ru", "nom", "статья 3"),
    (("section 4",), "ru", "gen", "параграфа 4"),
    (("preamble",), "ru", "prep", "преамбуле"),
    (("chapter II", "article 6", "paragraph 3."), "tk", "nom", "6-njy maddanyň 3-nji bölegi"),
    (("article 6", "paragraph 3."), "tk", "acc", "6-njy maddanyň 3-nji bölegini"),
    (("article 6", "paragraph 3."), "tk", "loc", "6-njy maddanyň 3-nji böleginde"),
    (
        ("article 6", "paragraph 3.", "point 2)"),
        "tk",
        "nom",
        "6-njy maddanyň 3-nji böleginiň 2-nji bendi",
    ),
    (
        ("article 6", "paragraph 3.", "point 2)", "subpoint b)"),
        "tk",
        "nom",
        "6-njy maddanyň 3-nji böleginiň 2-nji bendiniň b) bentçesi",
    ),
    (("article 10",), "tk", "nom", "10-njy madda"),
    (("article 9",), "tk", "acc", "9-njy maddany"),
    (("article 20",), "tk", "loc", "20-nji maddada"),
    (("article 8-1",), "tk", "nom", "8-1-nji madda"),
    (("article 5", "paragraph #2"), "tk", "nom", "5-nji maddanyň ikinji bölegi"),
    (("article 5", "paragraph #12"), "tk", "nom", "5-nji maddanyň on ikinji bölegi"),
    (("chapter II",), "tk", "gen", "II babyň"),
    (("part 1",), "tk", "nom", "1-nji bölüm"),
]
KAZAKHSTAN = [
    (("article 6", "paragraph 1.", "point 6)"), "ru", "nom", "подпункт 6) пункта 1 статьи 6"),
    (("article 6", "paragraph 1.", "point 6)"), "ru", "prep", "подпункте 6) пункта 1 статьи 6"),
    (("article 15", "paragraph 8."), "ru", "ins", "пунктом 8 статьи 15"),
    (("article 3", "paragraph #2"), "ru", "nom", "часть вторая статьи 3"),
    (
        ("article 6", "paragraph 1.", "point 6)"),
        "tk",
        "nom",
        "6-njy maddanyň 1-nji bendiniň 6-njy bentçesi",
    ),
    (("article 6", "paragraph 1.", "point 6)"), "en", "nom", "Article 6(1)(6)"),
]
UNITED_KINGDOM = [
    (("part 2", "section 8", "paragraph (3)", "point (c)"), "en", "nom", "section 8(3)(c)"),
    (
        ("section 8", "paragraph (3)", "point (c)", "subpoint (i)"),
        "en",
        "nom",
        "section 8(3)(c)(i)",
    ),
    (("part 2",), "en", "nom", "Part 2"),
    (("section 8", "paragraph (3)", "point (c)"), "ru", "nom", "пункт «c» части 3 статьи 8"),
    (("section 8", "paragraph (3)"), "tk", "nom", "8-nji maddanyň 3-nji bölegi"),
]
GERMANY = [
    (("chapter 4", "section 105", "paragraph (3)", "point 1."), "de", "nom", "§ 105 Abs. 3 Nr. 1"),
    (("section 55", "paragraph (2)"), "de", "nom", "§ 55 Abs. 2"),
    (("section 1631d", "paragraph #2"), "de", "nom", "§ 1631d Abs. 2"),
    (("article 6", "paragraph (3)"), "de", "nom", "Art. 6 Abs. 3"),
    (("section 105", "paragraph (3)", "point 1."), "en", "nom", "section 105(3), number 1"),
    (("section 105", "paragraph (3)", "point 1."), "ru", "nom", "пункт 1 абзаца 3 параграфа 105"),
    (("section 55",), "ru", "prep", "параграфе 55"),
    (("section 105", "paragraph (3)"), "tk", "nom", "105-nji paragrafyň 3-nji bölegi"),
]
NOTES = [
    (("article 3", "note"), "en", "tm", "nom", "the note to Article 3"),
    (("article 3", "note"), "ru", "kz", "nom", "примечание к статье 3"),
    (("article 3", "paragraph 2.", "note"), "ru", "tm", "nom", "примечание к части 2 статьи 3"),
    (("article 3", "note"), "tk", "tm", "nom", "3-nji maddanyň belligi"),
    (("section 55", "note"), "de", "de", "nom", "Fußnote zu § 55"),
]


@pytest.mark.parametrize(
    ("style", "levels", "lang", "case", "expected"),
    [("tm", *row) for row in TURKMENISTAN]
    + [("kz", *row) for row in KAZAKHSTAN]
    + [("uk", *row) for row in UNITED_KINGDOM]
    + [("de", *row) for row in GERMANY],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_citation_tables(style, levels, lang, case, expected):
    assert cite(path(*levels), lang=lang, style=style, case=case) == expected


@pytest.mark.parametrize(("levels", "lang", "style", "case", "expected"), NOTES)
def test_a_note_is_cited_by_its_provision(levels, lang, style, case, expected):
    assert cite(path(*levels), lang=lang, style=style, case=case) == expected


def test_paths_count_unnumbered_provisions_by_kind():
    law = (
        Node("preamble", text="The Mejlis adopts this Law."),
        Node(
            "chapter",
            "I",
            "General",
            children=(
                Node(
                    "article",
                    "5",
                    "Aims",
                    children=(
                        Node("paragraph", text="First."),
                        Node("note", text="Footnote."),
                        Node("paragraph", text="Second.", children=(Node("point", "1)", "", "a"),)),
                    ),
                ),
            ),
        ),
    )
    found = citations(law, lang="ru", style="tm")
    assert list(found.values()) == [
        "преамбула",
        "глава I",
        "статья 5",
        "часть первая статьи 5",
        "примечание к статье 5",
        "часть вторая статьи 5",
        "пункт 1 части второй статьи 5",
    ]
    assert index(law)["chp_I__art_5__para_2"][-1] == Step("paragraph", "", 2)


@pytest.mark.parametrize(
    ("jurisdiction", "language", "style"),
    [("tm", "tk", "tm"), ("tm", "en", "tm"), ("kz", "ru", "kz"), ("gb-sct", "en", "uk"),
     ("ie", "en", "uk"), ("de", "de", "de"), ("", "de", "de"), ("uz", "ru", "tm")],
)  # fmt: skip
def test_style_follows_the_jurisdiction(jurisdiction, language, style):
    assert style_for(jurisdiction, language) == style


@pytest.mark.parametrize(
    ("kind", "num", "lang", "label"),
    [("article", "5", "en", "Article 5"), ("article", "5", "ru", "Статья 5"),
     ("article", "6", "tk", "6-njy madda"), ("chapter", "II", "tk", "II bap"),
     ("article", "8-1", "tk", "8-1-nji madda"), ("article", "10-6", "tk", "10-6-njy madda"),
     ("article", "2.3", "tk", "2.3-nji madda"), ("article", "5a", "tk", "5a madda"),
     ("chapter", "I", "ru", "Глава I"), ("article", "5", "fr", "Article 5")],
)  # fmt: skip
def test_heading_labels_follow_the_language_of_the_text(kind, num, lang, label):
    assert heading_label(kind, num, lang) == label
    assert layout.label(kind, num, lang) == label, "the law's text heads it as it is cited"


def test_unknown_style_and_case_are_refused():
    with pytest.raises(ValueError, match="Unknown citation style"):
        cite(path("article 1"), lang="en", style="fr")
    with pytest.raises(ValueError, match="no case"):
        cite(path("article 1"), lang="ru", style="tm", case="loc")
