from datetime import date

import pytest

from alignment.indexing import (
    NEVER_IN_FORCE,
    Stretch,
    VersionFacts,
    database_documents,
    in_force_days,
    rebuild,
    stretches,
)
from alignment.search import SearchFilters, SearchIndex
from drafts import service
from drafts.schemas import InstrumentCreate
from drafts.tree import Node
from frameworks.loader import load_shipped
from tests.conftest import SYSTEM
from tests.factories import instrument_body

D1, D2, D3 = date(2020, 1, 1), date(2022, 1, 1), date(2024, 1, 1)


def facts(*rows: tuple[str, date | None]) -> dict[int, VersionFacts]:
    return {n: VersionFacts(n, status, day) for n, (status, day) in enumerate(rows, 1)}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("in_force", D1), ("in_force", D2)], {1: (D1, D2), 2: (D2, None)}),
        ([("in_force", D1), ("draft", None)], {1: (D1, None)}),
        ([("in_force", D1), ("repealed", D2), ("in_force", D3)], {1: (D1, D2), 3: (D3, None)}),
        ([("in_force", D1), ("in_force", D1)], {2: (D1, None)}),
        ([("in_force", D2), ("in_force", D1)], {2: (D1, D2), 1: (D2, None)}),
    ],
)
def test_in_force_days(rows, expected):
    assert in_force_days(facts(*rows).values()) == expected


@pytest.mark.parametrize(
    ("numbers", "rows", "expected"),
    [
        (
            [1, 2, 3],
            [("in_force", D1), ("draft", None), ("in_force", D2), ("in_force", D3)],
            [Stretch(1, 4, D1, D3, "in_force")],
        ),
        (
            [2, 3, 4],
            [("in_force", D1), ("in_force", D2), ("draft", None), ("draft", None)],
            [Stretch(2, None, D2, None, "draft")],
        ),
        (
            [1, 3],
            [("in_force", D1), ("in_force", D2), ("in_force", D3)],
            [Stretch(1, 2, D1, D2, "in_force"), Stretch(3, None, D3, None, "in_force")],
        ),
        (
            [1, 2, 3],
            [("in_force", D1), ("repealed", D2), ("in_force", D3)],
            [Stretch(1, 3, D1, D2, "repealed"), Stretch(3, None, D3, None, "in_force")],
        ),
        (
            [2],
            [("in_force", D1), ("draft", None)],
            [Stretch(2, None, NEVER_IN_FORCE, None, "draft")],
        ),
    ],
)  # fmt: skip
def test_stretches(numbers, rows, expected):
    versions = facts(*rows)
    assert stretches(numbers, latest=max(versions), versions=versions) == expected


def law(db):
    return service.create_instrument(
        session=db, data=InstrumentCreate(**instrument_body()), actor=SYSTEM
    )


def add(db, instrument, texts: list[str], **fields):
    nodes = tuple(Node("article", num=str(i), text=text) for i, text in enumerate(texts, 1))
    return service.create_version(
        session=db, instrument=instrument, provisions=nodes, actor=SYSTEM, **fields
    )


def provision_docs(db, instrument):
    docs = [d for d in database_documents(db) if d.instrument_id == str(instrument.id)]
    return {(d.text, d.version_from, d.version_to, d.valid_from, d.valid_to) for d in docs}


def test_documents_carry_version_and_date_ranges(db):
    instrument = law(db)
    add(db, instrument, ["Child benefit.", "Old wording."], status="in_force", effective_date=D1)
    add(db, instrument, ["Child benefit.", "New wording."], status="in_force", effective_date=D2)
    add(db, instrument, ["Child benefit.", "Draft wording."])
    assert provision_docs(db, instrument) == {
        ("Child benefit.", 1, None, D1, None),
        ("Old wording.", 1, 2, D1, D2),
        ("New wording.", 2, 3, D2, None),
        ("Draft wording.", 3, None, NEVER_IN_FORCE, None),
    }


def test_a_wording_that_returns_gets_a_document_per_stretch(db):
    instrument = law(db)
    add(db, instrument, ["Same.", "First wording."], status="in_force", effective_date=D1)
    add(db, instrument, ["Same.", "Second wording."], status="in_force", effective_date=D2)
    add(db, instrument, ["Same.", "First wording."], parent_number=1, status="in_force",
        effective_date=D3)  # fmt: skip
    docs = provision_docs(db, instrument)
    assert ("First wording.", 1, 2, D1, D2) in docs
    assert ("First wording.", 3, None, D3, None) in docs
    assert ("Same.", 1, None, D1, None) in docs


@pytest.fixture
def index(db) -> SearchIndex:
    return SearchIndex(db)


def texts(index: SearchIndex, **filters) -> set[str]:
    hits = index.search("", filters=SearchFilters(type="provision", **filters), per_page=100).hits
    return {hit.document.text for hit in hits}


def indexed(db) -> set[tuple]:
    return {
        (d.doc_id, d.text, d.version_from, d.version_to, d.valid_from, d.valid_to)
        for _, d in SearchIndex(db).documents()
    }


def expected(db) -> set[tuple]:
    return {
        (d.doc_id, d.text, d.version_from, d.version_to, d.valid_from, d.valid_to)
        for d in database_documents(db)
    }


def test_each_commit_writes_its_documents_in_the_same_transaction(db, index):
    instrument = law(db)
    add(db, instrument, ["Child benefit.", "Old wording."], status="in_force", effective_date=D1)
    db.commit()
    add(db, instrument, ["Child benefit.", "New wording."], status="in_force", effective_date=D2)
    db.commit()
    key = str(instrument.id)
    assert texts(index, instrument_id=key, version=1) == {"Child benefit.", "Old wording."}
    assert texts(index, instrument_id=key, version=2) == {"Child benefit.", "New wording."}
    assert texts(index, instrument_id=key, as_at=date(2021, 6, 1)) == {
        "Child benefit.",
        "Old wording.",
    }
    assert texts(index, instrument_id=key, as_at=D2) == {"Child benefit.", "New wording."}
    assert indexed(db) == expected(db)


def test_a_rollback_takes_the_documents_with_the_text(sessions):
    with sessions() as session:
        instrument = law(session)
        add(session, instrument, ["Committed text."], status="in_force", effective_date=D1)
        session.commit()
        add(session, instrument, ["Rolled back text."])
        session.flush()
        session.rollback()
        assert texts(SearchIndex(session)) == {"Committed text."}
        assert indexed(session) == expected(session)


def test_rebuild_writes_what_the_database_implies(db, index):
    instrument = law(db)
    add(db, instrument, ["One.", "Two."], status="in_force", effective_date=D1)
    db.commit()
    index.delete([doc_id for doc_id, _ in index.documents()][:1])
    assert indexed(db) != expected(db)
    assert rebuild(db) == len(expected(db))
    assert indexed(db) == expected(db)


def test_treaty_articles_and_recommendations_are_indexed(db, index):
    load_shipped(db, actor=SYSTEM)
    db.commit()
    (hit,) = index.search('article:"CRC:3"', filters=SearchFilters(language="en")).hits
    assert hit.document.title == "CRC article 3: Best interests of the child"
    assert hit.document.type == "article" and hit.document.framework == "CRC"
    recommendations = index.search("", filters=SearchFilters(type="recommendation"))
    assert recommendations.total > 200
