"""Applying amendments to a provision tree and finding the conflicts between them."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafts.amend import AmendmentError, Operation, apply, preview
from drafts.conflicts import Conflict, Footprint, conflicts, touched
from drafts.diff import compare
from drafts.errors import InvalidInput
from drafts.tree import Node, walk

_revisions = itertools.count(1)


def node(kind, pid, num, *children, heading="", text=""):
    return Node(kind, num, heading, text, children, provision_id=pid, revision_id=next(_revisions))


def new(kind, num, *children, text=""):
    return Node(kind, num, text=text, children=children)


BASE = (
    node(
        "chapter",
        "c1",
        "I",
        node(
            "article",
            "a1",
            "1",
            node("paragraph", "p1", "1", text="This Law governs social services."),
            node("paragraph", "p2", "2", text="It applies to everyone in Turkmenistan."),
            node(
                "paragraph",
                "p3",
                "3",
                node("point", "pt1", "a", text="children;"),
                node("point", "pt2", "b", text="persons with disabilities."),
                text="Special care is given to:",
            ),
            heading="Scope",
        ),
        node(
            "article",
            "a2",
            "2",
            node("paragraph", "p4", "1", text="Everyone has the right to social services."),
            heading="Rights",
        ),
        heading="General provisions",
    ),
    node(
        "chapter",
        "c2",
        "II",
        node("article", "a3", "3", node("paragraph", "p5", "1", text="Services are free.")),
        heading="Services",
    ),
)
BASE_LAYOUT = "c1(a1(p1 p2 p3(pt1 pt2)) a2(p4)) c2(a3(p5))"
NEW_PARAGRAPH = new("paragraph", "1a", new("point", "a", text="first"), text="New paragraph.")
NEW_ARTICLE = new("article", "2a", new("paragraph", "1", text="One."), new("paragraph", "2"))


def layout(nodes) -> str:
    """The shape of a tree: provision ids, and '+num' for inserted provisions."""
    parts = []
    for item in nodes:
        name = item.provision_id or f"+{item.num}"
        parts.append(f"{name}({layout(item.children)})" if item.children else name)
    return " ".join(parts)


def by_id(nodes, pid) -> Node:
    return next(item for item in walk(nodes) if item.provision_id == pid)


def op(key="1", kind="replace_text", **fields) -> Operation:
    return Operation(key=key, kind=kind, **fields)


STRUCTURE_CASES = {
    "insert before, with a subtree": (
        [op(kind="insert", anchor="p2", position="before", nodes=(NEW_PARAGRAPH,))],
        "c1(a1(p1 +1a(+a) p2 p3(pt1 pt2)) a2(p4)) c2(a3(p5))",
    ),
    "insert after, with a subtree": (
        [op(kind="insert", anchor="a2", position="after", nodes=(NEW_ARTICLE,))],
        "c1(a1(p1 p2 p3(pt1 pt2)) a2(p4) +2a(+1 +2)) c2(a3(p5))",
    ),
    "insert as last child": (
        [op(kind="insert", anchor="p3", position="last_child", nodes=(new("point", "c"),))],
        "c1(a1(p1 p2 p3(pt1 pt2 +c)) a2(p4)) c2(a3(p5))",
    ),
    "insert as first child of an empty provision": (
        [op(kind="insert", anchor="p4", position="last_child", nodes=(new("point", "a"),))],
        "c1(a1(p1 p2 p3(pt1 pt2)) a2(p4(+a))) c2(a3(p5))",
    ),
    "insert several provisions at once": (
        [
            op(
                kind="insert",
                anchor="p1",
                position="after",
                nodes=(new("paragraph", "1a"), new("paragraph", "1b")),
            )
        ],
        "c1(a1(p1 +1a +1b p2 p3(pt1 pt2)) a2(p4)) c2(a3(p5))",
    ),
    "insert at the end of the text": (
        [op(kind="insert", position="last_child", nodes=(new("chapter", "III", NEW_ARTICLE),))],
        "c1(a1(p1 p2 p3(pt1 pt2)) a2(p4)) c2(a3(p5)) +III(+2a(+1 +2))",
    ),
    "insert before the first provision of the text": (
        [op(kind="insert", anchor="c1", position="before", nodes=(new("preamble", ""),))],
        "+ c1(a1(p1 p2 p3(pt1 pt2)) a2(p4)) c2(a3(p5))",
    ),
    "delete a leaf": (
        [op(kind="delete", target="p2")],
        "c1(a1(p1 p3(pt1 pt2)) a2(p4)) c2(a3(p5))",
    ),
    "delete a subtree": (
        [op(kind="delete", target="p3")],
        "c1(a1(p1 p2) a2(p4)) c2(a3(p5))",
    ),
    "delete a chapter": (
        [op(kind="delete", target="c1")],
        "c2(a3(p5))",
    ),
    "move to the end of another parent": (
        [op(kind="move", target="p4", anchor="a3", position="last_child")],
        "c1(a1(p1 p2 p3(pt1 pt2)) a2) c2(a3(p5 p4))",
    ),
    "move a subtree before a provision of another parent": (
        [op(kind="move", target="p3", anchor="p5", position="before")],
        "c1(a1(p1 p2) a2(p4)) c2(a3(p3(pt1 pt2) p5))",
    ),
    "move an article into another chapter": (
        [op(kind="move", target="a3", anchor="a1", position="after")],
        "c1(a1(p1 p2 p3(pt1 pt2)) a3(p5) a2(p4)) c2",
    ),
    "move forward within the same parent": (
        [op(kind="move", target="p1", anchor="p3", position="after")],
        "c1(a1(p2 p3(pt1 pt2) p1) a2(p4)) c2(a3(p5))",
    ),
    "move backward within the same parent": (
        [op(kind="move", target="p3", anchor="p1", position="before")],
        "c1(a1(p3(pt1 pt2) p1 p2) a2(p4)) c2(a3(p5))",
    ),
    "move to where it already is": (
        [op(kind="move", target="p2", anchor="p1", position="after")],
        BASE_LAYOUT,
    ),
    "move to the end of the text": (
        [op(kind="move", target="a2", position="last_child")],
        "c1(a1(p1 p2 p3(pt1 pt2))) c2(a3(p5)) a2(p4)",
    ),
    "renumber": ([op(kind="renumber", target="a2", num="5")], BASE_LAYOUT),
    "replace text": ([op(target="p1", text="New text.")], BASE_LAYOUT),
    "replace heading": ([op(kind="replace_heading", target="a1", heading="")], BASE_LAYOUT),
    "several operations composed": (
        [
            op("1", "delete", target="p2"),
            op("2", "move", target="p4", anchor="p1", position="after"),
            op("3", "insert", anchor="a2", position="last_child", nodes=(new("paragraph", "1"),)),
            op("4", "replace_text", target="pt2", text="older persons."),
            op("5", "renumber", target="p3", num="2"),
            op("6", "insert", anchor="c2", position="before", nodes=(NEW_ARTICLE,)),
        ],
        "c1(a1(p1 p4 p3(pt1 pt2)) a2(+1)) +2a(+1 +2) c2(a3(p5))",
    ),
    "no operations": ([], BASE_LAYOUT),
}


@pytest.mark.parametrize(
    ("operations", "expected"), list(STRUCTURE_CASES.values()), ids=list(STRUCTURE_CASES)
)
def test_apply_gives_the_expected_structure(operations, expected):
    result = apply(BASE, operations)
    assert layout(result) == expected
    assert all(item.eid for item in walk(result))


def test_inserting_into_an_empty_law():
    result = apply((), [op(kind="insert", position="last_child", nodes=(NEW_ARTICLE,))])
    assert layout(result) == "+2a(+1 +2)"
    assert [item.eid for item in walk(result)] == ["art_2a", "art_2a__para_1", "art_2a__para_2"]


EDIT_CASES = [
    ("replace_text", "p1", "text", "New text."),
    ("replace_text", "p3", "text", ""),
    ("replace_heading", "a1", "heading", "Purpose"),
    ("replace_heading", "a1", "heading", ""),
    ("renumber", "a2", "num", "2-1"),
]


@pytest.mark.parametrize(("kind", "target", "field", "value"), EDIT_CASES)
def test_edits_change_one_field_and_ask_for_a_new_revision(kind, target, field, value):
    result = apply(BASE, [op(kind=kind, target=target, **{field: value})])
    changed, original = by_id(result, target), by_id(BASE, target)
    assert getattr(changed, field) == value
    assert changed.revision_id is None
    assert changed.children == original.children
    others = ("kind", "num", "heading", "text")
    for name in others:
        if name != field:
            assert getattr(changed, name) == getattr(original, name)


def test_an_edit_to_the_same_value_keeps_the_revision():
    result = apply(BASE, [op(target="p1", text=by_id(BASE, "p1").text)])
    assert by_id(result, "p1").revision_id == by_id(BASE, "p1").revision_id


def test_moved_and_untouched_provisions_keep_their_revision_and_inserted_ones_have_none():
    result = apply(
        BASE,
        [
            op("1", "move", target="p3", anchor="a3", position="last_child"),
            op("2", "insert", anchor="p1", position="after", nodes=(NEW_PARAGRAPH,)),
        ],
    )
    for pid in ("p3", "pt1", "a2", "p4"):
        assert by_id(result, pid).revision_id == by_id(BASE, pid).revision_id
    inserted = result[0].children[0].children[1]
    assert (inserted.provision_id, inserted.revision_id, inserted.num) == (None, None, "1a")


def test_new_values_and_inserted_provisions_are_normalised():
    decomposed = unicodedata.normalize("NFD", "Çaga  hukugy\r\n")
    result = apply(
        BASE,
        [
            op("1", target="p1", text=decomposed),
            op("2", "insert", anchor="p1", position="after", nodes=(new("paragraph", " 1a "),)),
        ],
    )
    assert by_id(result, "p1").text == "Çaga  hukugy"
    assert result[0].children[0].children[1].num == "1a"


def test_eids_follow_the_new_structure():
    result = apply(
        BASE,
        [
            op("1", "move", target="p4", anchor="p5", position="after"),
            op("2", "renumber", target="p4", num="2"),
        ],
    )
    assert by_id(result, "p4").eid == "chp_II__art_3__para_2"


def test_apply_does_not_change_its_input():
    snapshot = layout(BASE), [item.text for item in walk(BASE)]
    apply(BASE, [op("1", "delete", target="a1"), op("2", target="p4", text="Changed.")])
    assert (layout(BASE), [item.text for item in walk(BASE)]) == snapshot


def test_preview_applies_one_operation():
    operation = op(kind="delete", target="a2")
    assert preview(BASE, operation) == apply(BASE, [operation])


DIFF_CASES = {
    "insert": (
        op(kind="insert", anchor="p4", position="after", nodes=(new("paragraph", "2"),)),
        ("new_eid", "chp_I__art_2__para_2"),
        ("inserted",),
    ),
    "delete": (op(kind="delete", target="p2"), ("provision_id", "p2"), ("deleted",)),
    "move": (
        op(kind="move", target="p4", anchor="a3", position="last_child"),
        ("provision_id", "p4"),
        ("moved",),
    ),
    "renumber": (
        op(kind="renumber", target="a3", num="4"),
        ("provision_id", "a3"),
        ("renumbered",),
    ),
    "replace_text": (op(target="p5", text="Services cost."), ("provision_id", "p5"), ("modified",)),
    "replace_heading": (
        op(kind="replace_heading", target="a2", heading="Entitlements"),
        ("provision_id", "a2"),
        ("modified",),
    ),
}


@pytest.mark.parametrize(
    ("operation", "where", "statuses"), list(DIFF_CASES.values()), ids=list(DIFF_CASES)
)
def test_the_redline_of_an_amendment_shows_its_kind(operation, where, statuses):
    result = compare(BASE, preview(BASE, operation))
    attribute, value = where
    changed = [entry for entry in result.entries if entry.changed]
    assert [getattr(entry, attribute) for entry in changed] == [value]
    assert changed[0].statuses == statuses


APPLY_ERRORS = {
    "unknown target": (
        [op("12", target="nope", text="x")],
        "Amendment 12 changes the text of provision nope, which is not in the text being amended.",
    ),
    "target deleted by an earlier amendment": (
        [op("3", "delete", target="a1"), op("12", target="p2", text="x")],
        "Amendment 12 changes the text of Paragraph 2 of Article 1, which is no longer in the "
        "text (another amendment deletes it or a provision holding it).",
    ),
    "target deleted twice": (
        [op("3", "delete", target="p1"), op("4", "delete", target="p1")],
        "Amendment 4 deletes Paragraph 1 of Article 1, which is no longer in the text",
    ),
    "anchor deleted by an earlier amendment": (
        [
            op("3", "delete", target="p4"),
            op("4", "insert", anchor="p4", position="after", nodes=(new("paragraph", "2"),)),
        ],
        "Amendment 4 puts provisions after Paragraph 1 of Article 2, which is no longer",
    ),
    "unknown parent": (
        [op("5", "insert", anchor="x", position="last_child", nodes=(new("paragraph", "1"),))],
        "Amendment 5 puts provisions at the end of provision x, which is not in the text",
    ),
    "move into its own subtree": (
        [op("6", "move", target="a1", anchor="p3", position="last_child")],
        "Amendment 6 moves Article 1 at the end of Paragraph 3 of Article 1, which is the "
        "provision being moved or lies inside it.",
    ),
    "move next to a provision inside itself": (
        [op("6", "move", target="c1", anchor="pt2", position="after")],
        "Amendment 6 moves Chapter I after Point b of Paragraph 3 of Article 1, which is",
    ),
    "move relative to itself": (
        [op("6", "move", target="p1", anchor="p1", position="before")],
        "Amendment 6 moves Paragraph 1 of Article 1 before Paragraph 1 of Article 1, which is",
    ),
    "move into a subtree moved into it by an earlier amendment": (
        [
            op("1", "move", target="a2", anchor="p5", position="after"),
            op("2", "move", target="a3", anchor="a2", position="last_child"),
        ],
        "Amendment 2 moves Article 3 at the end of Article 2, which is the provision being",
    ),
    "move of a deleted provision": (
        [op("1", "delete", target="c2"), op("2", "move", target="a3", position="last_child")],
        "Amendment 2 moves Article 3, which is no longer in the text",
    ),
}


@pytest.mark.parametrize(("operations", "detail"), list(APPLY_ERRORS.values()), ids=APPLY_ERRORS)
def test_operations_that_cannot_apply_are_refused(operations, detail):
    with pytest.raises(AmendmentError) as caught:
        apply(BASE, operations)
    assert caught.value.detail.startswith(detail)
    assert caught.value.key == operations[-1].key
    assert isinstance(caught.value, InvalidInput)


MALFORMED = {
    "unknown kind": ({"kind": "repeal", "target": "a1"}, "Amendment 7 has the kind 'repeal'"),
    "unknown position": (
        {"kind": "insert", "anchor": "a1", "position": "inside", "nodes": (NEW_ARTICLE,)},
        "Amendment 7 has the position 'inside'; use one of before, after, last_child.",
    ),
    "no target": ({"kind": "delete"}, "Amendment 7 (delete) needs a target provision."),
    "no new text": ({"target": "p1"}, "Amendment 7 (replace text) needs a new text."),
    "no new number": ({"kind": "renumber", "target": "p1"}, "needs a new number."),
    "nothing to insert": (
        {"kind": "insert", "anchor": "a1", "position": "after"},
        "Amendment 7 (insert) needs provisions to insert.",
    ),
    "insert without a position": (
        {"kind": "insert", "anchor": "a1", "nodes": (NEW_ARTICLE,)},
        "Amendment 7 (insert) needs a position.",
    ),
    "insert before nothing": (
        {"kind": "insert", "position": "before", "nodes": (NEW_ARTICLE,)},
        "Amendment 7 (insert) needs an anchor provision.",
    ),
    "move after nothing": (
        {"kind": "move", "target": "a1", "position": "after"},
        "Amendment 7 (move) needs an anchor provision.",
    ),
    "insert with a target": (
        {
            "kind": "insert",
            "target": "a1",
            "anchor": "a1",
            "position": "after",
            "nodes": (NEW_ARTICLE,),
        },
        "Amendment 7 (insert) does not take a target provision.",
    ),
    "delete with a text": (
        {"kind": "delete", "target": "a1", "text": ""},
        "Amendment 7 (delete) does not take a new text.",
    ),
    "replace text with a position": (
        {"target": "a1", "text": "x", "position": "after"},
        "Amendment 7 (replace text) does not take a position.",
    ),
    "inserted provision with an identity": (
        {
            "kind": "insert",
            "anchor": "a1",
            "position": "after",
            "nodes": (new("article", "1a", Node("paragraph", "1", provision_id="p9")),),
        },
        "Amendment 7 inserts a provision that already has an identity (p9)",
    ),
}


@pytest.mark.parametrize(("fields", "detail"), list(MALFORMED.values()), ids=MALFORMED)
def test_malformed_operations_are_refused(fields, detail):
    with pytest.raises(AmendmentError) as caught:
        Operation(key="7", **{"kind": "replace_text", **fields})
    assert detail in caught.value.detail
    assert caught.value.key == "7"


FOOTPRINTS = {
    "replace text": (op(target="p1", text="x"), Footprint("p1", None, frozenset())),
    "insert": (
        op(kind="insert", anchor="a1", position="after", nodes=(NEW_ARTICLE,)),
        Footprint(None, ("a1", "after"), frozenset()),
    ),
    "insert at the end": (
        op(kind="insert", position="last_child", nodes=(NEW_ARTICLE,)),
        Footprint(None, (None, "last_child"), frozenset()),
    ),
    "delete": (
        op(kind="delete", target="p3"),
        Footprint("p3", None, frozenset({"p3", "pt1", "pt2"})),
    ),
    "move": (
        op(kind="move", target="a2", anchor="a3", position="before"),
        Footprint("a2", ("a3", "before"), frozenset({"a2", "p4"})),
    ),
    "delete of an unknown provision": (
        op(kind="delete", target="x"),
        Footprint("x", None, frozenset({"x"})),
    ),
}


@pytest.mark.parametrize(("operation", "expected"), list(FOOTPRINTS.values()), ids=FOOTPRINTS)
def test_touched(operation, expected):
    assert touched(BASE, operation) == expected


def insert(key, anchor, position, num="9"):
    return op(key, "insert", anchor=anchor, position=position, nodes=(new("paragraph", num),))


CONFLICTS = {
    "two text edits": (
        [op("1", target="p1", text="x"), op("2", target="p1", text="y")],
        [("1", "2", "p1", "same_provision")],
    ),
    "text and heading of the same provision": (
        [op("1", target="a1", text="x"), op("2", "replace_heading", target="a1", heading="y")],
        [("1", "2", "a1", "same_provision")],
    ),
    "edit and delete": (
        [op("1", target="p2", text="x"), op("2", "delete", target="p2")],
        [("1", "2", "p2", "same_provision")],
    ),
    "renumber and move": (
        [
            op("1", "renumber", target="a3", num="4"),
            op("2", "move", target="a3", position="last_child"),
        ],
        [("1", "2", "a3", "same_provision")],
    ),
    "two inserts at the same place": (
        [insert("1", "p1", "after"), insert("2", "p1", "after")],
        [("1", "2", "p1", "same_place")],
    ),
    "two inserts at the end of the text": (
        [insert("1", None, "last_child"), insert("2", None, "last_child")],
        [("1", "2", None, "same_place")],
    ),
    "insert and move to the same place": (
        [
            insert("1", "a3", "last_child"),
            op("2", "move", target="p4", anchor="a3", position="last_child"),
        ],
        [("1", "2", "a3", "same_place")],
    ),
    "edit inside a deleted article": (
        [op("1", "delete", target="a1"), op("2", target="pt1", text="x")],
        [("1", "2", "pt1", "inside_deleted")],
    ),
    "delete inside a deleted article": (
        [op("1", "delete", target="p3"), op("2", "delete", target="a1")],
        [("1", "2", "p3", "inside_deleted")],
    ),
    "renumber inside a deleted chapter": (
        [op("1", "renumber", target="p5", num="2"), op("2", "delete", target="c2")],
        [("1", "2", "p5", "inside_deleted")],
    ),
    "insert into a deleted provision": (
        [op("1", "delete", target="p3"), insert("2", "p3", "last_child")],
        [("1", "2", "p3", "inside_deleted")],
    ),
    "insert next to a deleted provision": (
        [insert("1", "p2", "before"), op("2", "delete", target="p2")],
        [("1", "2", "p2", "inside_deleted")],
    ),
    "insert next to a provision inside a deleted one": (
        [insert("1", "pt1", "after"), op("2", "delete", target="a1")],
        [("1", "2", "pt1", "inside_deleted")],
    ),
    "move into a deleted provision": (
        [
            op("1", "move", target="p4", anchor="p3", position="last_child"),
            op("2", "delete", target="a1"),
        ],
        [("1", "2", "p3", "inside_deleted")],
    ),
    "move out of a deleted provision": (
        [
            op("1", "delete", target="a1"),
            op("2", "move", target="p2", anchor="a2", position="after"),
        ],
        [("1", "2", "p2", "inside_deleted")],
    ),
    "edit inside a moved article": (
        [
            op("1", "move", target="a1", anchor="a3", position="after"),
            op("2", target="p2", text="x"),
        ],
        [("1", "2", "p2", "inside_moved")],
    ),
    "renumber inside a moved article": (
        [
            op("1", "renumber", target="pt2", num="c"),
            op("2", "move", target="p3", position="last_child"),
        ],
        [("1", "2", "pt2", "inside_moved")],
    ),
    "insert into a moved provision": (
        [
            op("1", "move", target="a2", anchor="a3", position="after"),
            insert("2", "a2", "last_child"),
        ],
        [("1", "2", "a2", "inside_moved")],
    ),
    "insert next to a moved provision": (
        [op("1", "move", target="p1", anchor="p3", position="after"), insert("2", "p1", "after")],
        [("1", "2", "p1", "inside_moved")],
    ),
    "move inside a moved provision": (
        [
            op("1", "move", target="c1", position="last_child"),
            op("2", "move", target="p1", anchor="p3", position="after"),
        ],
        [("1", "2", "p1", "inside_moved")],
    ),
    "two moves into each other": (
        [
            op("1", "move", target="a2", anchor="p5", position="after"),
            op("2", "move", target="a3", anchor="p4", position="after"),
        ],
        [("1", "2", "p5", "inside_moved")],
    ),
    "delete and move of the same provision, reported once": (
        [
            op("1", "delete", target="a2"),
            op("2", "move", target="a2", anchor="a3", position="after"),
        ],
        [("1", "2", "a2", "same_provision")],
    ),
}
NOT_CONFLICTS = {
    "edits to two paragraphs of the same article": [
        op("1", target="p1", text="x"),
        op("2", target="p2", text="y"),
    ],
    "inserts before and after the same provision": [
        insert("1", "p2", "before"),
        insert("2", "p2", "after"),
    ],
    "inserts into and after the same provision": [
        insert("1", "p3", "last_child"),
        insert("2", "p3", "after"),
    ],
    "inserts into the same gap from either side": [
        insert("1", "p1", "after"),
        insert("2", "p2", "before"),
    ],
    "insert next to an edited provision": [
        insert("1", "p1", "after"),
        op("2", target="p1", text="x"),
    ],
    "delete of two sibling paragraphs": [
        op("1", "delete", target="p1"),
        op("2", "delete", target="p2"),
    ],
    "move next to an edited provision": [
        op("1", "move", target="p5", anchor="p4", position="before"),
        op("2", "renumber", target="p4", num="2"),
    ],
    "edit of the parent of a deleted provision": [
        op("1", "delete", target="p3"),
        op("2", "replace_heading", target="a1", heading="x"),
    ],
}


@pytest.mark.parametrize(("operations", "expected"), list(CONFLICTS.values()), ids=CONFLICTS)
def test_conflicts(operations, expected):
    found = conflicts(BASE, operations)
    assert [(c.first, c.second, c.provision_id, c.reason) for c in found] == expected


@pytest.mark.parametrize("operations", list(NOT_CONFLICTS.values()), ids=NOT_CONFLICTS)
def test_not_conflicts(operations):
    assert conflicts(BASE, operations) == ()
    assert apply(BASE, operations) == apply(BASE, operations[::-1])


CONFLICT_MESSAGES = [
    (
        [op("1", target="p1", text="x"), op("2", "delete", target="p1")],
        "Amendment 1 changes the text of Paragraph 1 of Article 1, and amendment 2 deletes it.",
    ),
    (
        [insert("4", "a2", "after"), insert("5", "a2", "after")],
        "Amendments 4 and 5 both put provisions after Article 2, so their order there is not "
        "decided.",
    ),
    (
        [op("1", "delete", target="a1"), op("2", target="pt1", text="x")],
        "Amendment 2 changes the text of Point a of Paragraph 3 of Article 1, which amendment 1 "
        "deletes along with Article 1.",
    ),
    (
        [
            insert("1", "c2", "last_child"),
            op("2", "move", target="c2", anchor="c1", position="before"),
        ],
        "Amendment 1 puts provisions at the end of Chapter II, which amendment 2 moves.",
    ),
]


@pytest.mark.parametrize(("operations", "message"), CONFLICT_MESSAGES)
def test_conflict_messages_name_both_amendments(operations, message):
    (found,) = conflicts(BASE, operations)
    assert found.message == message


def test_each_pair_is_reported_once_in_the_order_given():
    operations = [
        op("a", "delete", target="a1"),
        op("b", target="p5", text="x"),
        op("c", target="p1", text="x"),
        op("d", "move", target="p1", anchor="p5", position="after"),
        op("e", "renumber", target="p5", num="2"),
    ]
    found = conflicts(BASE, operations)
    assert [(c.first, c.second, c.reason) for c in found] == [
        ("a", "c", "inside_deleted"),
        ("a", "d", "inside_deleted"),
        ("b", "e", "same_provision"),
        ("c", "d", "same_provision"),
    ]
    assert all(isinstance(c, Conflict) for c in found)


def test_conflicts_name_provisions_missing_from_the_text():
    (found,) = conflicts(BASE, [op("1", "delete", target="x"), op("2", target="x", text="y")])
    assert found.provision_id == "x"
    assert "provision x" in found.message


def test_a_delete_conflicts_with_every_edit_inside_it():
    operations = [
        op(str(i), target=item.provision_id, text="x") for i, item in enumerate(walk(BASE))
    ]
    operations.append(op("end", "delete", target="c1"))
    found = conflicts(BASE, operations)
    assert {c.second for c in found} == {"end"}
    assert len(found) == sum(1 for _ in walk(BASE[:1]))


# Random trees and random sets of non-conflicting operations, applied in any order.

KIND_BY_DEPTH = ("chapter", "article", "paragraph", "point")


@st.composite
def trees(draw) -> tuple[Node, ...]:
    ids = itertools.count(1)

    def grow(level: int) -> tuple[Node, ...]:
        if level == len(KIND_BY_DEPTH):
            return ()
        width = draw(st.integers(0, 3 if level else 4))
        result = []
        for number in range(1, width + 1):
            pid = f"n{next(ids)}"
            children = grow(level + 1)
            result.append(
                Node(KIND_BY_DEPTH[level], str(number), "", f"text {pid}", children, pid, 1)
            )
        return tuple(result)

    return grow(0)


def random_operation(draw, tree: tuple[Node, ...], key: int) -> Operation:
    ids = [item.provision_id for item in walk(tree)]
    kind = draw(
        st.sampled_from(("replace_text", "replace_heading", "insert", "delete", "move", "renumber"))
    )
    if kind == "insert" or not ids:
        anchor = draw(st.sampled_from([None, *ids]))
        position = (
            "last_child"
            if anchor is None
            else draw(st.sampled_from(("before", "after", "last_child")))
        )
        return op(
            str(key), "insert", anchor=anchor, position=position, nodes=(new("point", f"new{key}"),)
        )
    target = draw(st.sampled_from(ids))
    if kind == "move":
        inside = {item.provision_id for item in walk((by_id(tree, target),))}
        anchor = draw(st.sampled_from([None, *(pid for pid in ids if pid not in inside)]))
        position = (
            "last_child"
            if anchor is None
            else draw(st.sampled_from(("before", "after", "last_child")))
        )
        return op(str(key), "move", target=target, anchor=anchor, position=position)
    field = {
        "replace_text": "text",
        "replace_heading": "heading",
        "renumber": "num",
        "delete": None,
    }[kind]
    values = {field: f"{field} {key}"} if field else {}
    return op(str(key), kind, target=target, **values)


@st.composite
def amended_trees(draw) -> tuple[tuple[Node, ...], list[Operation], list[Operation]]:
    tree = draw(trees())
    chosen: list[Operation] = []
    for key in range(draw(st.integers(0, 8))):
        candidate = random_operation(draw, tree, key)
        if not conflicts(tree, [*chosen, candidate]):
            chosen.append(candidate)
    return tree, chosen, draw(st.permutations(chosen))


@settings(max_examples=300, deadline=None)
@given(amended_trees())
def test_non_conflicting_operations_apply_in_any_order(case):
    tree, operations, shuffled = case
    assert apply(tree, shuffled) == apply(tree, operations)


def test_one_operation_from_a_form_a_stored_amendment_and_a_word_proposal():
    """The fields of an amendment give the same operation whoever holds them: the form's
    pydantic input, the stored row (nodes as JSON) and a reviewed Word document's proposal."""
    from types import SimpleNamespace

    from drafts.amend import operation_of
    from drafts.packages.schemas import AmendmentCreate
    from drafts.tree import to_dict
    from exports.word_review import Proposal

    inserted = new("paragraph", "3.", text="A new paragraph.")
    where = {"anchor_id": "p-1", "position": "after"}
    typed = AmendmentCreate(instrument_id=1, kind="insert", nodes=[to_dict(inserted)], **where)
    row = SimpleNamespace(
        kind="insert", provision_id=None, num=None, heading=None, text=None,
        nodes=[to_dict(inserted)], **where,
    )  # fmt: skip
    proposal = Proposal(kind="insert", nodes=(inserted,), **where)
    made = [operation_of(fields, key="7") for fields in (typed, row, proposal)]
    assert made[0] == made[1] == made[2]
    assert made[0].nodes == (inserted,) and made[0].anchor == "p-1"
    with pytest.raises(AmendmentError, match=r"Amendment 7 .* needs a target provision"):
        operation_of(SimpleNamespace(**{**vars(row), "kind": "delete", "nodes": []}), key="7")
