"""Numbering profiles are data: each file under drafts/numbering/ is a language the parser reads."""

import pytest

from drafts.citations import heading_label
from drafts.parse import detect_language, parse_text, render_text
from drafts.parse_patterns import LANGUAGES, PROFILES
from exports.layout import heading_text


def test_every_profile_file_is_a_language():
    assert (
        {path.stem for path in PROFILES.glob("*.toml")}
        == set(LANGUAGES)
        >= {
            "en",
            "ru",
            "tk",
            "de",
        }
    )


GERMAN = """# Beispielgesetz

Ausfertigungsdatum
:   2001-01-01

Zuletzt geändert durch
:   Art. 1 G v. 1.1.2012

## Erster Teil - Allgemeines

### Erster Abschnitt - Grundsätze

#### § 1 Zweck

(1) Dieses Gesetz regelt den Schutz der Kinder.

(2) Es gilt für:

1.  Kinder und

2.  Jugendliche.

#### § 1a Begriffe

Kind ist, wer noch nicht vierzehn Jahre alt ist.

#### § 2 (weggefallen)

### Zweiter Abschnitt - Verfahren

#### § 3 Zuständigkeit

(1) Zuständig ist das Jugendamt.
"""


def test_a_german_law_imports_with_its_structure():
    assert detect_language(GERMAN) == "de"
    nodes = parse_text(GERMAN).nodes
    preamble, note, part = nodes
    assert (preamble.kind, note.kind) == ("preamble", "note")
    assert note.text.startswith("Ausfertigungsdatum") and "Zuletzt geändert" in note.text
    assert (part.kind, part.num, part.heading) == ("part", "Erster Teil", "Allgemeines")
    first, second = part.children
    assert [(c.kind, c.num) for c in (first, second)] == [
        ("chapter", "Erster Abschnitt"),
        ("chapter", "Zweiter Abschnitt"),
    ]
    articles = [(a.kind, a.num, a.heading) for a in first.children]
    assert articles == [
        ("article", "1", "Zweck"),
        ("article", "1a", "Begriffe"),
        ("article", "2", "(weggefallen)"),
    ]
    paragraph = first.children[0].children[1]
    assert (paragraph.num, paragraph.text) == ("(2)", "Es gilt für:")
    assert [(p.kind, p.num) for p in paragraph.children] == [("point", "1."), ("point", "2.")]


@pytest.mark.parametrize(
    ("line", "kind", "num", "printed"),
    [
        ("## Erster Teil - Allgemeines", "part", "Erster Teil", "Erster Teil. Allgemeines"),
        ("## Buch 4 Familienrecht", "part", "Buch 4", "Buch 4. Familienrecht"),
        ("## Teil 2 Verfahren", "part", "Teil 2", "Teil 2. Verfahren"),
        (
            "## Erstes Hauptstück Folgen",
            "chapter",
            "Erstes Hauptstück",
            "Erstes Hauptstück. Folgen",
        ),
        ("## Abschnitt 3 Schutz", "chapter", "Abschnitt 3", "Abschnitt 3. Schutz"),
        (
            "## Erstes Kapitel Allgemeines",
            "chapter",
            "Erstes Kapitel",
            "Erstes Kapitel. Allgemeines",
        ),
        ("## Titel 5 Elterliche Sorge", "section", "Titel 5", "Titel 5. Elterliche Sorge"),
        ("## Kapitel 1 Allgemeines", "section", "Kapitel 1", "Kapitel 1. Allgemeines"),
        ("## § 12a Begriffe", "article", "12a", "§ 12a. Begriffe"),
    ],
)
def test_a_german_heading_is_printed_with_its_own_word(line, kind, num, printed):
    """German calls one kind by several words (a part is a Buch or a Teil; a chapter a
    Hauptstück, an Abschnitt or a Kapitel): exports and citations print the law's own."""
    (node,) = parse_text(f"{line}\n\nText.", "de").nodes
    assert (node.kind, node.num) == (kind, num)
    assert heading_text(node, "de") == printed
    assert heading_label(kind, num, "de") == printed.partition(".")[0]
    assert parse_text(render_text((node,), "de"), "de").nodes == (node,)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Article 1. Scope\n\n1. This Law applies to the whole of the country.", "en"),
        ("Статья 1. Сфера\n\n1. Настоящий Закон действует.", "ru"),
        ("1-nji madda. Maksat\n\n1. Şu Kanun çagalaryň hukuklaryny goraýar.", "tk"),
        ("§ 1 Zweck\n\n(1) Dieses Gesetz regelt den Schutz der Kinder und der Jugend.", "de"),
    ],
)
def test_the_language_is_the_profile_that_fits(text, language):
    assert detect_language(text) == language


def test_russian_editorial_notes_are_notes():
    (article,) = parse_text(
        "Статья 3. Сфера\n\n1. Текст.\n\nСноска. Статья 3 с изменением, внесенным Законом РК."
    ).nodes
    assert [(c.kind, c.text[:6]) for c in article.children] == [
        ("paragraph", "Текст."),
        ("note", "Сноска"),
    ]
