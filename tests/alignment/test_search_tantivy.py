"""The SQLite deployment's search index on disk: derived from the documents, so one that is
lost or written by another schema is built again, and answers as before."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from alignment import search_tantivy
from alignment.search import SearchDocument, SearchIndex
from api.migrate import upgrade
from drafts.db import make_engine

DOCS = [
    SearchDocument("rev:1", "provision", "en", "School", "Each child has free primary education."),
    SearchDocument("rev:2", "provision", "ru", "Защита", "Государство защищает права детей."),
]  # fmt: skip
QUERIES = {
    '"primary education"': {"rev:1"},
    '"free primary education"': {"rev:1"},
    '"правах детей"': {"rev:2"},
    "education": {"rev:1"},
}


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'kanun.db'}"
    upgrade(url)
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        SearchIndex(session).add(DOCS)
        session.commit()
    yield engine
    engine.dispose()
    reopened(engine)


def answers(engine: Engine) -> dict[str, set[str]]:
    with Session(engine) as session:
        index = SearchIndex(session)
        return {q: {hit.document.doc_id for hit in index.search(q).hits} for q in QUERIES}


def reopened(engine: Engine) -> None:
    """As a new process would find the folder: nothing of it held in memory."""
    search_tantivy._indexes.pop(engine.url.database, None)


def test_the_index_answers_from_disk(engine):
    assert answers(engine) == QUERIES
    reopened(engine)
    assert answers(engine) == QUERIES


def test_a_lost_index_is_built_again(engine):
    assert answers(engine) == QUERIES
    reopened(engine)
    shutil.rmtree(f"{engine.url.database}-search")
    assert answers(engine) == QUERIES


def test_an_index_of_another_schema_is_built_again(engine):
    assert answers(engine) == QUERIES
    reopened(engine)
    folder = Path(f"{engine.url.database}-search")
    shutil.rmtree(folder)
    folder.mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body")
    old = tantivy.Index(builder.build(), path=str(folder))
    writer = old.writer(heap_size=15_000_000, num_threads=1)
    writer.add_json('{"body": "educ"}')
    writer.commit()
    writer.wait_merging_threads()
    assert answers(engine) == QUERIES
