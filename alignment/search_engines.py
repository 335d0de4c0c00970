"""Where the search documents live: one table of documents in the database, and beside it
each engine's own full-text index, written in the same transaction.

- SQLite: an FTS5 table (`search_fts`) whose rowid is the document's id, holding the
  documents' terms (stemmed and folded in Python, `alignment.search_analysis`), ranked by
  FTS5's bm25.
- PostgreSQL: a `tsvector` column on the documents table with a GIN index, built from the
  same terms (title weighted A), matched with a `tsquery` built from the same query tree,
  ranked by `ts_rank`.

The terms are made in Python for both engines, so both find the same documents for the same
query in all three languages; the engine does the indexing, matching and ranking.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Table,
    Text,
    and_,
    bindparam,
    cast,
    false,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.orm import Session

from alignment import search_analysis as analysis
from alignment.search_query import All, Any, Keyword, Node, Not, Words
from drafts.db import Base


def _columns() -> list[Column]:
    return [
        Column("id", Integer, primary_key=True),
        Column("doc_id", Text, nullable=False, unique=True),
        Column("type", Text, nullable=False, index=True),
        Column("language", Text, nullable=False),
        Column("title", Text, nullable=False),
        Column("text", Text, nullable=False),
        Column("instrument_id", Text, index=True),
        Column("version_from", Integer, nullable=False),
        Column("version_to", Integer, nullable=False),
        Column("valid_from", Integer, nullable=False),
        Column("valid_to", Integer, nullable=False),
        Column("status", Text),
        Column("framework", Text, index=True),
        Column("article", Text),
        Column("eid", Text),
        Column("provision_id", Text),
    ]


documents = Table("search_documents", Base.metadata, *_columns())
"""One row per search document; ranges as integers, open ends as 0 and `OPEN_END`."""
_pg_documents = Table(
    "search_documents",
    MetaData(),
    *_columns(),
    Column("tsv", TSVECTOR, nullable=False),
)
_TSV = literal_column("search_documents.tsv", type_=TSVECTOR)
FTS = Table("search_fts", MetaData(), Column("rowid", Integer))
"""SQLite's FTS5 table, for queries (its rowid is the document's id)."""
OPEN_END = 2**31 - 1
TITLE_WEIGHT = 2.0
MAX_POSITION = 16_383
MAX_POSITIONS = 255
"""PostgreSQL keeps positions up to 16,383 and 256 of them per lexeme."""

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, lang, tokenize = 'unicode61 remove_diacritics 0')"
)
POSTGRES_DDL = (
    "ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)",
)


def keyword_condition(field: str, value: str) -> ColumnElement[bool]:
    """`field` equal to `value` in any case (the values are lowercase, like `in_force`, or
    uppercase codes, like `CRC:3`)."""
    return documents.c[field].in_(sorted({value, value.lower(), value.upper()}))


def word_terms(node: Words, language: str) -> list[str]:
    found = [match.group() for match in analysis.words(node.text)]
    if node.prefix and len(found) == 1:
        return [analysis.prefix(found[0], language)]
    return [t for word in found if (t := analysis.term(word, language))]


def is_textual(node: Node) -> bool:
    """True when the node asks only for words (no exact-value field)."""
    if isinstance(node, Words):
        return True
    if isinstance(node, Keyword):
        return False
    if isinstance(node, Not):
        return is_textual(node.child)
    return all(is_textual(child) for child in node.children)


def by_language(compile_one, node: Node, languages: Sequence[str]) -> dict[str, list[str]]:
    """Compiled query → the languages it is for (languages where it asks nothing left out)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for language in languages:
        compiled = compile_one(node, language)
        if compiled is not None:
            groups[compiled].append(language)
    return groups


class SqliteEngine:
    """FTS5 beside the documents table."""

    name = "sqlite"

    def write(self, session: Session, rows: list[dict], terms: list[tuple[str, str]]) -> None:
        session.execute(insert(documents), rows)
        # The transaction holds SQLite's one write lock from the first row on, and each row
        # takes the next rowid: the rows just written are the last ones, in order.
        last = session.scalar(select(func.max(documents.c.id)))
        ids = range(last - len(rows) + 1, last + 1)
        session.execute(
            text("INSERT INTO search_fts (rowid, title, body, lang) VALUES (:id, :t, :b, :l)"),
            [
                {"id": i, "t": t, "b": b, "l": row["language"]}
                for i, (t, b), row in zip(ids, terms, rows, strict=True)
            ],
        )

    def remove(self, session: Session, ids: list[int]) -> None:
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), [{"id": i} for i in ids])

    def clear(self, session: Session) -> None:
        session.execute(text("DELETE FROM search_fts"))

    def compile(self, node: Node, language: str) -> str | None:
        """The FTS5 expression of a textual node, or None when it asks for nothing."""
        if isinstance(node, Words):
            terms = word_terms(node, language)
            if not terms:
                return None
            quoted = '"' + " ".join(terms).replace('"', '""') + '"'
            quoted += "*" if node.prefix else ""
            column = {"title": "title", "text": "body"}.get(node.field or "")
            return f"{column} : {quoted}" if column else quoted
        if isinstance(node, Any):
            parts = [self.compile(child, language) for child in node.children]
            kept = [f"({part})" for part in parts if part]
            return " OR ".join(kept) or None
        if isinstance(node, All):
            compiled = [
                (isinstance(c, Not), self.compile(c.child if isinstance(c, Not) else c, language))
                for c in node.children
            ]
            positive = [f"({part})" for negated, part in compiled if part and not negated]
            negative = [f"({part})" for negated, part in compiled if part and negated]
            if not positive:
                return None
            joined = " AND ".join(positive)
            return f"({joined}) NOT ({' OR '.join(negative)})" if negative else joined
        return None

    def expressible(self, node: Node) -> bool:
        """True when FTS5 can say the node on its own (it has no `NOT` without a positive)."""
        if isinstance(node, Words):
            return True
        if isinstance(node, Not | Keyword):
            return False
        if isinstance(node, Any):
            return all(self.expressible(child) for child in node.children)
        positive = [c for c in node.children if not isinstance(c, Not)]
        negative = [c.child for c in node.children if isinstance(c, Not)]
        return bool(positive) and all(self.expressible(c) for c in (*positive, *negative))

    def match(self, node: Node, languages: Sequence[str]) -> str | None:
        groups = by_language(self.compile, node, languages)
        if not groups:
            return None
        if len(groups) == 1 and len(next(iter(groups.values()))) == len(languages):
            return next(iter(groups))
        return " OR ".join(
            f"(({' OR '.join(f'lang : {lang}' for lang in langs)}) AND ({expression}))"
            for expression, langs in groups.items()
        )

    def condition(self, node: Node, languages: Sequence[str]) -> ColumnElement[bool]:
        expression = self.match(node, languages)
        if expression is None:
            return false()
        matched = text("SELECT rowid FROM search_fts WHERE search_fts MATCH :m").bindparams(
            bindparam("m", expression, unique=True)
        )
        return documents.c.id.in_(matched.columns(Column("rowid", Integer)))

    def ranked(self, node: Node, languages: Sequence[str]) -> tuple | None:
        """(FROM clause, WHERE clause, score column) for a textual node, or None when it asks
        for nothing."""
        expression = self.match(node, languages)
        if expression is None:
            return None
        joined = FTS.join(documents, documents.c.id == FTS.c.rowid)
        where = literal_column("search_fts").op("MATCH")(bindparam("m", expression, unique=True))
        score = -func.bm25(literal_column("search_fts"), TITLE_WEIGHT, 1.0, 0.0)
        return joined, where, score


class PostgresEngine:
    """A tsvector column with a GIN index."""

    name = "postgresql"

    def write(self, session: Session, rows: list[dict], terms: list[tuple[str, str]]) -> None:
        statement = insert(_pg_documents).values(tsv=cast(bindparam("tsv_text"), TSVECTOR))
        session.execute(
            statement,
            [
                {**row, "tsv_text": tsvector_literal(t.split(), b.split())}
                for row, (t, b) in zip(rows, terms, strict=True)
            ],
        )

    def remove(self, session: Session, ids: list[int]) -> None:
        """The tsvector goes with its row."""

    def clear(self, session: Session) -> None:
        """The tsvector goes with its row."""

    def compile(self, node: Node, language: str) -> str | None:
        """The tsquery text of a textual node, or None when it asks for nothing."""
        if isinstance(node, Words):
            terms = word_terms(node, language)
            if not terms:
                return None
            weight = {"title": "A", "text": "D"}.get(node.field or "", "")
            star = "*" if node.prefix else ""
            suffix = f":{star}{weight}" if star or weight else ""
            lexemes = [_quoted(t) + suffix for t in terms]
            return lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")"
        if isinstance(node, Not):
            inner = self.compile(node.child, language)
            return f"!({inner})" if inner else None
        parts = [self.compile(child, language) for child in node.children]
        kept = [f"({part})" for part in parts if part]
        return (" | " if isinstance(node, Any) else " & ").join(kept) or None

    def expressible(self, node: Node) -> bool:
        return is_textual(node)

    def condition(self, node: Node, languages: Sequence[str]) -> ColumnElement[bool]:
        groups = by_language(self.compile, node, languages)
        tsv = _TSV
        options = []
        for expression, langs in groups.items():
            matched = tsv.op("@@")(cast(bindparam("q", expression, unique=True), TSQUERY))
            if len(langs) == len(languages):
                options.append(matched)
            else:
                options.append(and_(documents.c.language.in_(langs), matched))
        return or_(*options) if options else false()

    def ranked(self, node: Node, languages: Sequence[str]) -> tuple | None:
        groups = by_language(self.compile, node, languages)
        if not groups:
            return None
        anyone = " | ".join(f"({expression})" for expression in groups)
        query = cast(bindparam("rank_q", anyone, unique=True), TSQUERY)
        weights = literal_column("'{0.5,0.5,0.5,1.0}'::float4[]")
        score = func.ts_rank(weights, _TSV, query)
        return documents, self.condition(node, languages), score


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title: Iterable[str], body: Iterable[str]) -> str:
    """A tsvector's text from the terms of a title (weight A) and a text, positions kept, so
    PostgreSQL takes the terms as they are (no parser of its own in between)."""
    positions: dict[str, list[str]] = defaultdict(list)
    at = 0
    for weight, terms in (("A", title), ("", body)):
        for term in terms:
            at += 1
            seen = positions[term]
            if len(seen) < MAX_POSITIONS and at <= MAX_POSITION:
                seen.append(f"{at}{weight}")
        at += 1
    return " ".join(_quoted(t) + (":" + ",".join(p) if p else "") for t, p in positions.items())


def engine_for(session: Session) -> SqliteEngine | PostgresEngine:
    dialect = session.get_bind().dialect.name
    return PostgresEngine() if dialect == "postgresql" else SqliteEngine()
