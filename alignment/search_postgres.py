"""Search in PostgreSQL: a `tsvector` column on the documents table with a GIN index, built
from the terms made in Python (title weighted A), matched with a `tsquery` compiled from the
same query tree, ranked by `ts_rank`.

Ranking every match of a common word read and ranked every matching row's tsvector (at
200,000 documents, 0.6 s of a query's 1.7 s for a word in a third of them). The pages up
to the `RANKED`th result rank only the first `RANKED` matches the scan meets, so for a
word with more matches than that the best of those come first, not the best of all. The
facets count the first `FACET_CANDIDATES` matches; the total counts them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import (
    Column,
    ColumnElement,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    cast,
    false,
    func,
    insert,
    literal,
    literal_column,
    not_,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.orm import Session

from alignment import search_analysis as analysis
from alignment.search_engines import (
    by_language,
    columns,
    documents,
    is_textual,
    keyword_condition,
)
from alignment.search_model import FACETS, FIELDS, SearchFilters
from alignment.search_query import All, Any, Keyword, Node, Not, Words

_pg_documents = Table("search_documents", MetaData(), *columns(), Column("tsv", TSVECTOR))
_TSV = literal_column("search_documents.tsv", type_=TSVECTOR)
MAX_POSITION = 16_383
MAX_POSITIONS = 255
"""PostgreSQL keeps positions up to 16,383 and 256 of them per lexeme."""
RANKED = 5_000
"""Matches ranked for the first pages (later pages rank them all)."""
FACET_CANDIDATES = 2_000
"""Facets count at most this many of the matching documents (all of them below it)."""


class PostgresEngine:
    """A tsvector column with a GIN index."""

    name = "postgresql"

    def write(self, session: Session, rows: list[dict]) -> None:
        statement = insert(_pg_documents).values(tsv=cast(bindparam("tsv_text"), TSVECTOR))
        session.execute(
            statement,
            [
                {
                    **row,
                    "tsv_text": tsvector_literal(
                        analysis.terms(row["title"], row["language"]),
                        analysis.terms(row["text"], row["language"]),
                    ),
                }
                for row in rows
            ],
        )

    def remove(self, session: Session, ids: list[int]) -> None:
        """The tsvector goes with its row."""

    def clear(self, session: Session) -> None:
        """The tsvector goes with its row."""

    def search(self, session: Session, node: Node | None, filters: SearchFilters, first: int,
               per_page: int):  # fmt: skip
        """(rows with a score, total, facets) of one page, or None when the query asks for
        nothing."""
        plan = self._plan(node, filters)
        if plan is None:
            return None
        where, score = plan
        facets, total = _facets(session, where)
        selected = [*(documents.c[name] for name in FIELDS)]
        if score is None:
            ranked = select(*selected, literal(1.0).label("score")).where(*where)
            ranked = ranked.order_by(documents.c.id).limit(per_page).offset(first)
        elif first + per_page <= RANKED:
            ranked = _ranked_candidates(selected, where, score, first, per_page)
        else:
            ranked = select(*selected, score.label("score")).where(*where)
            ranked = ranked.order_by(score.desc(), documents.c.id).limit(per_page).offset(first)
        return [(row, row.score) for row in session.execute(ranked)], total, facets

    def _plan(self, node: Node | None, filters: SearchFilters):
        """(WHERE conditions, score or None) for the query, or None when nothing can match."""
        languages = filters.languages
        where = _conditions(filters)
        parts = node.children if isinstance(node, All) else (node,) if node else ()
        textual = [p for p in parts if is_textual(p)]
        rest = [p for p in parts if not is_textual(p)]
        where += [self._clause(p, languages) for p in rest]
        if not textual:
            return where, None
        wanted_text = All(tuple(textual)) if len(textual) > 1 else textual[0]
        groups = by_language(self.compile, wanted_text, languages)
        if not groups:
            return None
        anyone = " | ".join(f"({expression})" for expression in groups)
        query = cast(bindparam("rank_q", anyone, unique=True), TSQUERY)
        weights = literal_column("'{0.5,0.5,0.5,1.0}'::float4[]")
        score = func.ts_rank(weights, _TSV, query)
        return [self.condition(wanted_text, languages), *where], score

    def _clause(self, node: Node, languages: tuple[str, ...]) -> ColumnElement[bool]:
        if isinstance(node, Keyword):
            return keyword_condition(node.field, node.value)
        if is_textual(node):
            return self.condition(node, languages)
        if isinstance(node, Not):
            return not_(self._clause(node.child, languages))
        joined = [self._clause(child, languages) for child in node.children]
        return and_(*joined) if isinstance(node, All) else or_(*joined)

    def compile(self, node: Node, language: str) -> str | None:
        """The tsquery text of a textual node, or None when it asks for nothing."""
        if isinstance(node, Words):
            terms = analysis.query_terms(node.text, language, prefix_of=node.prefix)
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

    def condition(self, node: Node, languages: Sequence[str]) -> ColumnElement[bool]:
        groups = by_language(self.compile, node, languages)
        options = []
        for expression, langs in groups.items():
            matched = _TSV.op("@@")(cast(bindparam("q", expression, unique=True), TSQUERY))
            if len(langs) == len(languages):
                options.append(matched)
            else:
                options.append(and_(documents.c.language.in_(langs), matched))
        return or_(*options) if options else false()


def _ranked_candidates(selected, where, score, first: int, per_page: int):
    """The page among the first `RANKED` matches, ranked: the rows past them are never read,
    nor their tsvectors ranked."""
    candidates = (
        select(documents.c.id.label("cid"), score.label("score"))
        .where(*where)
        .limit(RANKED)
        .subquery()
    )
    top = (
        select(candidates.c.cid, candidates.c.score)
        .order_by(candidates.c.score.desc(), candidates.c.cid)
        .limit(per_page)
        .offset(first)
        .subquery()
    )
    return (
        select(*selected, top.c.score)
        .join_from(documents, top, documents.c.id == top.c.cid)
        .order_by(top.c.score.desc(), documents.c.id)
    )


def _facets(session: Session, where) -> tuple[dict[str, dict[str, int]], int]:
    """Counts per facet over the first `FACET_CANDIDATES` matches, and the total."""
    candidates = (
        select(*(documents.c[name] for name in FACETS))
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
    for name, value, n in session.execute(counted):
        if name:
            counts[name][value] = n
        else:
            total = n
    if total >= FACET_CANDIDATES:
        total = session.scalar(select(func.count()).select_from(documents).where(*where))
    return counts, total


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
