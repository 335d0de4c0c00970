"""Search: Kanun's texts found inside the database, behind one narrow interface.

Callers index plain `SearchDocument`s and query with a string and `SearchFilters` through a
`SearchIndex` over a session: the documents are rows of the database, written in the
session's transaction, so the index can never disagree with the texts. The engines (SQLite
FTS5, PostgreSQL full-text search) are in `alignment.search_engines`, the query language in
`alignment.search_query`.

One document is one revision for the whole span in which it is valid, as half-open
ranges: `version_from <= v < version_to` and `valid_from <= day < valid_to`, where the
end is the version number and the effective date of the version that replaced it, and
None leaves that end open. A revision shared by versions 2 to 4 and replaced in version 5
from 1 March 2025 is indexed once, as versions [2, 5) and dates [its start, 2025-03-01).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    cast,
    delete,
    func,
    literal,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from alignment import search_analysis as analysis
from alignment.search_analysis import LANGUAGES
from alignment.search_engines import (
    FTS,
    OPEN_END,
    PostgresEngine,
    SqliteEngine,
    documents,
    engine_for,
    is_textual,
    keyword_condition,
)
from alignment.search_query import (
    KEYWORDS,
    QUERY_FIELDS,
    All,
    Keyword,
    Node,
    Not,
    checked,
    parse,
)
from alignment.search_snippets import snippet, wanted
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

TYPES: tuple[str, ...] = ("provision", "article", "recommendation", "amendment")
FACETS: tuple[str, ...] = ("type", "language", "instrument_id", "framework", "status")
MAX_PER_PAGE = 100
FACET_CANDIDATES = 2_000
"""Facets count at most this many of the matching documents (all of them below it)."""
BATCH = 1_000
_FIELDS = (
    "doc_id", "type", "language", "title", "text", "instrument_id", "version_from",
    "version_to", "valid_from", "valid_to", "status", "framework", "article", "eid",
    "provision_id",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One text to find: a revision of a provision, a treaty article, a recommendation…"""

    doc_id: str
    type: str
    language: str
    title: str
    text: str
    instrument_id: str | None = None
    version_from: int | None = None
    version_to: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    status: str | None = None
    framework: str | None = None
    article: str | None = None
    eid: str | None = None
    provision_id: str | None = None

    def __post_init__(self) -> None:
        if not self.doc_id:
            raise InvalidInput("A search document needs a doc_id.")
        _check_choice("type", self.type, TYPES)
        _check_choice("language", self.language, LANGUAGES)
        if _is_empty_range(self.version_from, self.version_to):
            raise InvalidInput(f"{self.doc_id}: version_to must be after version_from.")
        if _is_empty_range(self.valid_from, self.valid_to):
            raise InvalidInput(f"{self.doc_id}: valid_to must be after valid_from.")


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Conditions every result meets; None means no condition."""

    type: str | None = None
    instrument_id: str | None = None
    version: int | None = None
    as_at: date | None = None
    status: str | None = None
    framework: str | None = None
    article: str | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        if self.type is not None:
            _check_choice("type", self.type, TYPES)
        if self.language is not None:
            _check_choice("language", self.language, LANGUAGES)


@dataclass(frozen=True, slots=True)
class SearchHit:
    document: SearchDocument
    score: float
    snippet: str
    """HTML: the best passages, matched words in `<mark>`, everything else escaped."""


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: tuple[SearchHit, ...]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]]
    """Counts over the whole result set: facet name → value → documents."""

    @property
    def pages(self) -> int:
        return math.ceil(self.total / self.per_page)


class SearchIndex:
    """The search documents in the database of `session`, read and written in its
    transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._engine: SqliteEngine | PostgresEngine = engine_for(session)

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
                self._engine.remove(self._session, ids)
                self._session.execute(delete(documents).where(documents.c.id.in_(ids)))
            removed += len(ids)
        return removed

    def clear(self) -> None:
        self._engine.clear(self._session)
        self._session.execute(delete(documents))

    def count(self) -> int:
        return self._session.scalar(select(func.count()).select_from(documents))

    def documents(self) -> Iterator[tuple[str, SearchDocument]]:
        """Every indexed document by doc_id."""
        for row in self._session.execute(select(*_columns()).order_by(documents.c.id)):
            yield row.doc_id, _document(row)

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
            return _empty(page, per_page)
        plan = self._plan(node, filters)
        if plan is None:
            return _empty(page, per_page)
        source, where, score = plan
        facets, total = self._facets(source, where)
        first = (page - 1) * per_page
        if score is None:
            ranked = select(*_columns(), literal(1.0).label("score")).select_from(source)
            ranked = ranked.where(*where).order_by(documents.c.id).limit(per_page).offset(first)
        elif len(where) == 1 and isinstance(self._engine, SqliteEngine):
            ranked = _ranked_in_fts(where[0], score, per_page, first)
        else:
            ranked = select(*_columns(), score.label("score")).select_from(source).where(*where)
            ranked = ranked.order_by(score.desc(), documents.c.id).limit(per_page).offset(first)
        rows = self._session.execute(ranked).all()
        hits = tuple(_hit(row, node) for row in rows)
        return SearchResults(hits, total, page, per_page, facets)

    def _plan(self, node: Node | None, filters: SearchFilters):
        """(FROM, WHERE conditions, score) for the query, or None when nothing can match."""
        languages = _languages(filters)
        where = _conditions(filters)
        parts = node.children if isinstance(node, All) else (node,) if node else ()
        textual = [p for p in parts if is_textual(p)]
        rest = [p for p in parts if not is_textual(p)]
        wanted_text = All(tuple(textual)) if len(textual) > 1 else textual[0] if textual else None
        if wanted_text is not None and not self._engine.expressible(wanted_text):
            rest, wanted_text = list(parts), None
        where += [self._clause(p, languages) for p in rest]
        if wanted_text is None:
            return documents, where, None
        ranked = self._engine.ranked(wanted_text, languages)
        if ranked is None:
            return None
        source, matched, score = ranked
        return source, [matched, *where], score

    def _clause(self, node: Node, languages: tuple[str, ...]) -> ColumnElement[bool]:
        if isinstance(node, Keyword):
            return keyword_condition(node.field, node.value)
        if is_textual(node) and self._engine.expressible(node):
            return self._engine.condition(node, languages)
        if isinstance(node, Not):
            return not_(self._clause(node.child, languages))
        joined = [self._clause(child, languages) for child in node.children]
        return and_(*joined) if isinstance(node, All) else _or(joined)

    def _facets(self, source, where) -> tuple[dict[str, dict[str, int]], int]:
        """Counts per facet over the first `FACET_CANDIDATES` matches, and the total."""
        columns = [documents.c[name] for name in FACETS]
        candidates = (
            select(*columns)
            .select_from(source)
            .where(*where)
            .limit(FACET_CANDIDATES)
            .cte("candidates")
            .prefix_with("MATERIALIZED")
        )
        counted = union_all(
            select(
                literal("").label("facet"), literal(None, String).label("value"), func.count()
            ).select_from(candidates),
            *(
                select(literal(name), cast(candidates.c[name], String), func.count())
                .where(candidates.c[name].is_not(None))
                .group_by(candidates.c[name])
                for name in FACETS
            ),
        )
        counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        total = 0
        for name, value, n in self._session.execute(counted):
            if name:
                counts[name][value] = n
            else:
                total = n
        if total >= FACET_CANDIDATES:
            total = self._count(source, where)
        return counts, total

    def _count(self, source, where) -> int:
        if len(where) == 1 and isinstance(self._engine, SqliteEngine):
            source = FTS
        return self._session.scalar(select(func.count()).select_from(source).where(*where))

    def _write(self, docs: list[SearchDocument]) -> None:
        for start in range(0, len(docs), BATCH):
            chunk = docs[start : start + BATCH]
            rows = [_row(doc) for doc in chunk]
            terms = [_terms(doc) for doc in chunk]
            self._engine.write(self._session, rows, terms)


def _ranked_in_fts(match, score, limit: int, offset: int):
    """The page's documents ranked inside FTS5 alone (no join for every match), for a query
    without other conditions."""
    top = (
        select(FTS.c.rowid.label("id"), score.label("score"))
        .select_from(FTS)
        .where(match)
        .order_by(score.desc(), FTS.c.rowid)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    return (
        select(*_columns(), top.c.score)
        .join_from(documents, top, documents.c.id == top.c.id)
        .order_by(top.c.score.desc(), documents.c.id)
    )


def _or(clauses: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return or_(*clauses)


def _columns():
    return [documents.c[name] for name in _FIELDS]


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _empty(page: int, per_page: int) -> SearchResults:
    return SearchResults((), 0, page, per_page, {name: {} for name in FACETS})


def _row(doc: SearchDocument) -> dict:
    return {
        "doc_id": doc.doc_id,
        "type": doc.type,
        "language": doc.language,
        "title": doc.title,
        "text": doc.text,
        "instrument_id": doc.instrument_id,
        "version_from": doc.version_from or 0,
        "version_to": OPEN_END if doc.version_to is None else doc.version_to,
        "valid_from": doc.valid_from.toordinal() if doc.valid_from else 0,
        "valid_to": doc.valid_to.toordinal() if doc.valid_to else OPEN_END,
        "status": doc.status,
        "framework": doc.framework,
        "article": doc.article,
        "eid": doc.eid,
        "provision_id": None if doc.provision_id is None else str(doc.provision_id),
    }


def _terms(doc: SearchDocument) -> tuple[str, str]:
    return (
        " ".join(analysis.terms(doc.title, doc.language)),
        " ".join(analysis.terms(doc.text, doc.language)),
    )


def _document(row) -> SearchDocument:
    return SearchDocument(
        doc_id=row.doc_id,
        type=row.type,
        language=row.language,
        title=row.title,
        text=row.text,
        instrument_id=row.instrument_id,
        version_from=row.version_from or None,
        version_to=None if row.version_to == OPEN_END else row.version_to,
        valid_from=date.fromordinal(row.valid_from) if row.valid_from else None,
        valid_to=None if row.valid_to == OPEN_END else date.fromordinal(row.valid_to),
        status=row.status,
        framework=row.framework,
        article=row.article,
        eid=row.eid,
        provision_id=row.provision_id,
    )


def _hit(row, node: Node | None) -> SearchHit:
    document = _document(row)
    text_snippet = snippet(document.text, document.language, wanted(node, document.language))
    return SearchHit(document, float(row.score), text_snippet)


def _languages(filters: SearchFilters) -> tuple[str, ...]:
    return (filters.language,) if filters.language else LANGUAGES


def _conditions(filters: SearchFilters) -> list[ColumnElement[bool]]:
    c = documents.c
    conditions = [
        keyword_condition(name, value)
        for name in ("type", "instrument_id", "status", "framework", "article", "language")
        if (value := getattr(filters, name)) is not None
    ]
    if filters.version is not None:
        conditions += [c.version_from <= filters.version, c.version_to > filters.version]
    if filters.as_at is not None:
        day = filters.as_at.toordinal()
        conditions += [c.valid_from <= day, c.valid_to > day]
    return conditions


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InvalidInput(f'Unknown {name} "{value}": use one of {", ".join(choices)}.')


def _is_empty_range(start: int | date | None, end: int | date | None) -> bool:
    return start is not None and end is not None and end <= start
