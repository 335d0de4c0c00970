"""The pure provision tree: eIds, normalisation, hashes and identity matching."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from drafts import eids, matching
from drafts.hashing import GENESIS, version_hash
from drafts.tree import Node, depth, from_dict, normalize, normalize_text, to_dict, walk


def article(num: str, *paragraphs: str, heading: str = "") -> Node:
    return Node(
        "article",
        num,
        heading,
        children=tuple(Node("paragraph", str(i), text=t) for i, t in enumerate(paragraphs, 1)),
    )


LAW = (
    Node("preamble", text="The Mejlis adopts this Law."),
    Node(
        "chapter",
        "I",
        "General provisions",
        children=(
            article("1", "This Law governs social services.", heading="Scope"),
            article("2", "Everyone has the right to social services.", "Without discrimination."),
        ),
    ),
    Node("chapter", "II", "Services", children=(article("3", "Services are free."),)),
)


def eid_list(nodes) -> list[str]:
    return [node.eid for node in walk(eids.assign(nodes))]


def test_eids_follow_the_akoma_ntoso_pattern():
    assert eid_list(LAW) == [
        "preamble",
        "chp_I",
        "chp_I__art_1",
        "chp_I__art_1__para_1",
        "chp_I__art_2",
        "chp_I__art_2__para_1",
        "chp_I__art_2__para_2",
        "chp_II",
        "chp_II__art_3",
        "chp_II__art_3__para_1",
    ]


@pytest.mark.parametrize(
    ("num", "part"),
    [("5", "art_5"), ("5.", "art_5"), ("(a)", "art_a"), ("5.1", "art_5-1"), ("а)", "art_а")],
)
def test_eid_numbers_lose_their_punctuation(num, part):
    assert eid_list([Node("article", num)]) == [part]


def test_unnumbered_and_duplicate_siblings_get_distinct_eids():
    nodes = [
        Node("block", text="a"),
        Node("block", text="b"),
        Node("article", "4"),
        Node("article", "4"),
    ]
    assert eid_list(nodes) == ["hcontainer_1", "hcontainer_2", "art_4", "art_4_2"]


def test_parent_eid():
    assert eids.parent_eid("chp_2__art_5__para_2") == "chp_2__art_5"
    assert eids.parent_eid("art_1") == ""


def test_normalize_makes_nfc_and_trims_lines():
    decomposed = unicodedata.normalize("NFD", "Türkmenistanyň  \r\nkanuny ")
    assert normalize_text(decomposed) == "Türkmenistanyň\nkanuny"
    assert unicodedata.is_normalized("NFC", normalize_text(decomposed))


def test_normalize_keeps_turkmen_and_cyrillic_letters():
    text = "äçňöşüýž ÄÇŇÖŞÜÝŽ — «Статья» ёЁ"
    assert normalize(Node("paragraph", text=text)).text == text


def test_depth_and_dict_round_trip():
    assert depth(LAW) == 3
    assigned = eids.assign(LAW)
    assert tuple(from_dict(to_dict(node)) for node in assigned) == LAW


def test_hash_changes_with_text_status_date_and_the_parent():
    facts = {"status": "in_force", "effective_date": date(2021, 1, 1)}
    first = version_hash(LAW, None, **facts)
    assert first == version_hash(LAW, GENESIS, **facts)
    assert len(first) == 64
    changed = (LAW[0], LAW[1], Node("chapter", "II", "Services", children=(article("3", "Free."),)))
    assert version_hash(changed, None, **facts) != first
    assert version_hash(LAW, first, **facts) != first
    assert version_hash(LAW, None, status="repealed", effective_date=date(2021, 1, 1)) != first
    assert version_hash(LAW, None, status="in_force", effective_date=date(2021, 1, 2)) != first


def ids(nodes) -> dict[str, str]:
    return {node.eid: node.provision_id for node in walk(nodes)}


def numbered(nodes):
    counter = iter(range(1, 10_000))
    return matching.match(eids.assign(nodes), (), make_id=lambda: f"p{next(counter)}")


def test_matching_keeps_identity_at_the_same_eid_with_similar_text():
    old = numbered(LAW)
    edited = (
        LAW[0],
        Node(
            "chapter",
            "I",
            "General provisions",
            children=(
                article("1", "This Law governs social services.", heading="Scope"),
                article(
                    "2", "Everyone has the right to social services.", "Without any discrimination."
                ),
            ),
        ),
        LAW[2],
    )
    new = matching.match(eids.assign(edited), old, make_id=lambda: "new")
    assert ids(new) == ids(old)


def test_matching_follows_moved_and_renumbered_text():
    old = numbered(LAW)
    renumbered = (
        LAW[0],
        Node(
            "chapter",
            "I",
            "General provisions",
            children=(
                article("1", "A new first article about something else entirely.", heading="New"),
                article("2", "This Law governs social services.", heading="Scope"),
                article(
                    "3", "Everyone has the right to social services.", "Without discrimination."
                ),
            ),
        ),
    )
    new = matching.match(eids.assign(renumbered), old, make_id=lambda: "new")
    by_eid = ids(new)
    old_ids = ids(old)
    assert by_eid["chp_I__art_2__para_1"] == old_ids["chp_I__art_1__para_1"]
    assert by_eid["chp_I__art_3__para_2"] == old_ids["chp_I__art_2__para_2"]
    assert by_eid["chp_I__art_1__para_1"] == "new"


def test_matching_never_gives_one_identity_twice():
    old = numbered((Node("article", "1", text="Same words."),))
    twice = (Node("article", "1", text="Same words."), Node("article", "2", text="Same words."))
    counter = iter(range(100))
    new = matching.match(eids.assign(twice), old, make_id=lambda: f"n{next(counter)}")
    assert [n.provision_id for n in new] == [old[0].provision_id, "n0"]
