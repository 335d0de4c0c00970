"""The provision store on a real database: sharing of revisions, reads, verification."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select, update

from drafts import service
from drafts.errors import InvalidInput
from drafts.integrity import verify_versions
from drafts.models import Provision, Revision, TreeNode, Version
from drafts.schemas import InstrumentCreate
from drafts.tree import Node, from_dict, walk
from tests.conftest import SYSTEM
from tests.factories import big_law, instrument_body, sample_provisions


def make_instrument(db):
    return service.create_instrument(
        session=db, data=InstrumentCreate(**instrument_body()), actor=SYSTEM
    )


def nodes(provisions: list[dict]) -> tuple[Node, ...]:
    return tuple(from_dict(p) for p in provisions)


def count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def edit_every(tree: tuple[Node, ...], step: int, words: str) -> tuple[Node, ...]:
    """The tree with the text of every `step`-th paragraph changed."""
    seen = 0

    def visit(node: Node) -> Node:
        nonlocal seen
        if node.kind == "paragraph":
            seen += 1
            if seen % step == 0:
                node = replace(node, text=f"{node.text.split(' [')[0]} [{words}]")
        return replace(node, children=tuple(visit(child) for child in node.children))

    return tuple(visit(node) for node in tree)


def test_revisions_grow_with_changes_not_with_versions(db):
    instrument = make_instrument(db)
    first = service.create_version(
        session=db, instrument=instrument, provisions=nodes(big_law(200, 4)), actor=SYSTEM
    )
    assert first.provision_count == 1000
    assert count(db, Revision) == 1000
    tree = service.read_tree(session=db, version=first)
    for round_ in range(1, 201):
        tree = edit_every(tree, 80, f"edit {round_}")  # 10 of 800 paragraphs: 1% of the law
        version = service.create_version(
            session=db, instrument=instrument, provisions=tree, actor=SYSTEM
        )
        tree = service.read_tree(session=db, version=version)
    assert version.number == 201
    assert count(db, Revision) == 1000 + 200 * 10
    assert count(db, Provision) == 1000
    assert count(db, TreeNode) == 1000 + 200 * 10  # a row for each changed provision


def test_unchanged_text_shares_revisions_and_keeps_identity(db):
    instrument = make_instrument(db)
    v1 = service.create_version(
        session=db, instrument=instrument, provisions=nodes(sample_provisions()), actor=SYSTEM
    )
    v2 = service.create_version(
        session=db, instrument=instrument, provisions=nodes(sample_provisions()), actor=SYSTEM
    )
    one, two = (service.read_tree(session=db, version=v) for v in (v1, v2))
    assert [n.revision_id for n in walk(one)] == [n.revision_id for n in walk(two)]
    assert one == two
    assert v2.content_hash != v1.content_hash  # chained to the parent


def test_turkmen_and_cyrillic_round_trip_exactly(db):
    instrument = make_instrument(db)
    text = "Türkmenistanyň Kanuny: äçňöşüýž ÄÇŇÖŞÜÝŽ. Статья 5. «Социальные услуги» — ёЁ."
    version = service.create_version(
        session=db,
        instrument=instrument,
        provisions=(Node("article", "5", "Sosial hyzmatlar", text=text),),
        actor=SYSTEM,
    )
    db.expire_all()
    (article,) = service.read_tree(session=db, version=version)
    assert article.text == text and article.heading == "Sosial hyzmatlar"


def test_decomposed_input_is_stored_as_nfc(db):
    instrument = make_instrument(db)
    decomposed = "Türkmenistanyň".replace("ü", "u\u0308").replace("ň", "n\u030c")
    version = service.create_version(
        session=db,
        instrument=instrument,
        provisions=(Node("article", "1", text=decomposed),),
        actor=SYSTEM,
    )
    assert service.read_tree(session=db, version=version)[0].text == "Türkmenistanyň"


def test_too_deep_trees_are_refused_and_nothing_is_stored(db):
    instrument = make_instrument(db)
    node = Node("point", text="deep")
    for _ in range(40):
        node = Node("point", children=(node,))
    with pytest.raises(InvalidInput, match="nested more than"):
        service.create_version(session=db, instrument=instrument, provisions=(node,), actor=SYSTEM)
    assert count(db, Version) == 0 and count(db, Revision) == 0


def test_as_at_picks_the_latest_effective_version(db):
    instrument = make_instrument(db)
    for effective, status in [
        (date(2020, 1, 1), "in_force"),
        (date(2022, 1, 1), "in_force"),
        (date(2021, 1, 1), "in_force"),
        (None, "draft"),
    ]:
        service.create_version(
            session=db,
            instrument=instrument,
            provisions=nodes(sample_provisions()),
            actor=SYSTEM,
            status=status,
            effective_date=effective,
        )
    at = service.version_as_at
    assert at(session=db, instrument=instrument, at=date(2021, 6, 1)).number == 3
    assert at(session=db, instrument=instrument, at=date(2023, 1, 1)).number == 2


def test_verify_finds_a_changed_revision(db):
    instrument = make_instrument(db)
    for _ in range(3):
        service.create_version(
            session=db, instrument=instrument, provisions=nodes(sample_provisions()), actor=SYSTEM
        )
    checked, findings = verify_versions(db)
    assert checked >= 3 and findings == []

    revision_id = db.scalar(select(Revision.id).where(Revision.kind == "preamble").limit(1))
    db.execute(update(Revision).where(Revision.id == revision_id).values(text="Tampered."))
    db.expire_all()
    _, findings = verify_versions(db)
    assert [(f.instrument_id, f.version) for f in findings] == [
        (instrument.id, 1),
        (instrument.id, 2),
        (instrument.id, 3),
    ]


def test_verify_finds_a_rewritten_hash(db):
    instrument = make_instrument(db)
    for _ in range(2):
        service.create_version(
            session=db, instrument=instrument, provisions=nodes(sample_provisions()), actor=SYSTEM
        )
    db.execute(
        update(Version)
        .where(Version.instrument_id == instrument.id, Version.number == 1)
        .values(content_hash="f" * 64)
    )
    db.expire_all()
    _, findings = verify_versions(db)
    assert {f.version for f in findings if f.instrument_id == instrument.id} == {1, 2}
