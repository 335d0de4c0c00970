"""Redlines as Word tracked changes: rejecting every change gives exactly the old text and
accepting every change exactly the new one (read by a resolver of the tests' own), moves are
Word moves with named ranges, and the comparative table says where a provision moved."""

from __future__ import annotations

import io
from datetime import datetime

import docx
import pytest

from drafts import amend
from drafts.diff import compare
from drafts.parse import parse_text
from drafts.tree import Node, walk
from exports.docx_compare import comparative_docx
from exports.docx_in import read_docx
from exports.docx_out import consolidated_docx
from exports.docx_redline import redline_docx
from tests.exports.ooxml_resolver import W, after_contents, body, redline_text
from tests.exports.samples import CORPUS, TURKMEN, demo_text, info

WHEN = datetime(2024, 5, 1, 9, 30)
OLD = """Article 1. Fees

1. The fee is ten manat.

2. Fees are paid monthly.

Article 2. Scope

1. This applies to all.

2. Children are exempt.

Article 3. Other

Text of three.
"""
NEW = """Article 1. Fees

1. The fee is twelve manat.

2. Children are exempt.

Article 2. Scope

1. This applies to everyone.

Article 3. Other

Text of three
with a second line.
"""


def redline(old: tuple[Node, ...], new: tuple[Node, ...], language: str = "en") -> bytes:
    return redline_docx(
        compare(old, new),
        info(language, number=1),
        info(language),
        old_nodes=old,
        new_nodes=new,
        author="A",
        when=WHEN,
    )


def assert_resolves(data: bytes, old, new, language: str = "en") -> None:
    """Rejecting all gives the old consolidated text, accepting all the new one."""
    assert redline_text(data, "reject") == after_contents(consolidated_docx(old, info(language)))
    assert redline_text(data, "accept") == after_contents(consolidated_docx(new, info(language)))


def identified(nodes: tuple[Node, ...], prefix: str = "p") -> tuple[Node, ...]:
    """The tree with a provision id on every node, as a stored version has."""
    counter = iter(range(1, 100_000))

    def give(node: Node) -> Node:
        from dataclasses import replace

        return replace(
            node,
            provision_id=f"{prefix}{next(counter)}",
            children=tuple(give(child) for child in node.children),
        )

    return tuple(give(node) for node in nodes)


def test_a_moved_paragraph_is_a_word_move_and_both_views_are_exact():
    old, new = parse_text(OLD, "en").nodes, parse_text(NEW, "en").nodes
    data = redline(old, new)
    assert_resolves(data, old, new)
    found = body(data)
    origins = found.findall(f".//{W}moveFromRangeStart")
    destinations = found.findall(f".//{W}moveToRangeStart")
    assert [m.get(f"{W}name") for m in origins] == [m.get(f"{W}name") for m in destinations]
    assert [m.get(f"{W}name") for m in origins] == ["move1"]
    for start in (*origins, *destinations):
        end = "moveFromRangeEnd" if "From" in start.tag else "moveToRangeEnd"
        assert found.find(f".//{W}{end}[@{W}id='{start.get(f'{W}id')}']") is not None
    moved = "".join(e.text for e in found.iterfind(f".//{W}moveTo//{W}t"))
    assert "Children are exempt." in moved
    assert found.find(f".//{W}moveFrom//{W}delText") is None
    marks = found.findall(f".//{W}pPr/{W}rPr/{W}moveFrom") + found.findall(
        f".//{W}pPr/{W}rPr/{W}moveTo"
    )
    assert len(marks) == 2


@pytest.mark.parametrize(
    ("language", "old_text", "new_text"),
    [
        ("en", "social_services_v1.en.txt", "social_services_v2.en.txt"),
        ("ru", "social_services_v1.ru.txt", None),
        ("tk", None, None),
    ],
)
def test_amendments_of_every_kind_resolve_exactly(language, old_text, new_text):
    """Changes of every kind a draft makes, in each language of the texts."""
    old = identified(
        parse_text(TURKMEN if old_text is None else demo_text(old_text), language).nodes
    )
    if new_text is not None:
        new = parse_text(demo_text(new_text), language).nodes
    else:
        new = amend.apply(old, operations(old))
    assert_resolves(redline(old, new, language), old, new, language)


def operations(old: tuple[Node, ...]) -> list[amend.Operation]:
    """A move, a deletion, a new text, a renumbering and an insertion on a tree."""
    numbered = [n for n in walk(old) if n.kind in ("paragraph", "point", "subpoint")]
    articles = [n for n in walk(old) if n.kind == "article"]
    first, last = numbered[0], numbered[-1]
    return [
        amend.Operation(
            "1",
            "move",
            target=first.provision_id,
            anchor=articles[-1].provision_id,
            position="last_child",
        ),
        amend.Operation(
            "2", "replace_text", target=last.provision_id, text=last.text + " (amended)"
        ),
        amend.Operation("3", "renumber", target=articles[0].provision_id, num="9"),
        amend.Operation(
            "4",
            "insert",
            anchor=articles[1].provision_id,
            position="after",
            nodes=(Node("article", "2-1", "New", "A new article."),),
        ),
        amend.Operation("5", "delete", target=numbered[1].provision_id),
    ]


def test_a_real_bill_with_quotations_and_closing_words_resolves_exactly():
    path = CORPUS / "NI_Organ_and_Tissue_Donation_Deemed_Consent_Bill_as_introduced.docx"
    if not path.exists():
        pytest.skip("the shared corpus is not beside the repository")
    old = identified(read_docx(path.read_bytes(), "en").nodes)
    sections = [n for n in walk(old) if n.kind == "section"]
    subsections = [n for n in sections[0].children if n.kind == "paragraph"]
    quoted = next(n for n in walk(old) if n.kind == "quoted")
    new = amend.apply(
        old,
        [
            amend.Operation(
                "1",
                "move",
                target=subsections[4].provision_id,
                anchor=sections[1].provision_id,
                position="last_child",
            ),
            amend.Operation(
                "2",
                "replace_text",
                target=quoted.provision_id,
                text=quoted.text.replace("storage", "keeping"),
            ),
            amend.Operation("3", "delete", target=subsections[7].provision_id),
        ],
    )
    data = redline(old, new)
    assert_resolves(data, old, new)
    assert body(data).find(f".//{W}moveToRangeStart") is not None


def test_the_comparative_table_says_where_a_provision_moved():
    old, new = parse_text(OLD, "en").nodes, parse_text(NEW, "en").nodes
    data = comparative_docx(
        compare(old, new), info("en", number=1), info("en"), old_nodes=old, new_nodes=new
    )
    (table,) = docx.Document(io.BytesIO(data)).tables
    moved = next(row for row in table.rows if "moved" in row.cells[1].text)
    assert moved.cells[0].text.startswith("Article 2(2) — moved to Article 1(2)")
    assert moved.cells[1].text.startswith("Article 1(2) — moved from Article 2(2)")
    assert "Children are exempt." in moved.cells[0].text
    assert "Children are exempt." in moved.cells[1].text
