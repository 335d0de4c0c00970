"""The search index: Kanun's texts in a Whoosh index on disk, behind one narrow interface.

Callers index plain `SearchDocument`s and query with a string and `SearchFilters`; nothing
here knows the database, so the index can be rebuilt from it at any time, and another
engine (PostgreSQL full-text search) can stand behind the same interface later.

One document is one revision for the whole span in which it is valid, as half-open
ranges: `version_from <= v < version_to` and `valid_from <= day < valid_to`, where the
end is the version number and the effective date of the version that replaced it, and
None leaves that end open. A revision shared by versions 2 to 4 and replaced in version 5
from 1 March 2025 is indexed once, as versions [2, 5) and dates [its start, 2025-03-01).
"""

from __future__ import annotations

import html
import json
import math
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from whoosh import highlight, index, sorting
from whoosh.analysis import IDAnalyzer
from whoosh.columns import RefBytesColumn
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.index import EmptyIndexError, LockError
from whoosh.qparser import FieldAliasPlugin, FieldsPlugin, MultifieldParser
from whoosh.query import And, Every, NumericRange, Or, Query, Term
from whoosh.searching import Hit, Searcher
from whoosh.writing import CLEAR, OPTIMIZE, IndexWriter

from alignment.search_analysis import ANALYZERS, LANGUAGES
from drafts.errors import Conflict, InvalidInput, NotFound

TYPES: tuple[str, ...] = ("provision", "article", "recommendation", "amendment")
KEYWORDS: tuple[str, ...] = (
    "type", "language", "instrument_id", "status", "framework", "article", "eid",
)  # fmt: skip
"""Exact-value fields, matched without regard to case, in filters and in `field:value`."""
FACETS: tuple[str, ...] = ("type", "language", "instrument_id", "framework", "status")
QUERY_FIELDS: tuple[str, ...] = ("title", "text", *KEYWORDS)

MAX_QUERY_LENGTH = 500
MAX_PER_PAGE = 100
SNIPPET_CHARS = 240
FILTER_CACHE = 64
"""Filter sets a thread keeps for its searcher."""
SIMILAR_TERMS = 12
BULK_SIZE = 5_000
"""Batches at least this large are indexed by two processes, one per core."""
WRITER_MB = 256
WRITE_WAIT_SECONDS = 10.0
_OPEN_END = 2**31 - 1


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


@dataclass(frozen=True, slots=True)
class SimilarDocument:
    document: SearchDocument
    score: float
    matched_terms: tuple[str, ...]
    """Words of the given text, as written there, that this document shares."""


class SearchIndex:
    """A Whoosh index in one folder; open one with `SearchIndex.open` or `.create`."""

    def __init__(self, ix: index.Index) -> None:
        self._index = ix
        self._parsers = {language: _parser(ix.schema, language) for language in LANGUAGES}
        self._local = threading.local()

    @classmethod
    def create(cls, path: str | Path) -> SearchIndex:
        """A new empty index in `path`, replacing any index already there."""
        Path(path).mkdir(parents=True, exist_ok=True)
        return cls(index.create_in(str(path), _schema()))

    @classmethod
    def open(cls, path: str | Path) -> SearchIndex:
        try:
            return cls(index.open_dir(str(path)))
        except (EmptyIndexError, FileNotFoundError) as error:
            raise NotFound(f"There is no search index in {path}; rebuild it.") from error

    def add(self, docs: Iterable[SearchDocument]) -> int:
        """Index new documents; a doc_id already indexed, or given twice, is a Conflict."""
        docs = list(docs)
        ids = Counter(doc.doc_id for doc in docs)
        clashes = {doc_id for doc_id, n in ids.items() if n > 1}
        if self.count():
            searcher = self._searcher()
            clashes |= {i for i in ids if searcher.document_number(doc_id=i) is not None}
        if clashes:
            raise Conflict(f"Already in the search index: {', '.join(sorted(clashes)[:5])}.")
        with self._writer(bulk=len(docs) >= BULK_SIZE) as writer:
            for doc in docs:
                writer.add_document(**_fields(doc))
        return len(docs)

    def replace(self, docs: Iterable[SearchDocument]) -> None:
        """Index these documents, replacing any indexed under the same doc_id."""
        with self._writer() as writer:
            for doc in docs:
                writer.update_document(**_fields(doc))

    def delete(self, doc_ids: Iterable[str]) -> int:
        """Remove documents by doc_id; returns how many were there."""
        with self._writer() as writer:
            return sum(writer.delete_by_term("doc_id", doc_id) for doc_id in doc_ids)

    def clear(self) -> None:
        with self._writer() as writer:
            writer.mergetype = CLEAR

    def optimize(self) -> None:
        """Merge the index into one segment, after a large batch of changes."""
        with self._writer() as writer:
            writer.mergetype = OPTIMIZE

    def count(self) -> int:
        return self._index.doc_count()

    def documents(self) -> Iterator[tuple[str, SearchDocument]]:
        """Every indexed document by doc_id, to compare with the database."""
        if self._index.is_empty():
            return
        with self._index.reader() as reader:
            for _, stored in reader.iter_docs():
                document = _stored(stored["document"])
                yield document.doc_id, document

    def doc_ids(self) -> set[str]:
        """Every indexed doc_id, to compare with the database."""
        if self._index.is_empty():
            return set()
        with self._index.reader() as reader:
            column = reader.column_reader("doc_id")
            return {column[docnum] for docnum in reader.all_doc_ids()}

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
        searcher = self._searcher()
        wanted = self._query(query, filters)
        allowed = self._allowed(searcher, filters)
        if allowed is not None and not allowed:
            return SearchResults((), 0, page, per_page, {name: {} for name in FACETS})
        facets = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS}
        results = searcher.search(wanted, limit=page * per_page, groupedby=facets, filter=allowed)
        results.formatter = _MarkFormatter()
        results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS)
        first = (page - 1) * per_page
        hits = tuple(_hit(hit) for hit in results[first : first + per_page])
        counts = {name: _counts(results.groups(name)) for name in FACETS}
        return SearchResults(hits, len(results), page, per_page, counts)

    def more_like_this(
        self, text: str, *, filters: SearchFilters = SearchFilters(), limit: int = 10
    ) -> list[SimilarDocument]:
        """The documents closest to `text` by its most telling words, best first."""
        if not 1 <= limit <= MAX_PER_PAGE:
            raise InvalidInput(f"Ask for 1 to {MAX_PER_PAGE} similar documents.")
        languages = _languages(filters)
        searcher = self._searcher()
        terms = list(_key_terms(searcher, text, languages))
        if not terms:
            return []
        results = searcher.search(_filtered(Or(terms), filters), limit=limit, terms=True)
        words = _surface_words(searcher.schema, text, languages)
        return [SimilarDocument(_document(hit), hit.score, _matched(hit, words)) for hit in results]

    def close(self) -> None:
        """Close the searcher this thread holds, if any."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None

    def _searcher(self) -> Searcher:
        """This thread's searcher, moved on to the latest commit."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None or not searcher.up_to_date():
            self.close()
            searcher = self._local.searcher = self._index.searcher()
            self._local.allowed = {}
        return searcher

    def _query(self, query: str, filters: SearchFilters) -> Query:
        text = _checked(query)
        if not text:
            return Every()
        parsed = [self._parsers[language].parse(text) for language in _languages(filters)]
        for leaf in (leaf for q in parsed for leaf in q.leaves()):
            field = leaf.field()
            if field is not None and field not in _SEARCHABLE:
                raise InvalidInput(
                    f'The query names an unknown field "{field}": use one of '
                    f"{', '.join(QUERY_FIELDS)}, or put words with a colon in quotes."
                )
        return Or(parsed)

    def _allowed(self, searcher: Searcher, filters: SearchFilters) -> set[int] | None:
        """The documents the filters let through, kept with this thread's searcher: a filter
        set is computed once and reused by every query with the same filters until the
        index changes and the searcher with it."""
        conditions = _conditions(filters)
        if not conditions:
            return None
        cache = self._local.allowed
        key = repr(conditions)
        if key not in cache:
            if len(cache) >= FILTER_CACHE:
                cache.clear()
            cache[key] = set(searcher.docs_for_query(And(conditions)))
        return cache[key]

    @contextmanager
    def _writer(self, *, bulk: bool = False) -> Iterator[IndexWriter]:
        try:
            writer = self._index.writer(
                procs=2 if bulk else 1,
                multisegment=bulk,
                limitmb=WRITER_MB,
                timeout=WRITE_WAIT_SECONDS,
            )
        except LockError as error:
            raise Conflict("The search index is busy with another update; try again.") from error
        with writer:
            yield writer


class _MarkFormatter(highlight.Formatter):
    between = " … "

    def _text(self, text: str) -> str:
        return html.escape(text)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace))}</mark>"


def _schema() -> Schema:
    keyword = {
        name: ID(analyzer=IDAnalyzer(lowercase=True), sortable=RefBytesColumn())
        for name in KEYWORDS
    }
    versions = {
        name: NUMERIC(int, bits=32, shift_step=32) for name in ("version_from", "version_to")
    }
    days = {name: NUMERIC(int, bits=32, shift_step=4) for name in ("valid_from", "valid_to")}
    texts = {}
    for language, make in ANALYZERS.items():
        texts[f"title_{language}"] = TEXT(analyzer=make(), field_boost=2.0)
        texts[f"text_{language}"] = TEXT(analyzer=make())
    return Schema(
        doc_id=ID(unique=True, sortable=True),
        document=STORED(),
        **keyword,
        **versions,
        **days,
        **texts,
    )


_TEXTS = frozenset(f"{kind}_{language}" for kind in ("title", "text") for language in LANGUAGES)
_SEARCHABLE = frozenset(
    [*KEYWORDS, *(f"{kind}_{language}" for kind in ("title", "text") for language in LANGUAGES)]
)


def _parser(schema: Schema, language: str) -> MultifieldParser:
    title, text = f"title_{language}", f"text_{language}"
    parser = MultifieldParser([title, text], schema)
    parser.remove_plugin_class(FieldsPlugin)
    parser.add_plugin(FieldsPlugin(remove_unknown=False))
    parser.add_plugin(FieldAliasPlugin({title: ["title"], text: ["text"]}))
    return parser


def _fields(doc: SearchDocument) -> dict[str, object]:
    found = {name: getattr(doc, name) for name in KEYWORDS if getattr(doc, name) is not None}
    return {
        **found,
        "doc_id": doc.doc_id,
        "document": json.dumps(asdict(doc), default=date.isoformat, ensure_ascii=False),
        f"title_{doc.language}": doc.title,
        f"text_{doc.language}": doc.text,
        "version_from": doc.version_from or 0,
        "version_to": _OPEN_END if doc.version_to is None else doc.version_to,
        "valid_from": doc.valid_from.toordinal() if doc.valid_from else 0,
        "valid_to": doc.valid_to.toordinal() if doc.valid_to else _OPEN_END,
    }


def _document(hit: Hit) -> SearchDocument:
    return _stored(hit["document"])


def _stored(document: str) -> SearchDocument:
    stored = json.loads(document)
    for name in ("valid_from", "valid_to"):
        if stored[name] is not None:
            stored[name] = date.fromisoformat(stored[name])
    return SearchDocument(**stored)


def _hit(hit: Hit) -> SearchHit:
    document = _document(hit)
    snippet = hit.highlights(f"text_{document.language}", text=document.text, top=2)
    if not snippet:
        start = document.text[:SNIPPET_CHARS]
        snippet = html.escape(start) + ("…" if len(document.text) > SNIPPET_CHARS else "")
    return SearchHit(document, hit.score, snippet)


def _counts(groups: dict) -> dict[str, int]:
    return {key: n for key, n in groups.items() if key}


def _checked(query: str) -> str:
    """The query, trimmed, or InvalidInput naming what a person has to fix."""
    text = query.strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"The query is too long: keep it under {MAX_QUERY_LENGTH} characters.")
    if text.count('"') % 2:
        raise InvalidInput('The query opens a quote (") that it does not close.')
    depth = 0
    for i, part in enumerate(text.split('"')):
        if i % 2:
            continue
        for char in part:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                raise InvalidInput("The query closes a bracket that it did not open.")
    if depth:
        raise InvalidInput("The query opens a bracket that it does not close.")
    return text


def _languages(filters: SearchFilters) -> tuple[str, ...]:
    return (filters.language,) if filters.language else LANGUAGES


def _conditions(filters: SearchFilters) -> list[Query]:
    conditions: list[Query] = [
        Term(name, value.lower())
        for name in ("type", "instrument_id", "status", "framework", "article", "language")
        if (value := getattr(filters, name)) is not None
    ]
    if filters.version is not None:
        conditions += _within("version_from", "version_to", filters.version)
    if filters.as_at is not None:
        conditions += _within("valid_from", "valid_to", filters.as_at.toordinal())
    return conditions


def _within(start: str, end: str, point: int) -> list[Query]:
    return [
        NumericRange(start, None, point),
        NumericRange(end, point, None, startexcl=True),
    ]


def _filtered(wanted: Query, filters: SearchFilters) -> Query:
    """`wanted`, narrowed by the filters, which add the same to every hit's score."""
    return And([wanted, *_conditions(filters)])


def _key_terms(searcher: Searcher, text: str, languages: tuple[str, ...]) -> Iterator[Query]:
    for language in languages:
        field = f"text_{language}"
        key_terms = searcher.key_terms_from_text(field, text, numterms=SIMILAR_TERMS) or ()
        for word, weight in key_terms:
            yield Term(field, word, boost=weight)
            yield Term(f"title_{language}", word, boost=weight)


def _surface_words(
    schema: Schema, text: str, languages: tuple[str, ...]
) -> dict[tuple[str, str], str]:
    """(field, indexed term) → the word of `text` it came from, for each language's fields."""
    words: dict[tuple[str, str], str] = {}
    for language in languages:
        for token in schema[f"text_{language}"].analyzer(text, chars=True):
            word = text[token.startchar : token.endchar]
            for kind in ("title", "text"):
                words.setdefault((f"{kind}_{language}", token.text), word)
    return words


def _matched(hit: Hit, words: dict[tuple[str, str], str]) -> tuple[str, ...]:
    terms = ((field, term.decode()) for field, term in hit.matched_terms() if field in _TEXTS)
    return tuple(sorted({words.get(term, term[1]) for term in terms}))


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InvalidInput(f'Unknown {name} "{value}": use one of {", ".join(choices)}.')


def _is_empty_range(start: int | date | None, end: int | date | None) -> bool:
    return start is not None and end is not None and end <= start
