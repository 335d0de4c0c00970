"""Search: Kanun's texts found through one narrow interface.

Callers index plain `SearchDocument`s and query with a string and `SearchFilters` through a
`SearchIndex` over a session: the documents are rows of the database, written in the
session's transaction, and each engine keeps its index beside them (`alignment.
search_engines`): PostgreSQL in the database, SQLite deployments in a tantivy index fed by
an outbox. The query language is in `alignment.search_query`, the documents, filters and
results in `alignment.search_model`.

Every transaction that changes the documents also gives them a new stamp
(`SearchIndex.stamp`), a random token: an answer may be kept under the stamp read before it
was computed, and served again while the stamp is the same. A token, not a count: a count
rolled back, or a database restored from a backup, would count again to numbers that once
stood for other documents.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable, Iterator

from sqlalchemy import delete, event, func, select, update
from sqlalchemy.orm import Session

from alignment.search_engines import documents, state
from alignment.search_model import (
    FACETS,
    FIELDS,
    MAX_PER_PAGE,
    TYPES,
    SearchDocument,
    SearchFilters,
    SearchHit,
    SearchResults,
    document_of,
    empty,
    hit_of,
    row_of,
)
from alignment.search_postgres import PostgresEngine
from alignment.search_query import KEYWORDS, QUERY_FIELDS, checked, parse
from alignment.search_tantivy import TantivyEngine
from drafts.errors import Conflict, InvalidInput

__all__ = [
    "FACETS",
    "KEYWORDS",
    "MAX_PER_PAGE",
    "QUERY_FIELDS",
    "TYPES",
    "SearchDocument",
    "SearchFilters",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
]

BATCH = 1_000
CHANGED = "kanun.search.changed"
"""Session info: this transaction changed the documents."""


class SearchIndex:
    """The search documents in the database of `session`, read and written in its
    transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._engine = engine_for(session)

    def add(self, docs: Iterable[SearchDocument]) -> int:
        """Index new documents; a doc_id already indexed, or given twice, is a Conflict."""
        docs = list(docs)
        ids = Counter(doc.doc_id for doc in docs)
        clashes = {doc_id for doc_id, n in ids.items() if n > 1}
        for chunk in _chunks(list(ids)):
            clashes |= set(self._session.scalars(select(documents.c.doc_id).where(
                documents.c.doc_id.in_(chunk))))  # fmt: skip
        if clashes:
            raise Conflict(f"Already in the search index: {', '.join(sorted(clashes)[:5])}.")
        self._write(docs)
        return len(docs)

    def replace(self, docs: Iterable[SearchDocument]) -> None:
        """Index these documents, replacing any indexed under the same doc_id."""
        latest = {doc.doc_id: doc for doc in docs}
        self.delete(latest)
        self._write(list(latest.values()))

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by doc_id; returns how many were there."""
        removed = 0
        for chunk in _chunks(sorted(set(doc_ids))):
            ids = list(self._session.scalars(
                select(documents.c.id).where(documents.c.doc_id.in_(chunk))))  # fmt: skip
            if ids:
                self._changed()
                self._engine.remove(self._session, ids)
                self._session.execute(delete(documents).where(documents.c.id.in_(ids)))
            removed += len(ids)
        return removed

    def clear(self) -> None:
        self._changed()
        self._engine.clear(self._session)
        self._session.execute(delete(documents))

    def stamp(self) -> str:
        """The stamp of the documents this transaction sees. Read before searching, it names
        an answer truly: the answer holds at least what the documents held at that stamp."""
        return self._session.scalar(select(state.c.stamp))

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(documents))

    def documents(self) -> Iterator[tuple[str, SearchDocument]]:
        """Every indexed document by doc_id."""
        columns = [documents.c[name] for name in FIELDS]
        for row in self._session.execute(select(*columns).order_by(documents.c.id)):
            yield row.doc_id, document_of(row)

    def doc_ids(self) -> set[str]:
        return set(self._session.scalars(select(documents.c.doc_id)))

    def search(
        self,
        query: str,
        *,
        filters: SearchFilters = SearchFilters(),
        page: int = 1,
        per_page: int = 20,
    ) -> SearchResults:
        """One page of the documents matching `query` and `filters`, best first.

        The query language: words (all must occur), `OR`, `NOT`, `"a phrase"`, `(groups)`,
        `prefix*`, and `field:value` with the fields of `QUERY_FIELDS`. A blank query
        lists every document meeting the filters.
        """
        if page < 1 or not 1 <= per_page <= MAX_PER_PAGE:
            raise InvalidInput(f"Pages start at 1 and hold 1 to {MAX_PER_PAGE} results.")
        text = checked(query)
        node = parse(text) if text else None
        if text and node is None:
            return empty(page, per_page)
        found = self._engine.search(self._session, node, filters, (page - 1) * per_page, per_page)
        if found is None:
            return empty(page, per_page)
        rows, total, facets = found
        hits = tuple(hit_of(row, score, node) for row, score in rows)
        return SearchResults(hits, total, page, per_page, facets)

    def _write(self, docs: list[SearchDocument]) -> None:
        if docs:
            self._changed()
        for start in range(0, len(docs), BATCH):
            self._engine.write(self._session, [row_of(doc) for doc in docs[start : start + BATCH]])

    def _changed(self) -> None:
        """Stamp this transaction's documents, once, before its first change. On PostgreSQL
        the row stays locked until the commit: transactions that change the documents commit
        one after another from there (the texts' own documents are written last, at the
        commit, by `alignment.index_hook`)."""
        if not self._session.info.get(CHANGED):
            self._session.execute(update(state).values(stamp=secrets.token_hex(16)))
            self._session.info[CHANGED] = True


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _transaction_ended(session: Session) -> None:
    session.info.pop(CHANGED, None)


def engine_for(session: Session) -> PostgresEngine | TantivyEngine:
    dialect = session.get_bind().dialect.name
    return PostgresEngine() if dialect == "postgresql" else TantivyEngine()


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
