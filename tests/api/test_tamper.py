"""Tamper evidence: someone with database access rewrites a provision's text (or a version's
status) and recomputes every hash with Kanun's own function. The chain then agrees with itself,
but not with the checkpoints signed by a key kept outside the database."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, select, update

from drafts import service
from drafts.checkpoints import (
    Checkpoint,
    Signer,
    check_published,
    published,
    verify_checkpoints,
    write_checkpoint,
)
from drafts.hashing import version_hash
from drafts.integrity import verify_versions
from drafts.models import Revision, Version
from drafts.schemas import InstrumentCreate
from drafts.tree import from_dict
from tests.conftest import SYSTEM
from tests.factories import big_law, sample_provisions

KEY = Ed25519PrivateKey.generate()


@pytest.fixture
def signed(db):
    """Two laws of two versions each, every commit signed; (first law, its versions)."""
    Signer(KEY).install(db)
    laws = []
    for n in (1, 2):
        law = service.create_instrument(
            session=db,
            data=InstrumentCreate(
                title=f"Law on Evidence {n}",
                kind="law",
                jurisdiction="tm",
                language="en",
                work_uri=f"/akn/tm/act/2026/evidence-{n}",
            ),
            actor=SYSTEM,
        )
        for tree, status in ((sample_provisions(), "adopted"), (big_law(2), "in_force")):
            service.create_version(
                session=db,
                instrument=law,
                provisions=tuple(from_dict(node) for node in tree),
                actor=SYSTEM,
                status=status,
                effective_date=date(2024, 1, 1),
            )
            db.commit()
        laws.append(law)
    return laws[0]


def rehash(db, instrument_id: int) -> None:
    """What a careful forger does: recompute every hash of the chain with Kanun's function."""
    parent_hash = None
    for version in db.scalars(
        select(Version).where(Version.instrument_id == instrument_id).order_by(Version.number)
    ):
        db.refresh(version)
        nodes = service.read_tree(session=db, version=version)
        version.content_hash = version_hash(
            nodes, parent_hash, status=version.status, effective_date=version.effective_date
        )
        parent_hash = version.content_hash
    db.flush()


def test_an_untouched_history_verifies(db, signed):
    assert verify_versions(db)[1] == []
    count, problems = verify_checkpoints(db, KEY.public_key())
    assert count == 4 and problems == []


def test_a_rewritten_text_with_recomputed_hashes_is_detected(db, signed):
    first = db.scalar(
        select(Version).where(Version.instrument_id == signed.id, Version.number == 1)
    )
    revision_id = service.read_tree(session=db, version=first)[0].revision_id
    db.execute(
        update(Revision).where(Revision.id == revision_id).values(text="A law that says otherwise.")
    )
    rehash(db, signed.id)
    assert verify_versions(db)[1] == []  # the chain agrees with itself
    _, problems = verify_checkpoints(db, KEY.public_key())
    assert f"version 2 of instrument {signed.id} is not the one signed" in {
        p.problem for p in problems
    }


def test_a_changed_status_is_detected(db, signed):
    db.execute(
        update(Version)
        .where(Version.instrument_id == signed.id, Version.number == 2)
        .values(status="repealed")
    )
    assert verify_versions(db)[1] != []  # the hash covers the status
    rehash(db, signed.id)
    assert verify_versions(db)[1] == []
    assert verify_checkpoints(db, KEY.public_key())[1] != []


def test_removed_or_forged_checkpoints_are_detected(db, signed):
    head = published(
        db.scalar(select(Checkpoint).order_by(Checkpoint.sequence.desc())), KEY.public_key()
    )
    assert check_published(db, head, KEY.public_key()) == []
    db.execute(delete(Checkpoint).where(Checkpoint.sequence == 4))
    _, problems = verify_checkpoints(db, KEY.public_key())
    assert any("newer than the last signed checkpoint" in p.problem for p in problems)
    assert "not in the database" in check_published(db, head, KEY.public_key())[0]

    write_checkpoint(db, Ed25519PrivateKey.generate())  # a forger's key
    _, problems = verify_checkpoints(db, KEY.public_key())
    assert any("signature does not match" in p.problem for p in problems)


def test_a_rolled_back_version_signs_nothing(db, signed):
    before = db.scalar(select(Checkpoint.sequence).order_by(Checkpoint.sequence.desc()))
    service.create_version(
        session=db,
        instrument=signed,
        provisions=tuple(from_dict(node) for node in sample_provisions()),
        actor=SYSTEM,
    )
    db.rollback()
    assert db.scalar(select(Checkpoint.sequence).order_by(Checkpoint.sequence.desc())) == before
