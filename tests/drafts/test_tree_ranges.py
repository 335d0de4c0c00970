"""Tree rows valid over a range of versions: what a version writes, and that every version,
old or new, from the newest base or an older one, reads back as it was stored."""

from __future__ import annotations

import random
from dataclasses import replace

from sqlalchemy import func, select

from drafts import service, store
from drafts.history import provision_history
from drafts.integrity import verify_versions
from drafts.models import TreeNode, Version
from drafts.order_keys import DIGITS, between, sibling_keys
from drafts.schemas import InstrumentCreate
from drafts.tree import Node, from_dict, walk
from tests.conftest import SYSTEM
from tests.factories import big_law, instrument_body


def make_law(db, provisions: list[dict]) -> tuple:
    instrument = service.create_instrument(
        session=db, data=InstrumentCreate(**instrument_body()), actor=SYSTEM
    )
    version = service.create_version(
        session=db,
        instrument=instrument,
        provisions=tuple(from_dict(p) for p in provisions),
        actor=SYSTEM,
    )
    return instrument, version


def shape(nodes) -> list:
    """What a reader sees of a tree, without ids."""
    return [(n.kind, n.num, n.heading, n.text, n.eid, shape(n.children)) for n in nodes]


def words(nodes) -> list:
    return [(n.kind, n.num, n.heading, n.text, words(n.children)) for n in nodes]


def begun_at(db, instrument, number: int) -> set[str]:
    return set(
        db.scalars(
            select(TreeNode.provision_id).where(
                TreeNode.instrument_id == instrument.id, TreeNode.from_version == number
            )
        )
    )


def test_keys_between_are_short_ordered_and_strictly_inside():
    spread = between(None, None, 800)
    assert spread == sorted(spread) and len(set(spread)) == 800
    assert max(len(key) for key in spread) == 2
    rng = random.Random(14)
    for _ in range(300):
        low, high = sorted(
            "".join(rng.choice(DIGITS) for _ in range(rng.randint(1, 4))).rstrip("0") or "1"
            for _ in range(2)
        )
        if low == high:
            continue
        keys = between(low, high, rng.randint(1, 70))
        assert low < keys[0] and keys[-1] < high and keys == sorted(set(keys))
        assert not any(key.endswith("0") for key in keys)


def test_sibling_keys_keep_the_longest_run_still_in_order():
    rng = random.Random(7)
    keys = between(None, None, 30)
    for _ in range(200):
        items = list(keys)
        for _ in range(rng.randint(1, 4)):
            action = rng.choice(("insert", "remove", "move"))
            if action == "insert":
                items.insert(rng.randint(0, len(items)), None)
            elif action == "remove" and items:
                items.pop(rng.randrange(len(items)))
            elif items:
                items.insert(rng.randint(0, len(items) - 1), items.pop(rng.randrange(len(items))))
        new = sibling_keys(items)
        assert new == sorted(set(new)) and len(new) == len(items)
        kept = sum(1 for old, key in zip(items, new, strict=True) if old == key)
        assert kept == longest_increasing([k for k in items if k is not None])
        keys = new
    kept = sibling_keys([None, "5", None, "3", "7"])
    assert kept[4] == "7" and (kept[1] == "5") != (kept[3] == "3")


def longest_increasing(keys: list[str]) -> int:
    """The length of a longest strictly increasing subsequence, the plain quadratic way."""
    best = [1] * len(keys)
    for i in range(len(keys)):
        for j in range(i):
            if keys[j] < keys[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


def test_a_reshaped_version_writes_rows_only_for_what_moved(db):
    instrument, first = make_law(db, big_law(10, 3))
    old = service.read_tree(session=db, version=first)
    articles = list(old)
    moved = articles[0].children[1]  # article 1, paragraph 2, goes to the end of article 9
    articles[0] = replace(articles[0], children=(articles[0].children[0], articles[0].children[2]))
    articles[8] = replace(articles[8], children=(*articles[8].children, replace(moved, num="4")))
    first_para, middle, last = articles[4].children  # article 5: paragraphs 3, 2, 1
    articles[4] = replace(articles[4], children=(last, middle, first_para))
    inserted = Node("article", "3a", "New", children=(Node("paragraph", "1", text="New text."),))
    articles = [*articles[:3], inserted, *articles[3:6], *articles[7:]]  # and article 7 goes
    second = service.create_version(
        session=db, instrument=instrument, provisions=tuple(articles), actor=SYSTEM
    )

    new = service.read_tree(session=db, version=second)
    written = begun_at(db, instrument, 2)
    added = {new[3].provision_id, new[3].children[0].provision_id}
    assert added | {moved.provision_id} <= written
    assert len(written) == 5  # and two of the three paragraphs of article 5 reordered
    assert written <= added | {moved.provision_id} | {n.provision_id for n in articles[5].walk()}
    assert shape(service.read_tree(session=db, version=first)) == shape(old)
    assert words(new) == words(articles)
    assert [n.num for n in new[5].children] == ["3", "2", "1"]
    assert new[8].children[3].eid == "art_9__para_4"
    assert verify_versions(db)[1] == []


def test_a_version_from_an_older_base_and_the_next_ones_read_back_exactly(db):
    instrument, first = make_law(db, big_law(6, 2))
    one = service.read_tree(session=db, version=first)
    gone = one[1]
    changed = replace(one[4], children=(replace(one[4].children[0], text="Changed."),))
    two = (one[0], *one[2:4], changed, one[5], Node("article", "7", text="Appended."))
    second = service.create_version(session=db, instrument=instrument, provisions=two, actor=SYSTEM)
    reworded = replace(one[0], children=(replace(one[0].children[0], text="Reworded."),))
    three = (reworded, *one[1:])  # from version 1: article 2 is back, article 7 unknown
    third = service.create_version(
        session=db, instrument=instrument, provisions=three, actor=SYSTEM, parent_number=1
    )
    assert third.parent_id == first.id
    four = service.read_tree(session=db, version=third)[:-1]
    fourth = service.create_version(
        session=db, instrument=instrument, provisions=four, actor=SYSTEM
    )

    for version, expected in ((first, one), (second, two), (third, three), (fourth, four)):
        read = service.read_tree(session=db, version=version)
        assert words(read) == words(expected)
        assert version.provision_count == sum(1 for _ in walk(read))
    assert verify_versions(db)[1] == []
    steps = provision_history(session=db, instrument=instrument, provision_id=gone.provision_id)
    assert [step.change for step in steps] == ["added", "removed", "added", "unchanged"]
    # the first article's paragraph shares version 1's revision again in version 3's base
    revised = {
        n.provision_id: n.revision_id for n in walk(service.read_tree(session=db, version=third))
    }
    assert revised[one[1].children[0].provision_id] == one[1].children[0].revision_id


def test_a_long_history_is_read_from_its_own_stretch(db):
    instrument, version = make_law(db, big_law(4, 4))
    size = version.provision_count
    expected = {1: service.read_tree(session=db, version=version)}
    tree = expected[1]
    for number in range(2, 13):
        tree = tuple(
            replace(a, children=tuple(replace(p, text=f"{p.text} {number}") for p in a.children))
            for a in tree
        )
        version = service.create_version(
            session=db, instrument=instrument, provisions=tree, actor=SYSTEM
        )
        expected[number] = service.read_tree(session=db, version=version)
    versions = db.scalars(
        select(Version).where(Version.instrument_id == instrument.id).order_by(Version.number)
    ).all()
    sinces = [v.nodes_since for v in versions]
    assert sinces == sorted(sinces) and len(set(sinces)) > 1  # full writes cut the history
    for version in versions:
        assert shape(service.read_tree(session=db, version=version)) == shape(
            expected[version.number]
        )
        scanned = db.scalar(
            select(func.count())
            .select_from(TreeNode)
            .where(
                TreeNode.instrument_id == instrument.id,
                TreeNode.from_version.between(version.nodes_since, version.number),
            )
        )
        assert scanned <= store.STRETCH * size
    assert verify_versions(db)[1] == []


def test_keys_grown_too_long_are_spread_anew_by_a_full_write(db, monkeypatch):
    monkeypatch.setattr(store, "KEY_ROOM", 1)
    instrument, version = make_law(db, big_law(3, 1))
    for number in range(2, 8):  # each version inserts an article right after the first
        tree = service.read_tree(session=db, version=version)
        inserted = Node("article", f"1-{number}", text=f"Inserted in version {number}.")
        version = service.create_version(
            session=db,
            instrument=instrument,
            provisions=(tree[0], inserted, *tree[1:]),
            actor=SYSTEM,
        )
        keys = db.scalars(
            select(TreeNode.order_key).where(store.shows(version), TreeNode.parent_id.is_(None))
        ).all()
        assert max(len(key) for key in keys) == 1
        assert [n.num for n in service.read_tree(session=db, version=version)][:2] == [
            "1",
            f"1-{number}",
        ]
    assert version.nodes_since > 1
    assert verify_versions(db)[1] == []
