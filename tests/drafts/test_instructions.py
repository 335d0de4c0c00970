from dataclasses import replace

import pytest

from drafts.diff import compare
from drafts.instructions import instructions, languages
from drafts.tree import Node


def para(pid, num, text, *children):
    return Node("paragraph", num, "", text, children, provision_id=pid)


def point(pid, num, text):
    return Node("point", num, "", text, (), provision_id=pid)


def art(pid, num, *children, heading=""):
    return Node("article", num, heading, "", children, provision_id=pid)


BASE = (
    art(
        "a5",
        "5",
        para("p51", "1", "Everyone has the right to social security."),
        para(
            "p52",
            "2",
            "The state shall provide free primary education to every child, "
            "and the state shall pay for books.",
        ),
        heading="Social rights",
    ),
    art(
        "a7",
        "7",
        para("p71", "1", "Benefits are paid monthly."),
        para("p72", "2", "Payments are made by the local authority."),
        para(
            "p73",
            "3",
            "Appeals go to the court:",
            point("t1", "1)", "first point;"),
            point("t2", "2)", "second point."),
        ),
    ),
    art("a9", "9", para("p91", "1", "This article is obsolete.")),
)
A5, A7, A9 = BASE


def with_text(article, index, text):
    children = list(article.children)
    children[index] = replace(children[index], text=text)
    return replace(article, children=tuple(children))


CASES = {
    "replace words": (
        (
            with_text(
                A5,
                1,
                "The state shall provide free and inclusive education to every child, "
                "and the state shall pay for books.",
            ),
            A7,
            A9,
        ),
        [("replace_words", "art_5__para_2")],
        "1. In Article 5, paragraph 2, the word “primary” shall be replaced by the words "
        "“and inclusive”.",
        "1. В части 2 статьи 5 слово «primary» заменить словами «and inclusive».",
    ),
    "replace words that occur twice": (
        (
            with_text(
                A5,
                1,
                "The state shall provide free primary education to every child, "
                "and the Ministry shall pay for books.",
            ),
            A7,
            A9,
        ),
        [("replace_words", "art_5__para_2")],
        "1. In Article 5, paragraph 2, the words “the state” shall be replaced by the words "
        "“the Ministry”.",
        "1. В части 2 статьи 5 слова «the state» заменить словами «the Ministry».",
    ),
    "delete words": (
        (
            with_text(
                A5,
                1,
                "The state shall provide primary education to every child, "
                "and the state shall pay for books.",
            ),
            A7,
            A9,
        ),
        [("delete_words", "art_5__para_2")],
        "1. In Article 5, paragraph 2, the word “free” shall be deleted.",
        "1. В части 2 статьи 5 слово «free» исключить.",
    ),
    "insert words": (
        (
            with_text(A5, 0, "Everyone has the right to social security and social insurance."),
            A7,
            A9,
        ),
        [("insert_words", "art_5__para_1")],
        "1. In Article 5, paragraph 1, after the word “security” insert the words "
        "“and social insurance”.",
        "1. В части 1 статьи 5 после слова «security» дополнить словами «and social insurance».",
    ),
    "insert words at the start": (
        (with_text(A5, 0, "Indeed everyone has the right to social security."), A7, A9),
        [("replace_words", "art_5__para_1")],
        "1. In Article 5, paragraph 1, the word “Everyone” shall be replaced by the words "
        "“Indeed everyone”.",
        "1. В части 1 статьи 5 слово «Everyone» заменить словами «Indeed everyone».",
    ),
    "punctuation only": (
        (with_text(A5, 0, "Everyone has the right to social security;"), A7, A9),
        [("replace_words", "art_5__para_1")],
        "1. In Article 5, paragraph 1, the word “security.” shall be replaced by the word "
        "“security;”.",
        "1. В части 1 статьи 5 слово «security.» заменить словом «security;».",
    ),
    "restatement of a large change": (
        (with_text(A5, 0, "Social security is guaranteed to all citizens by law."), A7, A9),
        [("restate", "art_5__para_1")],
        "1. Article 5, paragraph 1 shall be restated as follows: "
        "«1. Social security is guaranteed to all citizens by law.»",
        "1. Часть 1 статьи 5 изложить в следующей редакции: "
        "«1. Social security is guaranteed to all citizens by law.»",
    ),
    "heading": (
        (replace(A5, heading="Right to social security"), A7, A9),
        [("restate_heading", "art_5")],
        "1. The heading of Article 5 shall be restated as follows: “Right to social security”.",
        "1. Наименование статьи 5 изложить в следующей редакции: «Right to social security».",
    ),
    "new paragraph": (
        (
            A5,
            replace(A7, children=(*A7.children, para("p74", "4", "Decisions are published."))),
            A9,
        ),
        [("insert", "art_7__para_4")],
        "1. Article 7 shall be supplemented by paragraph 4 as follows: "
        "«4. Decisions are published.»",
        "1. Статью 7 дополнить частью 4 следующего содержания: «4. Decisions are published.»",
    ),
    "repeal": (
        (A5, A7),
        [("repeal", "art_9")],
        "1. Article 9 shall be repealed.",
        "1. Статью 9 признать утратившей силу.",
    ),
    "repeal and renumber": (
        (A5, replace(A7, children=(A7.children[0], replace(A7.children[2], num="2"))), A9),
        [("repeal", "art_7__para_2"), ("renumber", "art_7__para_3")],
        "1. Article 7, paragraph 2 shall be repealed.\n"
        "2. Article 7, paragraph 3 shall be renumbered as paragraph 2.",
        "1. Часть 2 статьи 7 признать утратившей силу.\n2. Часть 3 статьи 7 считать частью 2.",
    ),
    "point": (
        (
            A5,
            replace(
                A7,
                children=(
                    *A7.children[:2],
                    replace(
                        A7.children[2],
                        children=(A7.children[2].children[0], point("t2", "2)", "last point.")),
                    ),
                ),
            ),
            A9,
        ),
        [("replace_words", "art_7__para_3__point_2")],
        "1. In Article 7, paragraph 3, point 2, the word “second” shall be replaced by the word "
        "“last”.",
        "1. В пункте 2 части 3 статьи 7 слово «second» заменить словом «last».",
    ),
    "move": (
        (
            replace(A5, children=(*A5.children, replace(A7.children[1], num="3"))),
            replace(A7, children=(A7.children[0], A7.children[2])),
            A9,
        ),
        [("repeal", "art_7__para_2"), ("insert", "art_5__para_3")],
        "1. Article 7, paragraph 2 shall be repealed.\n"
        "2. Article 5 shall be supplemented by paragraph 3 as follows: "
        "«3. Payments are made by the local authority.»",
        "1. Часть 2 статьи 7 признать утратившей силу.\n"
        "2. Статью 5 дополнить частью 3 следующего содержания: "
        "«3. Payments are made by the local authority.»",
    ),
    "whole new chapter": (
        (
            *BASE,
            Node(
                "chapter",
                "3",
                "Final provisions",
                "",
                (
                    art(
                        "a10",
                        "10",
                        para("p101", "1", "This Law enters into force on 1 January 2025."),
                        heading="Entry into force",
                    ),
                ),
                provision_id="c3",
            ),
        ),
        [("insert", "chp_3")],
        "1. The Law shall be supplemented by Chapter 3 as follows: «Chapter 3. Final provisions\n"
        "Article 10. Entry into force\n1. This Law enters into force on 1 January 2025.»",
        "1. Закон дополнить главой 3 следующего содержания: «Глава 3. Final provisions\n"
        "Статья 10. Entry into force\n1. This Law enters into force on 1 January 2025.»",
    ),
    "no change": (BASE, [], "", ""),
}


@pytest.mark.parametrize(("new", "items", "english", "russian"), CASES.values(), ids=CASES.keys())
def test_instructions_in_english_and_russian(new, items, english, russian):
    result = compare(BASE, new)
    for lang, expected in (("en", english), ("ru", russian)):
        made = instructions(result, lang=lang)
        assert [(item.kind, item.eid) for item in made.items] == items
        assert made.text == expected


def test_russian_text_and_point_gender():
    old = (
        art(
            "a",
            "12",
            para(
                "p",
                "1",
                "Пособие выплачивается ежемесячно органом социальной защиты.",
                point("t", "3)", "а"),
            ),
        ),
    )
    new = (
        art(
            "a",
            "12",
            para("p", "1", "Пособие выплачивается один раз в квартал органом социальной защиты."),
        ),
    )
    made = instructions(compare(old, new), lang="ru")
    assert made.text == (
        "1. В части 1 статьи 12 слово «ежемесячно» заменить словами «один раз в квартал».\n"
        "2. Пункт 3 части 1 статьи 12 признать утратившим силу."
    )


def test_threshold_chooses_between_words_and_restatement():
    new, *_ = CASES["restatement of a large change"]
    result = compare(BASE, new)
    assert [i.kind for i in instructions(result, threshold=1.0, max_runs=10).items] == [
        "replace_words"
    ]
    assert [i.kind for i in instructions(result, threshold=0.0).items] == ["restate"]


def test_items_as_data():
    new, *_ = CASES["repeal"]
    assert instructions(compare(BASE, new)).to_dict() == {
        "items": [{"kind": "repeal", "eid": "art_9", "text": "Article 9 shall be repealed."}],
        "text": "1. Article 9 shall be repealed.",
    }


def test_languages():
    assert {"en", "ru"} <= set(languages())


@pytest.mark.parametrize("lang", ["tk-XX", "../en", ""])
def test_unknown_language(lang):
    with pytest.raises(ValueError, match="no amending-instruction templates for the language"):
        instructions(compare(BASE, BASE), lang=lang)
