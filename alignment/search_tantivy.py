"""Search in SQLite deployments: a tantivy index beside the database file, kept by an outbox.

Writing a document writes its row and an outbox entry (its id) in the text's transaction;
nothing else. Before each search, the index applies the entries committed since the last
one it applied (`catch_up`): it drops the documents of those ids and adds their rows as
they are now, and stores the last entry's id (the cursor) in the same tantivy commit. So a
crash anywhere leaves either the old index or the new one, both true to what they say they
have seen, and applying an entry twice does no harm. Processes on the machine share the
index: tantivy's writer lock lets one apply at a time; the others wait, then find the work
done. An index that is missing, or has seen more than the database holds (another database
at the same path), is built again from the documents.

A transaction sees its own writes before it commits: the documents it wrote or removed are
left out of the shared index's answer and searched in a small index in memory made from
its own rows (`_pending`), and the two answers are merged.
"""

from __future__ import annotations

import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import tantivy
from sqlalchemy import Connection, Engine, delete, event, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from alignment import search_tantivy_query as tq
from alignment.search_engines import documents, outbox
from alignment.search_model import FIELDS, SearchFilters
from alignment.search_query import Node
from drafts.errors import Conflict

PENDING = "kanun.search.pending"
"""Connection info: the document ids this transaction wrote or removed (None: all)."""
WRITER_HEAP = 50_000_000
LOCK_WAIT_S = 60.0
READ_CHUNK = 2_000
_COLUMNS = [documents.c.id, *(documents.c[name] for name in FIELDS)]
_NEWEST = select(func.coalesce(func.max(outbox.c.id), 0))


@dataclass
class _Shared:
    """One database's tantivy index in this process."""

    index: tantivy.Index
    lock: threading.Lock = field(default_factory=threading.Lock)
    applied: int = 0
    """The outbox id the index had applied when this process last looked."""


_indexes: dict[str, _Shared] = {}
_indexes_lock = threading.Lock()


class TantivyEngine:
    name = "sqlite"

    def write(self, session: Session, rows: list[dict]) -> None:
        session.execute(insert(documents), rows)
        # The transaction holds SQLite's one write lock from the first row on, and each row
        # takes the next rowid: the rows just written are the last ones, in order.
        last = session.scalar(select(func.max(documents.c.id)))
        self._note(session, range(last - len(rows) + 1, last + 1))

    def remove(self, session: Session, ids: list[int]) -> None:
        self._note(session, ids)

    def clear(self, session: Session) -> None:
        session.execute(insert(outbox), [{"document_id": None}])
        session.connection().info[PENDING] = None

    def _note(self, session: Session, ids) -> None:
        ids = list(ids)
        if not ids:
            return
        shared = _shared(session.get_bind().engine)
        session.execute(delete(outbox).where(outbox.c.id < shared.applied))
        session.execute(insert(outbox), [{"document_id": i} for i in ids])
        info = session.connection().info
        if PENDING not in info:
            info[PENDING] = set()
        if info[PENDING] is not None:
            info[PENDING].update(ids)

    def search(self, session: Session, node: Node | None, filters: SearchFilters, first: int,
               per_page: int):  # fmt: skip
        """(rows with a score, total, facets) of one page, or None when the query asks for
        nothing."""
        made = tq.query(node, filters)
        if made is None:
            return None
        query, ranks = made
        shared = _shared(session.get_bind().engine)
        if session.scalar(_NEWEST) != shared.applied:
            catch_up(session.get_bind().engine, shared)
        pending = session.connection().info.get(PENDING, set())
        answers = []
        if pending is not None:
            main = query
            if pending:
                main = tq.Q.boolean_query([(tq.MUST, query), (tq.MUST_NOT, tq.ids_query(pending))])
            answers.append(_answer(shared.index.searcher(), main, ranks, first + per_page))
        if pending != set():
            overlay = _overlay(session, pending)
            answers.append(_answer(overlay.searcher(), query, ranks, first + per_page))
        found = sorted(
            (hit for answer in answers for hit in answer.hits),
            key=(lambda h: (-h[0], h[1])) if ranks else (lambda h: h[1]),
        )[first : first + per_page]
        rows = _rows(session, [doc_id for _, doc_id in found])
        scores = {doc_id: score if ranks else 1.0 for score, doc_id in found}
        page = [(row, scores[row.id]) for row in rows]
        facets = {name: {} for name in tq.FACETS}
        for answer in answers:
            for name, counts in answer.facets.items():
                for value, n in counts.items():
                    facets[name][value] = facets[name].get(value, 0) + n
        return page, sum(answer.total for answer in answers), facets


@dataclass(frozen=True)
class _Answer:
    hits: list[tuple[float, int]]
    """(score, document id), best first."""
    total: int
    facets: dict[str, dict[str, int]]


def _answer(searcher: tantivy.Searcher, query, ranks: bool, limit: int) -> _Answer:
    if ranks:
        result = searcher.search(query, limit, count=True)
    else:
        result = searcher.search(query, limit, count=True, order_by_field="id",
                                 order=tantivy.Order.Asc)  # fmt: skip
    addresses = [address for _, address in result.hits]
    ids = searcher.fast_field_values("id", addresses) if addresses else []
    hits = [(float(key) if ranks else 1.0, i) for (key, _), i in zip(result.hits, ids, strict=True)]
    facets = tq.facet_counts(searcher.aggregate(query, tq.FACET_AGGREGATION))
    return _Answer(hits, result.count, facets)


def _rows(session: Session, ids: list[int]) -> list:
    """The rows of `ids` as this transaction sees them, in that order (gone ones left out)."""
    if not ids:
        return []
    found = {
        row.id: row for row in session.execute(select(*_COLUMNS).where(documents.c.id.in_(ids)))
    }
    return [found[i] for i in ids if i in found]


def _overlay(session: Session, pending: set[int] | None) -> tantivy.Index:
    """An index in memory of the rows this transaction wrote (all rows after a clear)."""
    index = tantivy.Index(tq.SCHEMA)
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    query = select(*_COLUMNS)
    if pending is None:
        chunks = [query]
    else:
        ordered = sorted(pending)
        chunks = [query.where(documents.c.id.in_(ordered[at : at + 500]))
                  for at in range(0, len(ordered), 500)]  # fmt: skip
    for chunk in chunks:
        for row in session.execute(chunk):
            writer.add_json(tq.document_json(row))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def catch_up(engine: Engine, shared: _Shared) -> None:
    """Apply the outbox entries committed since the index last looked. (A search reads the
    newest entry in its own transaction first, and comes here only when that is not the one
    this process last saw applied.)"""
    with engine.connect() as connection:
        newest = connection.scalar(_NEWEST)
        if _cursor(shared.index) == newest:
            shared.applied = newest
            return
        with shared.lock, _writer(shared.index) as writer:
            shared.index.reload()
            cursor = _cursor(shared.index)
            if cursor == newest:
                shared.applied = newest
                return
            if cursor is None or cursor > newest:
                writer.delete_all_documents()
                rows = connection.execute(select(*_COLUMNS).order_by(documents.c.id))
            else:
                rows = _changed(connection, writer, cursor, newest)
            while chunk := rows.fetchmany(READ_CHUNK):
                for row in chunk:
                    writer.add_json(tq.document_json(row))
            writer.delete_documents_by_query(tq.ids_query([tq.CURSOR_ID]))
            writer.add_json(tq.cursor_json(newest))
            writer.commit()
        shared.index.reload()
        shared.applied = newest


def _changed(connection: Connection, writer, cursor: int, newest: int):
    """Drop the documents of the entries after `cursor`; their rows as they are now."""
    entries = select(outbox.c.document_id).where(outbox.c.id > cursor, outbox.c.id <= newest)
    ids: set[int] = set()
    for document_id in connection.scalars(entries.order_by(outbox.c.id)):
        if document_id is None:
            writer.delete_all_documents()
            ids.clear()
        else:
            ids.add(document_id)
    ordered = sorted(ids)
    for at in range(0, len(ordered), 10_000):
        writer.delete_documents_by_query(tq.ids_query(ordered[at : at + 10_000]))
    return connection.execute(select(*_COLUMNS).where(documents.c.id.in_(entries)))


def _cursor(index: tantivy.Index) -> int | None:
    """The outbox id the index has applied; None for an index never built."""
    searcher = index.searcher()
    hits = searcher.search(tq.ids_query([tq.CURSOR_ID]), 1, count=False).hits
    if not hits:
        return None
    return searcher.fast_field_values("outbox", [hits[0][1]])[0]


class _writer:
    """The index's one writer, waited for while another thread or process holds it; its
    changes are committed by the caller or dropped, and the lock is let go on the way out."""

    def __init__(self, index: tantivy.Index) -> None:
        self._index = index

    def __enter__(self) -> tantivy.IndexWriter:
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=1)
                return self._writer
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() > deadline:
                    raise Conflict("The search index is busy: try again in a minute.") from error
                time.sleep(0.02)

    def __exit__(self, kind, *_exc) -> None:
        if kind is not None:
            self._writer.rollback()
        self._writer.wait_merging_threads()


def _shared(engine: Engine) -> _Shared:
    """The index of the database of `engine`: a folder beside its file, or in memory for an
    in-memory database."""
    database = engine.url.database
    key = database if database and database != ":memory:" else f"memory:{id(engine)}"
    with _indexes_lock:
        shared = _indexes.get(key)
        if shared is None:
            if key.startswith("memory:"):
                index = tantivy.Index(tq.SCHEMA)
            else:
                index = _opened(Path(f"{database}-search"))
            shared = _indexes[key] = _Shared(index)
        return shared


def _opened(folder: Path) -> tantivy.Index:
    """The index in `folder`; one written with another schema (an older Kanun's) is dropped,
    to be built again from the documents."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return tantivy.Index(tq.SCHEMA, path=str(folder))
    except ValueError as error:
        if "schema does not match" not in str(error):
            raise
    shutil.rmtree(folder)
    folder.mkdir()
    return tantivy.Index(tq.SCHEMA, path=str(folder))


def _forget(connection: Connection) -> None:
    connection.info.pop(PENDING, None)


def _forget_on_reset(_dbapi_connection, record, _reset_state) -> None:
    record.info.pop(PENDING, None)


event.listen(Engine, "commit", _forget)
event.listen(Engine, "rollback", _forget)
event.listen(Pool, "reset", _forget_on_reset)
