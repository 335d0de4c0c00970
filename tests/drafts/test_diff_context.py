from drafts.diff import compare
from drafts.diff_context import only_changes
from drafts.tree import Node


def article(num, *paragraphs):
    return Node(
        "article",
        str(num),
        children=tuple(Node("paragraph", str(k), text=t) for k, t in enumerate(paragraphs, 1)),
    )


OLD = tuple(article(n, f"Text {n} one.", f"Text {n} two.", f"Text {n} three.") for n in range(1, 8))
NEW = (
    *OLD[:4],
    article(5, "Text 5 one.", "Text 5 changed.", "Text 5 three."),
    *OLD[5:],
)


def test_changes_with_neighbours_and_ancestors():
    full = compare(OLD, NEW)
    result = only_changes(full, context=1)
    assert [(e.new_eid, e.statuses) for e in result.entries] == [
        ("art_5", ("unchanged",)),
        ("art_5__para_1", ("unchanged",)),
        ("art_5__para_2", ("modified",)),
        ("art_5__para_3", ("unchanged",)),
    ]
    assert result.omitted == len(full.entries) - 4
    assert result.summary() == full.summary()
    assert result.to_dict()["omitted"] == result.omitted


def test_no_context_keeps_the_change_and_its_ancestors():
    result = only_changes(compare(OLD, NEW), context=0)
    assert [e.new_eid for e in result.entries] == ["art_5", "art_5__para_2"]


def test_no_change_leaves_nothing():
    assert only_changes(compare(OLD, OLD)).entries == ()
