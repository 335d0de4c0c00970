"""Commencement per provision, as pure functions: which provisions are in force on a day."""

from __future__ import annotations

from datetime import date

import pytest

from drafts.commencement import Rule, commencement_dates, in_force, pending, pending_heads
from drafts.tree import Node, walk

EFFECTIVE = date(2025, 1, 1)


def _article(num: str, *paragraphs: str) -> Node:
    return Node(
        kind="article",
        num=num,
        provision_id=f"a{num}",
        children=tuple(
            Node(kind="paragraph", num=str(i), text=text, provision_id=f"a{num}p{i}")
            for i, text in enumerate(paragraphs, 1)
        ),
    )


LAW = (
    Node(
        kind="chapter",
        num="1",
        provision_id="c1",
        children=(_article("1", "Scope."), _article("2", "Rights.", "Duties.")),
    ),
    Node(
        kind="chapter",
        num="2",
        provision_id="c2",
        children=(_article("12", "Centres."), _article("13", "Licences.")),
    ),
)


def _ids(nodes) -> set[str]:
    return {node.provision_id for node in walk(nodes)}


EVERYTHING = _ids(LAW)
CHAPTER_2 = {"c2", "a12", "a12p1", "a13", "a13p1"}


@pytest.mark.parametrize(
    ("rules", "on", "absent"),
    [
        pytest.param([], date(2025, 1, 1), set(), id="no records: the version's date"),
        pytest.param([], date(2024, 12, 31), EVERYTHING, id="before the version's date"),
        pytest.param(
            [Rule(frozenset({"c2"}), None)],
            date(2030, 1, 1),
            CHAPTER_2,
            id="chapter on a date to be set",
        ),
        pytest.param(
            [Rule(frozenset({"c2"}), None), Rule(frozenset({"a12"}), date(2025, 6, 1))],
            date(2025, 6, 1),
            ({"a13", "a13p1"}, {"c2"}),
            id="a decree brings one article in; its chapter stays as its frame",
        ),
        pytest.param(
            [Rule(frozenset({"c2"}), None), Rule(frozenset({"a12"}), date(2025, 6, 1))],
            date(2025, 5, 31),
            CHAPTER_2,
            id="the day before the decree's date",
        ),
        pytest.param(
            [Rule(frozenset({"a2p2"}), date(2026, 1, 1))],
            date(2025, 3, 1),
            {"a2p2"},
            id="one paragraph later than the rest",
        ),
        pytest.param(
            [Rule(frozenset(), date(2025, 7, 1))],
            date(2025, 3, 1),
            EVERYTHING,
            id="the whole version later than its effective date",
        ),
        pytest.param(
            [Rule(frozenset(), date(2025, 7, 1)), Rule(frozenset({"a1"}), date(2025, 2, 1))],
            date(2025, 3, 1),
            (EVERYTHING - {"c1", "a1", "a1p1"}, {"c1"}),
            id="one article before the rest of the version",
        ),
        pytest.param(
            [Rule(frozenset({"a13"}), None), Rule(frozenset({"a13"}), date(2027, 1, 1))],
            date(2027, 1, 1),
            set(),
            id="a date set later wins over 'to be set'",
        ),
    ],
)
def test_text_in_force_leaves_out_what_has_not_commenced(rules, on, absent):
    """`absent` is what the text leaves out, or (left out, kept only as a frame)."""
    absent, frames = absent if isinstance(absent, tuple) else (absent, set())
    dates = commencement_dates(LAW, rules, EFFECTIVE)
    assert _ids(in_force(LAW, dates, on)) == EVERYTHING - absent
    assert pending(LAW, dates, on) == absent | frames


def test_dates_follow_the_nearest_named_provision():
    rules = [Rule(frozenset({"c2"}), date(2026, 1, 1)), Rule(frozenset({"a13p1"}), None)]
    dates = commencement_dates(LAW, rules, EFFECTIVE)
    assert dates["a1p1"] == EFFECTIVE
    assert dates["a12p1"] == date(2026, 1, 1)
    assert dates["a13"] == date(2026, 1, 1)
    assert dates["a13p1"] is None


def test_in_force_keeps_untouched_subtrees_as_they_are():
    dates = commencement_dates(LAW, [Rule(frozenset({"a13"}), None)], EFFECTIVE)
    kept = in_force(LAW, dates, date(2025, 2, 1))
    assert kept[0] is LAW[0]
    assert [a.num for a in kept[1].children] == ["12"]


def test_pending_heads_name_the_outermost_provision_waiting():
    rules = [Rule(frozenset({"c2"}), None), Rule(frozenset({"a12"}), date(2025, 6, 1))]
    dates = commencement_dates(LAW, rules, EFFECTIVE)
    assert pending_heads(LAW, dates, date(2025, 5, 1)) == ["c2"]
    assert pending_heads(LAW, dates, date(2025, 6, 1)) == ["c2", "a13"]
