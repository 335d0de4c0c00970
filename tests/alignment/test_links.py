"""Links between provisions and treaty articles or recommendations, on a real database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from alignment import recheck
from alignment import service as alignments
from alignment.models import Alignment
from drafts import service
from drafts.audit import AuditEntry
from drafts.errors import Conflict, InvalidInput, NotFound
from drafts.models import Instrument
from drafts.schemas import InstrumentCreate
from drafts.tree import Node, from_dict, walk
from frameworks import loader
from frameworks.schemas import RecommendationSetIn
from frameworks.service import check_references
from tests.conftest import SYSTEM
from tests.factories import instrument_body, sample_provisions

ACTOR = SYSTEM
PARA = "chp_2__art_3__para_1"
"""'The best interests of the child come first.'"""


def load_crc(db) -> None:
    """The CRC and a small set of recommendations, inside the test's transaction."""
    loader.load_framework_file(db, loader.DATA / "crc.json", actor=ACTOR)
    loader.load_recommendations(
        db,
        RecommendationSetIn(
            code="TKM-CRC-2015",
            title="CRC concluding observations on Turkmenistan (2015)",
            recommendations=[
                {"number": "16(a)", "text": "Make the best interests of the child primary."},
                {"number": "16(b)", "text": "Raise awareness among judges."},
            ],
        ),
        actor=ACTOR,
    )


def make_law(db) -> Instrument:
    """A law with the sample provisions as version 1, in force from 2021."""
    instrument = service.create_instrument(
        session=db, data=InstrumentCreate(**instrument_body()), actor=ACTOR
    )
    service.create_version(
        session=db,
        instrument=instrument,
        provisions=tuple(from_dict(p) for p in sample_provisions()),
        actor=ACTOR,
        status="in_force",
        effective_date=date(2021, 1, 1),
    )
    return instrument


@pytest.fixture
def law(db) -> Instrument:
    load_crc(db)
    return make_law(db)


def node(db, instrument: Instrument, eid: str, number: int | None = None) -> Node:
    version = (
        service.get_version(session=db, instrument=instrument, number=number)
        if number
        else service.latest_version(session=db, instrument=instrument)
    )
    tree = service.read_tree(session=db, version=version)
    return next(n for n in walk(tree) if n.eid == eid)


def new_version(db, instrument: Instrument, changes: dict[str, dict | None], **fields):
    """A version from the latest one with the provisions at these eIds changed, or dropped."""
    latest = service.latest_version(session=db, instrument=instrument)

    def visit(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        kept = []
        for item in nodes:
            if item.eid in changes and changes[item.eid] is None:
                continue
            item = replace(item, **changes.get(item.eid, {}), children=visit(item.children))
            kept.append(item)
        return tuple(kept)

    tree = visit(service.read_tree(session=db, version=latest))
    return service.create_version(
        session=db, instrument=instrument, provisions=tree, actor=ACTOR, **fields
    )


def link(db, provision_id: str, article: str = "3", **fields) -> Alignment:
    values = {"relation": "implements", "status": "confirmed"} | fields
    return alignments.create(
        session=db,
        provision_id=provision_id,
        framework="CRC",
        article=article,
        actor=ACTOR,
        **values,
    )


def check(db, alignment: Alignment, version=None) -> recheck.Check:
    return recheck.check(session=db, alignments=[alignment], version=version)[alignment.id]


def test_a_link_survives_new_versions_and_renumbering(db, law):
    para = node(db, law, PARA)
    alignment = link(db, para.provision_id)
    assert alignment.reviewed_revision_id == para.revision_id
    new_version(db, law, {"chp_1__art_1__para_1": {"text": "This Law governs all services."}})
    new_version(db, law, {"chp_2__art_3": {"num": "4"}})
    found = check(db, alignment)
    assert (found.version, found.eid, found.needs_recheck) == (3, "chp_2__art_4__para_1", False)
    listed, total = alignments.list_alignments(
        session=db, offset=0, limit=10, provision_id=para.provision_id
    )
    assert total == 1 and listed[0].id == alignment.id


def test_recheck_appears_when_the_wording_changes_and_clears_on_confirming(db, law):
    para = node(db, law, PARA)
    alignment = link(db, para.provision_id)
    new_version(db, law, {PARA: {"text": "The best interests of every child come first."}})
    found = check(db, alignment)
    assert found.needs_recheck and found.eid == PARA
    assert found.redline["text"][1:3] == [["delete", "the"], ["insert", "every"]]
    assert found.redline["heading"] == []

    alignments.update(session=db, alignment=alignment, actor=ACTOR, status="confirmed")
    assert not check(db, alignment).needs_recheck
    version_1 = service.get_version(session=db, instrument=law, number=1)
    assert check(db, alignment, version_1).needs_recheck


def test_editing_a_confirmed_link_records_the_wording_reviewed(db, law):
    para = node(db, law, PARA)
    alignment = link(db, para.provision_id)
    new_version(db, law, {PARA: {"text": "Children come first."}})
    alignments.update(session=db, alignment=alignment, actor=ACTOR, relation="partially_implements")
    assert alignment.reviewed_revision_id == node(db, law, PARA).revision_id
    assert not check(db, alignment).needs_recheck


def test_a_provision_gone_from_the_latest_version_is_reported(db, law):
    para = node(db, law, PARA)
    confirmed = link(db, para.provision_id)
    suggested = link(db, para.provision_id, article="12", status="suggested")
    new_version(db, law, {PARA: None})
    gone = check(db, confirmed)
    assert (gone.eid, gone.needs_recheck, gone.redline) == (None, True, None)
    assert check(db, suggested).eid is None
    with pytest.raises(InvalidInput, match="not in the latest version"):
        alignments.update(session=db, alignment=suggested, actor=ACTOR, status="confirmed")


def test_links_to_recommendations(db, law):
    para = node(db, law, PARA)
    alignment = alignments.create(
        session=db,
        provision_id=para.provision_id,
        recommendation_set="TKM-CRC-2015",
        recommendation="16(a)",
        relation="implements",
        actor=ACTOR,
    )
    assert alignment.status == "suggested" and alignment.recommendation.number == "16(a)"
    assert alignments.target_name(alignment) == "recommendation 16(a)"
    found, total = alignments.list_alignments(
        session=db, offset=0, limit=10, recommendation_set="TKM-CRC-2015"
    )
    assert total == 1 and found == [alignment]


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ({}, "either a treaty article"),
        (
            {"framework": "CRC", "article": "3", "recommendation_set": "TKM-CRC-2015"}
            | {"recommendation": "16(a)"},
            "not both",
        ),
        ({"framework": "CRC", "article": "99"}, "There is no article 99 in the framework CRC."),
        ({"recommendation_set": "X", "recommendation": "1"}, "no recommendation 1 in the set X"),
    ],
)
def test_a_link_needs_exactly_one_known_target(db, law, target, problem):
    para = node(db, law, PARA)
    with pytest.raises(InvalidInput, match=problem):
        alignments.create(
            session=db, provision_id=para.provision_id, relation="references", actor=ACTOR, **target
        )


def test_unknown_provision_and_link_are_not_found(db, law):
    with pytest.raises(NotFound, match=r"There is no provision nope\."):
        link(db, "nope")
    with pytest.raises(NotFound, match=r"There is no alignment with id 0\."):
        alignments.get(session=db, alignment_id=0)


def test_the_database_holds_exactly_one_target(db, law):
    para = node(db, law, PARA)
    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(
            Alignment(provision_id=para.provision_id, instrument_id=law.id, relation="references")
        )
        db.flush()


def test_the_same_link_twice_is_a_conflict(db, law):
    para = node(db, law, PARA)
    first = link(db, para.provision_id, status="suggested")
    with pytest.raises(
        Conflict, match=f"already linked to CRC article 3 \\(alignment {first.id}\\)"
    ):
        link(db, para.provision_id, relation="references")


def test_confirmed_links_are_rejected_not_deleted_and_every_write_is_audited(db, law):
    para = node(db, law, PARA)
    alignment = link(db, para.provision_id)
    with pytest.raises(Conflict, match="reject it instead"):
        alignments.delete(session=db, alignment=alignment, actor=ACTOR)
    alignments.update(session=db, alignment=alignment, actor=ACTOR, status="rejected", note="No.")
    alignments.delete(session=db, alignment=alignment, actor=ACTOR)
    assert db.get(Alignment, alignment.id) is None
    actions = db.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.target_id == str(alignment.id))
        .where(AuditEntry.target_type == "alignment")
        .order_by(AuditEntry.id)
    ).all()
    assert actions == ["alignment.create", "alignment.update", "alignment.delete"]


def test_lists_are_filtered_and_paginated(db, law):
    first = node(db, law, PARA)
    second = node(db, law, "chp_1__art_2__para_2")
    link(db, first.provision_id, article="3")
    link(db, second.provision_id, article="2", status="suggested")
    link(db, second.provision_id, article="12", relation="references")

    def listed(**filters) -> list[str]:
        items, _ = alignments.list_alignments(session=db, offset=0, limit=10, **filters)
        return [item.article.number for item in items]

    assert listed(instrument_id=law.id) == ["3", "2", "12"]
    assert listed(framework="CRC", article="2") == ["2"]
    assert listed(status="confirmed", relation="references") == ["12"]
    assert listed(framework="CRPD") == []
    page, total = alignments.list_alignments(session=db, offset=2, limit=2, instrument_id=law.id)
    assert total == 3 and len(page) == 1
    with pytest.raises(InvalidInput, match="Name the framework"):
        listed(article="3")


@pytest.mark.parametrize(
    ("refs", "problem"),
    [
        ([{"framework": "ICCPR", "articles": [1]}], "There is no framework with the code ICCPR."),
        ([{"framework": "CRC", "articles": [3, 55]}], "CRC has no article 55."),
    ],
)
def test_treaty_references_are_checked(db, refs, problem):
    load_crc(db)
    check_references(session=db, refs=[{"framework": "CRC", "articles": [1]}])
    with pytest.raises(InvalidInput, match=problem):
        check_references(session=db, refs=refs)
