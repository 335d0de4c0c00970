"""Tables written as nested Markdown lists: rows, numbered entries and their blocks."""

from drafts.parse import parse_text

TABLE = """## § 1 Anlage

Die Tabelle gilt.

**16.** **Blut**

    *        *   *16.5*                              Myeloproliferative
            Neoplasien

        *

    *        *
        *
        *

    *        *   *16.5.1*                            Polycythaemia vera

        *

    *        *
        *   Bei Behandlungsbedürftigkeit

            –   mit regelmäßigen Aderlässen.

        *   10


    *        *   *16.6*                              Akute Leukämien

        *

    *        *
        *   bis zum Ende der Intensiv-Therapie

        *   100


    *        *
        *   danach für die Dauer von drei Jahren

        *   60


**17.** **Haut**
"""


def shape(nodes, depth=0):
    for node in nodes:
        yield depth, node.kind, node.num, node.heading, node.text
        yield from shape(node.children, depth + 1)


def test_rows_are_blocks_of_the_numbered_entry_above_them():
    (article,) = parse_text(TABLE, "de").nodes
    assert list(shape(article.children)) == [
        (0, "point", "16.", "", "Blut"),
        (1, "point", "16.5", "Myeloproliferative Neoplasien", ""),
        (2, "point", "16.5.1", "Polycythaemia vera", ""),
        (3, "wrapup", "", "", "Bei Behandlungsbedürftigkeit – mit regelmäßigen Aderlässen.\n10"),
        (1, "point", "16.6", "Akute Leukämien", ""),
        (2, "wrapup", "", "", "bis zum Ende der Intensiv-Therapie\n100"),
        (2, "wrapup", "", "", "danach für die Dauer von drei Jahren\n60"),
        (0, "point", "17.", "", "Haut"),
    ]


def test_rows_without_an_entry_are_text_of_their_unit():
    text = (
        "## § 1 Muster\n\nSpezifikationen:\n\n"
        "*    *   Größe\n\n    *   85 mm\n\n\n*    *   Farben\n\n    *   grün\n"
    )
    (article,) = parse_text(text, "de").nodes
    assert article.text == "Spezifikationen:\nGröße\n85 mm\nFarben\ngrün"
    assert article.children == ()
