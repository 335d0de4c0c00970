import json
from dataclasses import replace

import pytest

from drafts.diff import compare, subtree
from drafts.tree import Node


def art(pid, num, *children, heading="", text=""):
    return Node("article", num, heading, text, children, provision_id=pid)


def para(pid, num, text, *children):
    return Node("paragraph", num, "", text, children, provision_id=pid)


def chapter(pid, num, heading, *children):
    return Node("chapter", num, heading, "", children, provision_id=pid)


def anonymous(nodes):
    """The same text without provision identities."""
    return tuple(
        replace(node, provision_id=None, children=anonymous(node.children)) for node in nodes
    )


def rows(result):
    return [(e.old_eid, e.new_eid, e.statuses, e.depth) for e in result.entries]


BASE = (
    art(
        "a1",
        "1",
        para("p1", "1", "Every child has the right to education."),
        para("p2", "2", "Primary education shall be free of charge."),
        para("p3", "3", "Parents shall ensure that children attend school."),
        heading="Education",
    ),
    art("a2", "2", para("p4", "1", "The state supports families with children."), heading="Family"),
)
A1_P1, A1_P2, A1_P3 = BASE[0].children
A2_P1 = BASE[1].children[0]

CASES = {
    "unchanged": (
        BASE,
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", "art_1__para_2", ("unchanged",), 1),
            ("art_1__para_3", "art_1__para_3", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "insert without renumbering": (
        (
            replace(
                BASE[0],
                children=(A1_P1, para("p9", "1-1", "Education is compulsory."), A1_P2, A1_P3),
            ),
            BASE[1],
        ),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            (None, "art_1__para_1-1", ("inserted",), 1),
            ("art_1__para_2", "art_1__para_2", ("unchanged",), 1),
            ("art_1__para_3", "art_1__para_3", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "insert with renumbering is not a move": (
        (
            replace(
                BASE[0],
                children=(
                    para("p9", "1", "Education is compulsory."),
                    replace(A1_P1, num="2"),
                    replace(A1_P2, num="3"),
                    replace(A1_P3, num="4"),
                ),
            ),
            BASE[1],
        ),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            (None, "art_1__para_1", ("inserted",), 1),
            ("art_1__para_1", "art_1__para_2", ("renumbered",), 1),
            ("art_1__para_2", "art_1__para_3", ("renumbered",), 1),
            ("art_1__para_3", "art_1__para_4", ("renumbered",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "delete stays where it was": (
        (replace(BASE[0], children=(A1_P1, A1_P3)), BASE[1]),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", None, ("deleted",), 1),
            ("art_1__para_3", "art_1__para_3", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "move among siblings": (
        (replace(BASE[0], children=(A1_P3, A1_P1, A1_P2)), BASE[1]),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_3", "art_1__para_3", ("moved",), 1),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", "art_1__para_2", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "move to another parent, renumbered and modified": (
        (
            replace(BASE[0], children=(A1_P1, A1_P2)),
            replace(
                BASE[1],
                children=(
                    A2_P1,
                    replace(A1_P3, num="2", text="Parents shall ensure that children attend."),
                ),
            ),
        ),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", "art_1__para_2", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
            ("art_1__para_3", "art_2__para_2", ("modified", "moved", "renumbered"), 1),
        ],
    ),
    "split paragraph": (
        (
            replace(
                BASE[0],
                children=(
                    A1_P1,
                    replace(A1_P2, text="Primary education shall be free."),
                    para("p9", "3", "Of charge, that is."),
                    replace(A1_P3, num="4"),
                ),
            ),
            BASE[1],
        ),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", "art_1__para_2", ("modified",), 1),
            (None, "art_1__para_3", ("inserted",), 1),
            ("art_1__para_3", "art_1__para_4", ("renumbered",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "heading only": (
        (replace(BASE[0], heading="Right to education"), BASE[1]),
        [
            ("art_1", "art_1", ("modified",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", "art_1__para_2", ("unchanged",), 1),
            ("art_1__para_3", "art_1__para_3", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
        ],
    ),
    "whole new chapter": (
        (
            *BASE,
            chapter(
                "c9",
                "3",
                "Final provisions",
                art("a9", "3", para("p10", "1", "This Law enters into force."), heading="Force"),
            ),
        ),
        [
            ("art_1", "art_1", ("unchanged",), 0),
            ("art_1__para_1", "art_1__para_1", ("unchanged",), 1),
            ("art_1__para_2", "art_1__para_2", ("unchanged",), 1),
            ("art_1__para_3", "art_1__para_3", ("unchanged",), 1),
            ("art_2", "art_2", ("unchanged",), 0),
            ("art_2__para_1", "art_2__para_1", ("unchanged",), 1),
            (None, "chp_3", ("inserted",), 0),
            (None, "chp_3__art_3", ("inserted",), 1),
            (None, "chp_3__art_3__para_1", ("inserted",), 2),
        ],
    ),
}


@pytest.mark.parametrize(("new", "expected"), CASES.values(), ids=CASES.keys())
def test_identity_alignment(new, expected):
    result = compare(BASE, new)
    assert result.alignment == "identity"
    assert rows(result) == expected


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        CASES[name]
        for name in (
            "insert with renumbering is not a move",
            "delete stays where it was",
            "move to another parent, renumbered and modified",
            "split paragraph",
            "whole new chapter",
        )
    ],
)
def test_similarity_alignment_finds_the_same_provisions(new, expected):
    result = compare(anonymous(BASE), anonymous(new))
    assert result.alignment == "similarity"
    assert rows(result) == expected


def test_two_different_instruments_are_aligned_by_similarity():
    old = (
        art("x1", "1", text="This Law governs social protection of persons with disabilities."),
        art("x2", "2", text="Benefits are paid monthly by the local authority."),
    )
    new = (
        art("y1", "1", text="Definitions used in this Law are set out below."),
        art("y2", "2", text="This Law governs the social protection of persons with disabilities."),
        art("y3", "3", text="Benefits are paid monthly by the local social authority."),
    )
    result = compare(old, new)
    assert result.alignment == "similarity"
    assert rows(result) == [
        (None, "art_1", ("inserted",), 0),
        ("art_1", "art_2", ("modified", "renumbered"), 0),
        ("art_2", "art_3", ("modified", "renumbered"), 0),
    ]


@pytest.mark.parametrize(
    ("old_text", "new_text", "ops", "statuses"),
    [
        ("", "", (), ("unchanged",)),
        ("", "Now it says something.", (("insert", "Now it says something."),), ("modified",)),
        ("It said something.", "", (("delete", "It said something."),), ("modified",)),
        (
            "a, b.",
            "a; b.",
            (("equal", "a"), ("delete", ","), ("insert", ";"), ("equal", " b.")),
            ("modified",),
        ),
        (
            "Статья применяется к гражданам.",
            "Статья применяется ко всем гражданам.",
            (
                ("equal", "Статья применяется "),
                ("delete", "к"),
                ("insert", "ко всем"),
                ("equal", " гражданам."),
            ),
            ("modified",),
        ),
        (
            "Çaga bilim almaga hukukly.",
            "Her bir çaga bilim almaga hukukly.",
            (("delete", "Çaga"), ("insert", "Her bir çaga"), ("equal", " bilim almaga hukukly.")),
            ("modified",),
        ),
    ],
    ids=["empty", "from-empty", "to-empty", "punctuation", "cyrillic", "turkmen"],
)
def test_text_ops(old_text, new_text, ops, statuses):
    result = compare((para("p", "1", old_text),), (para("p", "1", new_text),))
    (entry,) = result.entries
    assert entry.text_ops == ops
    assert entry.statuses == statuses
    assert entry.modified == (("text",) if old_text != new_text else ())


def test_equal_revisions_are_not_compared():
    old = (replace(para("p", "1", "Old."), revision_id=7),)
    new = (replace(para("p", "1", "Old."), revision_id=7),)
    assert compare(old, new).entries[0].statuses == ("unchanged",)


def test_heading_ops_and_which_part_changed():
    entry = compare(BASE, CASES["heading only"][0]).entries[0]
    assert entry.modified == ("heading",)
    assert entry.heading_ops == (("delete", "Education"), ("insert", "Right to education"))
    assert entry.old_heading == "Education"
    assert entry.new_heading == "Right to education"


def test_everything_deleted():
    assert rows(compare(BASE, ())) == [
        ("art_1", None, ("deleted",), 0),
        ("art_1__para_1", None, ("deleted",), 1),
        ("art_1__para_2", None, ("deleted",), 1),
        ("art_1__para_3", None, ("deleted",), 1),
        ("art_2", None, ("deleted",), 0),
        ("art_2__para_1", None, ("deleted",), 1),
    ]


def test_empty_versions():
    assert compare((), ()).entries == ()
    assert compare((), ()).summary()["unchanged"] == 0


def test_summary_counts_each_status():
    new, _ = CASES["move to another parent, renumbered and modified"]
    assert compare(BASE, new).summary() == {
        "unchanged": 5,
        "modified": 1,
        "inserted": 0,
        "deleted": 0,
        "moved": 1,
        "renumbered": 1,
        "reformatted": 0,
        "repealed": 0,
        "split": 0,
        "merged": 0,
    }


def test_to_dict_is_json_with_everything_a_client_renders():
    new, _ = CASES["move to another parent, renumbered and modified"]
    data = json.loads(json.dumps(compare(BASE, new).to_dict()))
    assert data["alignment"] == "identity"
    assert data["summary"]["moved"] == 1
    assert data["entries"][-1] == {
        "kind": "paragraph",
        "provision_id": "p3",
        "old_eid": "art_1__para_3",
        "new_eid": "art_2__para_2",
        "old_num": "3",
        "new_num": "2",
        "old_heading": "",
        "new_heading": "",
        "heading_ops": [],
        "text_ops": [
            ["equal", "Parents shall ensure that children attend"],
            ["delete", " school"],
            ["equal", "."],
        ],
        "statuses": ["modified", "moved", "renumbered"],
        "modified": ["text"],
        "depth": 1,
        "confidence": 1.0,
    }


@pytest.mark.parametrize("key", ["a1", "art_1", "p2", "art_1__para_2"])
def test_subtree_by_eid_or_provision_id(key):
    new, _ = CASES["delete stays where it was"]
    part = subtree(compare(BASE, new), key)
    assert part.entries[0].depth == 0
    assert part.entries[0].old_eid == ("art_1__para_2" if key.endswith("2") else "art_1")
    expected = 1 if key.endswith("2") else 4
    assert len(part.entries) == expected


def test_subtree_of_an_unknown_provision():
    with pytest.raises(KeyError, match="No provision 'art_9'"):
        subtree(compare(BASE, BASE), "art_9")
