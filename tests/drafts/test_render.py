import pytest
from bs4 import BeautifulSoup

from drafts.diff import compare
from drafts.render import render
from drafts.tree import Node


def para(pid, num, text):
    return Node("paragraph", num, "", text, (), provision_id=pid)


OLD = (
    Node(
        "article",
        "5",
        "Education",
        "",
        (
            para("p1", "1", "Every child has the right to <script>alert(1)</script> education."),
            para("p2", "2", "Primary education is free."),
            para("p3", "3", "This paragraph goes."),
        ),
        provision_id="a5",
    ),
    Node("article", "6", "Health", "", (para("p4", "1", "Care is free."),), provision_id="a6"),
)
NEW = (
    Node(
        "article",
        "5",
        "Right to education",
        "",
        (
            para("p1", "1", "Every child has the right to <script>alert(1)</script> education."),
            para("p0", "2", "A new paragraph."),
            para("p2", "3", "Primary and secondary education is free."),
        ),
        provision_id="a5",
    ),
    Node("article", "6", "Health", "", (para("p4", "1", "Care is free."),), provision_id="a6"),
)


def soup(layout="inline", **options):
    return BeautifulSoup(render(compare(OLD, NEW), layout=layout, **options), "html.parser")


def entry(page, eid):
    return page.select_one(f'[data-new-eid="{eid}"], [data-old-eid="{eid}"]:not([data-new-eid])')


@pytest.mark.parametrize("layout", ["inline", "side-by-side"])
def test_script_in_a_provision_is_shown_as_text(layout):
    page = soup(layout)
    assert page.find("script") is None
    assert "<script>alert(1)</script>" in entry(page, "art_5__para_1").get_text()


def test_inline_marks_inserted_and_deleted_words():
    page = soup()
    modified = entry(page, "art_5__para_3")
    assert [ins.get_text() for ins in modified.select(".rl-text ins")] == ["and secondary "]
    assert modified.select(".rl-text del") == []
    assert modified.select_one(".rl-num del").get_text() == "2"
    assert modified.select_one(".rl-num ins").get_text() == "3"
    assert modified.select_one(".rl-mark-renumbered").get_text() == "renumbered"


def test_inline_heading_changes_are_visible():
    head = entry(soup(), "art_5").select_one(".rl-head")
    assert head.select_one(".rl-kind").get_text() == "Article"
    assert head.select_one(".rl-num").get_text() == "5"
    assert [d.get_text() for d in head.select(".rl-heading del")] == ["Education"]
    assert [i.get_text() for i in head.select(".rl-heading ins")] == ["Right to education"]


def test_inserted_and_deleted_provisions_are_marked():
    page = soup()
    inserted = page.select_one(".rl-inserted")
    assert inserted["data-new-eid"] == "art_5__para_2"
    assert inserted.select_one(".rl-text ins").get_text() == "A new paragraph."
    deleted = page.select_one(".rl-deleted")
    assert deleted["data-old-eid"] == "art_5__para_3"
    assert deleted.select_one(".rl-text del").get_text() == "This paragraph goes."
    assert deleted.select_one(".rl-mark-deleted").get_text() == "deleted"


def test_changes_are_numbered_anchors_in_document_order():
    page = soup()
    anchors = page.select(".rl-changed")
    assert [a["id"] for a in anchors] == [f"change-{n}" for n in range(1, len(anchors) + 1)]
    assert [a.get("data-new-eid") or a["data-old-eid"] for a in anchors] == [
        "art_5",
        "art_5__para_2",
        "art_5__para_3",
        "art_5__para_3",
    ]
    assert entry(page, "art_6").get("id") is None


def test_only_changes():
    page = soup(only_changes=True)
    assert len(page.select(".rl-entry")) == 4
    assert not page.select(".rl-unchanged")


def test_side_by_side_shows_each_text_in_its_column():
    page = soup("side-by-side")
    assert [th.get_text() for th in page.select("thead th")] == ["Old text", "New text"]
    row = entry(page, "art_5__para_3")
    old, new = row.select("td")
    assert old.select_one(".rl-text").get_text() == "Primary education is free."
    assert new.select_one(".rl-text ins").get_text() == "and secondary "
    assert old.select_one(".rl-num del").get_text() == "2"
    assert new.select_one(".rl-num ins").get_text() == "3"
    inserted = page.select_one("tr.rl-inserted")
    assert "rl-empty" in inserted.select("td")[0]["class"]
    deleted = page.select_one("tr.rl-deleted")
    assert "rl-empty" in deleted.select("td")[1]["class"]


def test_moved_provision_says_where_from():
    old = (
        Node(
            "article",
            "1",
            "",
            "",
            (para("p", "1", "Text."), para("q", "2", "Other.")),
            provision_id="a1",
        ),
    )
    new = (
        Node(
            "article",
            "1",
            "",
            "",
            (para("q", "1", "Other."), para("p", "2", "Text.")),
            provision_id="a1",
        ),
    )
    page = BeautifulSoup(render(compare(old, new)), "html.parser")
    mark = page.select_one(".rl-moved .rl-mark-moved")
    assert mark.get_text() == "moved"
    assert mark["title"] == "Moved from art_1__para_2"


def test_unknown_layout():
    with pytest.raises(ValueError, match="Unknown redline layout 'columns'"):
        render(compare(OLD, NEW), layout="columns")
