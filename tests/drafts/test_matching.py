"""The matching step's case table: each case compared in memory (no ids on either side) and
as the store sees it (old text with ids, new text matched to it), with the same redline."""

from dataclasses import replace

import pytest

from drafts import eids
from drafts.diff import compare
from drafts.matching import match
from drafts.tree import Node, walk


def art(num, *children, heading="", text=""):
    return Node("article", num, heading, text, children)


def para(num, text):
    return Node("paragraph", num, "", text)


def sec(num, text="", *children, heading=""):
    return Node("section", num, heading, text, children)


def part(num, heading, *children):
    return Node("part", num, heading, "", children)


def crossheading(heading, *children):
    return Node("crossheading", "", heading, "", children)


def subsections(*texts):
    """(a) with two points of its own, then (b), (c)... with `texts`."""
    points = (Node("point", "(1)", "", "One rule."), Node("point", "(2)", "", "An exception."))
    first = Node("paragraph", "(a)", "", "", points)
    rest = (
        Node("paragraph", f"({letter})", "", text)
        for letter, text in zip("bcd", texts, strict=False)
    )
    return (first, *rest)


EDUCATION = "Every child has the right to education."
FREE = "Primary education shall be free of charge."
ATTEND = "Parents shall ensure that children attend school."
FAMILY = "The state supports families with children."
HEALTH = "Children are entitled to the highest attainable standard of health."

BASE = (
    art("1", para("1", EDUCATION), para("2", FREE), para("3", ATTEND), heading="Education"),
    art("2", para("1", FAMILY), heading="Family"),
)


def edit(article, place, new):
    """BASE with one paragraph of one article replaced (None removes it)."""
    articles = list(BASE)
    children = list(articles[article].children)
    if new is None:
        del children[place]
    elif isinstance(new, tuple):
        children[place : place + 1] = list(new)
    else:
        children[place] = new
    articles[article] = replace(articles[article], children=tuple(children))
    return tuple(articles)


def with_ids(nodes):
    counter = iter(range(10_000))
    return tuple(_ids(node, counter) for node in nodes)


def _ids(node, counter):
    children = tuple(_ids(child, counter) for child in node.children)
    return replace(node, provision_id=f"p{next(counter)}", children=children)


def changes(result):
    return [(e.old_eid, e.new_eid, e.statuses) for e in result.entries if e.changed]


def statuses_of(result):
    return [(e.old_eid, e.new_eid, e.statuses) for e in result.entries]


EMERGENCY = " Provided, That such amount is designated by the Congress as an emergency requirement."
CONSERVATION = "For the Emergency Conservation Program, $500,000,000, available until expended:"
HEMP = "From 2020 the Corporation shall offer whole-farm revenue protection for hemp:"
SOCIAL = "For the Social Services Block Grant, $250,000,000, available until expended:"
CHILD = "For the Child Care and Development Block Grant, $30,000,000, available until expended:"
SOCIAL_GRANT = sec("", SOCIAL + EMERGENCY, heading="social services block grant")
CHILD_GRANT = sec("", CHILD + EMERGENCY, heading="child care and development block grant")

P2 = "art_1__para_2"
CASES = {
    "grown": (
        BASE,
        edit(
            0,
            1,
            para(
                "2",
                FREE + " Secondary education shall be made available to all "
                "children, and vocational guidance shall be offered in every school.",
            ),
        ),
        [(P2, P2, ("modified",))],
    ),
    "shrunk": (
        edit(
            0,
            1,
            para(
                "2",
                FREE + " Secondary education shall be made available to all "
                "children, and vocational guidance shall be offered in every school.",
            ),
        ),
        BASE,
        [(P2, P2, ("modified",))],
    ),
    "restated": (
        BASE,
        edit(0, 1, para("2", "The ministry publishes a yearly report on school places.")),
        [(P2, P2, ("modified",))],
    ),
    "re-occupied stub": (
        edit(0, 1, para("2", "(weggefallen)")),
        edit(0, 1, para("2", "The ministry publishes a yearly report on school places.")),
        [(P2, P2, ("modified",))],
    ),
    "stub": (BASE, edit(0, 1, para("2", "(weggefallen)")), [(P2, P2, ("repealed",))]),
    "stub to stub in another layout": (
        edit(0, 1, para("2", "(weggefallen)")),
        edit(0, 1, para("2", "- ")),
        [],
    ),
    "split": (
        BASE,
        edit(0, 1, (para("2", "Primary education shall be free"), para("2a", "of charge."))),
        [(P2, P2, ("split", "modified")), (None, "art_1__para_2a", ("split", "inserted"))],
    ),
    "merged": (
        edit(0, 1, (para("2", "Primary education shall be free"), para("2a", "of charge."))),
        BASE,
        [(P2, P2, ("merged", "modified")), ("art_1__para_2a", None, ("merged", "deleted"))],
    ),
    "renumbered": (
        BASE,
        (replace(BASE[0], num="1a"), BASE[1]),
        [("art_1", "art_1a", ("renumbered",))],
    ),
    "moved": (
        BASE,
        (
            replace(BASE[0], children=BASE[0].children[:2]),
            replace(BASE[1], children=(*BASE[1].children, para("2", ATTEND))),
        ),
        [("art_1__para_3", "art_2__para_2", ("moved", "renumbered"))],
    ),
    "re-wrapped": (
        BASE,
        edit(0, 2, para("3", "Parents shall ensure\nthat children  attend\u00a0school.")),
        [],
    ),
    "renumbered by format": (
        BASE,
        edit(0, 0, para("(1)", EDUCATION)),
        [],
    ),
    "number re-used for other content": (
        BASE,
        (
            replace(BASE[0], children=(BASE[0].children[0], para("2", HEALTH), para("3", FREE))),
            BASE[1],
        ),
        [
            (None, P2, ("inserted",)),
            (P2, "art_1__para_3", ("renumbered",)),
            ("art_1__para_3", None, ("deleted",)),
        ],
    ),
    "unnumbered provisions named by unlike headings": (
        (part("7", "LABOR", crossheading("Children", SOCIAL_GRANT)),),
        (part("7", "LABOR", crossheading("Children", CHILD_GRANT)),),
        [
            ("part_7__crossheading_1__sec_1", None, ("deleted",)),
            (None, "part_7__crossheading_1__sec_1", ("inserted",)),
        ],
    ),
    "number re-used, its old text found under a heading elsewhere": (
        (
            part(
                "1",
                "AGRICULTURE",
                crossheading("Farm Service Agency"),
                sec("107", CONSERVATION + EMERGENCY),
            ),
        ),
        (
            part(
                "1",
                "AGRICULTURE",
                crossheading(
                    "Farm Service Agency",
                    sec("", CONSERVATION.replace("500", "558") + EMERGENCY, heading="program"),
                ),
                sec("107", HEMP + EMERGENCY),
            ),
        ),
        [
            ("part_1__sec_107", "part_1__crossheading_1__sec_1", ("modified", "moved")),
            (None, "part_1__sec_107", ("inserted",)),
        ],
    ),
    "renumbered with its subdivisions but one": (
        (sec("104", "", *subsections("A limit.", "A definition.", "A designation.")),),
        (sec("103", "", *subsections("A definition.", "A designation.")),),
        [
            ("sec_104", "sec_103", ("renumbered",)),
            ("sec_104__para_b", None, ("deleted",)),
            ("sec_104__para_c", "sec_103__para_b", ("renumbered",)),
            ("sec_104__para_d", "sec_103__para_c", ("renumbered",)),
        ],
    ),
    "like headings: the one under the paired parent": (
        (
            part("1", "AGRICULTURE", sec("101", "Grants.")),
            part("2", "INTERIOR", crossheading("GENERAL PROVISION"), sec("201", "Plans.")),
        ),
        (
            part("1", "AGRICULTURE", crossheading("GENERAL PROVISION"), sec("101", "Grants.")),
            part("2", "SERVICES", sec("201", "Buildings.")),
            part("3", "INTERIOR", crossheading("GENERAL PROVISION"), sec("301", "Plans.")),
        ),
        [
            (None, "part_1__crossheading_1", ("inserted",)),
            (None, "part_2", ("inserted",)),
            (None, "part_2__sec_201", ("inserted",)),
            ("part_2", "part_3", ("renumbered",)),
            ("part_2__sec_201", "part_3__sec_301", ("renumbered",)),
        ],
    ),
}


@pytest.mark.parametrize(("old", "new", "expected"), CASES.values(), ids=CASES.keys())
def test_in_memory(old, new, expected):
    assert changes(compare(old, new)) == expected


@pytest.mark.parametrize(("old", "new", "expected"), CASES.values(), ids=CASES.keys())
def test_stored_without_ids_gives_the_same_redline(old, new, expected):
    stored_old = eids.assign(with_ids(old))
    stored_new = match(eids.assign(new), stored_old)
    assert all(node.provision_id for node in walk(stored_new))
    stored = compare(stored_old, stored_new)
    assert stored.alignment == "identity"
    assert statuses_of(stored) == statuses_of(compare(old, new))


def test_formatting_only_is_reformatted_not_a_change():
    result = compare(BASE, edit(0, 0, para("(1)", EDUCATION.replace(" ", "\n", 2))))
    entry = next(e for e in result.entries if e.new_eid == "art_1__para_1")
    assert entry.statuses == ("reformatted",)
    assert not entry.changed


def test_every_pair_has_a_confidence():
    result = compare(BASE, edit(0, 1, para("2", "Completely other words here.")))
    kept = [e for e in result.entries if e.old_eid and e.new_eid]
    assert all(0 <= e.confidence <= 1 for e in kept)
    assert next(e for e in kept if e.new_eid == P2).confidence < 0.5


def test_different_laws_pair_no_stubs_and_headings_ignore_case():
    old = (Node("chapter", "1", "GENERAL PROVISIONS", "", (art("1", text="(weggefallen)"),)),)
    new = (Node("chapter", "1", "General provisions.", "", (art("1", text="[Repealed]"),)),)
    result = compare(old, new, editions=False)
    chapter, article = result.entries[0], result.entries[1:]
    assert (chapter.old_eid, chapter.new_eid) == ("chp_1", "chp_1")
    assert all(e.old_eid is None or e.new_eid is None for e in article)


def test_instructions_never_mention_formatting_and_repeal_a_stubbed_provision():
    from drafts.instructions import instructions

    rewrapped = edit(0, 0, para("(1)", EDUCATION.replace(" ", "\n", 2)))
    assert instructions(compare(BASE, rewrapped)).items == ()
    stubbed = instructions(compare(BASE, edit(0, 1, para("2", "(weggefallen)"))))
    assert [(item.kind, item.eid) for item in stubbed.items] == [("repeal", P2)]
