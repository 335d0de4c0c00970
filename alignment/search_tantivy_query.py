"""The tantivy side of search: the index's schema, a document's fields, and the query tree
and filters as a tantivy query. Pure, but for the tantivy objects it makes.

A document is indexed under its id (the row's), its terms (made in Python,
`alignment.search_analysis`, split on spaces by tantivy), its exact-value fields as they
are, and its ranges as integers. A text query is compiled once per language into a small
hashable form (so languages that read it alike share one clause), then into tantivy's
queries; a title match counts `TITLE_WEIGHT` times a text match, as in FTS5 before.

Each text field also has its pairs of neighbouring terms indexed (`<field>_pairs`, the two
terms joined by `PAIR`). A phrase asks those: a two-word phrase is one pair term, a longer
one a phrase of its pairs, exact as a phrase of its terms (the pairs stand at the same
positions) but it checks the positions of rarer terms, one fewer of them: a phrase of common
words over a large index costs a fraction of the positional match of its words.
"""

from __future__ import annotations

import itertools
import json

import tantivy

from alignment import search_analysis as analysis
from alignment.search_engines import by_language, keyword_values
from alignment.search_model import FACETS, SearchFilters
from alignment.search_query import Any, Keyword, Node, Not, Words

Q = tantivy.Query
MUST, SHOULD, MUST_NOT = tantivy.Occur.Must, tantivy.Occur.Should, tantivy.Occur.MustNot
TITLE_WEIGHT = 2.0
KEYWORD_FIELDS = ("type", "language", "instrument_id", "status", "framework", "article", "eid")
RANGES = ("version_from", "version_to", "valid_from", "valid_to")
CURSOR_ID = 0
"""The id of the one document that is not a text: it holds the outbox id applied so far
(`outbox`), so the index and what it has seen are committed together."""
_TEXT_FIELDS = {"title": ("title",), "text": ("body",), None: ("title", "body")}
PAIR = "|"
"""Joins two neighbouring terms into a pair term: never part of a term (`\\w` and `.'’`)."""
_MAX_BUCKETS = 100_000


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", indexed=True, fast=True)
    builder.add_integer_field("outbox", fast=True)
    for name in ("title", "body"):
        builder.add_text_field(name, tokenizer_name="whitespace")
        builder.add_text_field(f"{name}_pairs", tokenizer_name="whitespace")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    for name in RANGES:
        builder.add_integer_field(name, indexed=True, fast=True)
    return builder.build()


SCHEMA = schema()


def document_json(row) -> str:
    """The tantivy document of a documents row, as JSON."""
    fields: dict[str, object] = {"id": row.id}
    for name, text in (("title", row.title), ("body", row.text)):
        terms = analysis.terms(text, row.language)
        fields[name] = " ".join(terms)
        fields[f"{name}_pairs"] = " ".join(pairs(terms))
    fields |= {name: value for name in KEYWORD_FIELDS if (value := getattr(row, name))}
    fields |= {name: getattr(row, name) for name in RANGES}
    return json.dumps(fields, ensure_ascii=False)


def pairs(terms: list[str] | tuple[str, ...]) -> list[str]:
    """The pair terms of neighbouring terms: `a b c` → `a|b`, `b|c`."""
    return [PAIR.join(pair) for pair in itertools.pairwise(terms)]


def cursor_json(applied: int) -> str:
    return json.dumps({"id": CURSOR_ID, "outbox": applied})


def ids_query(ids) -> tantivy.Query:
    return Q.term_set_query(SCHEMA, "id", list(ids))


def every_document() -> tantivy.Query:
    """Every text (not the cursor)."""
    return Q.exists_query("type")


def query(node: Node | None, filters: SearchFilters) -> tuple[tantivy.Query, bool] | None:
    """(the query, whether it ranks) for a query tree and filters; None when it asks for
    nothing. A query that ranks has words outside `NOT`; one that does not lists by id."""
    clauses = [(MUST, Q.const_score_query(f, 0.0)) for f in _filters(filters)]
    ranks = False
    if node is not None:
        groups = by_language(compiled, node, filters.languages)
        if not groups:
            return None
        options = [
            _language_option(form, langs, len(langs) == len(filters.languages))
            for form, langs in groups.items()
        ]
        clauses.append((MUST, options[0] if len(options) == 1 else _any(options)))
        ranks = any(_ranks(form) for form in groups)
    if not ranks:
        clauses.append((MUST, every_document()))
    return Q.boolean_query(clauses), ranks


def _language_option(form, langs: list[str], everyone: bool) -> tantivy.Query:
    built = build(form)
    if everyone:
        return built
    return Q.boolean_query(
        [
            (MUST, built),
            (MUST, Q.const_score_query(Q.term_set_query(SCHEMA, "language", langs), 0.0)),
        ]
    )


def _filters(filters: SearchFilters) -> list[tantivy.Query]:
    found = [
        Q.term_set_query(SCHEMA, name, keyword_values(value))
        for name in ("type", "instrument_id", "status", "framework", "article", "language")
        if (value := getattr(filters, name)) is not None
    ]
    for low, high, at in (
        ("version_from", "version_to", filters.version),
        ("valid_from", "valid_to", filters.as_at and filters.as_at.toordinal()),
    ):
        if at is not None:
            found.append(_range(low, None, at))
            found.append(_range(high, at, None, include_lower=False))
    return found


def _range(field: str, lower, upper, include_lower: bool = True) -> tantivy.Query:
    return Q.range_query(
        SCHEMA, field, tantivy.FieldType.Integer, lower, upper, include_lower=include_lower
    )


def compiled(node: Node, language: str):
    """The hashable form of a query tree in one language, or None when it asks for nothing:
    ("words", fields, terms, prefix), ("keyword", field, values), ("any", parts),
    ("all", positive parts, negative parts), ("not", part)."""
    if isinstance(node, Words):
        terms = analysis.query_terms(node.text, language, prefix_of=node.prefix)
        if not terms:
            return None
        return ("words", _TEXT_FIELDS[node.field], tuple(terms), node.prefix)
    if isinstance(node, Keyword):
        return ("keyword", node.field, tuple(keyword_values(node.value)))
    if isinstance(node, Not):
        inner = compiled(node.child, language)
        return ("not", inner) if inner else None
    parts = [part for child in node.children if (part := compiled(child, language))]
    if not parts:
        return None
    if isinstance(node, Any):
        return ("any", tuple(parts)) if len(parts) > 1 else parts[0]
    positive = tuple(p for p in parts if p[0] != "not")
    negative = tuple(p[1] for p in parts if p[0] == "not")
    if not negative and len(positive) == 1:
        return positive[0]
    return ("all", positive, negative)


def _ranks(form) -> bool:
    kind = form[0]
    if kind == "words":
        return True
    if kind == "any":
        return any(_ranks(part) for part in form[1])
    if kind == "all":
        return any(_ranks(part) for part in form[1])
    return False


def build(form) -> tantivy.Query:
    kind = form[0]
    if kind == "words":
        _, fields, terms, prefix = form
        per_field = [(_words(field, terms, prefix), field) for field in fields]
        if len(per_field) == 1:
            return per_field[0][0]
        return _any([Q.boost_query(q, TITLE_WEIGHT) if f == "title" else q for q, f in per_field])
    if kind == "keyword":
        return Q.term_set_query(SCHEMA, form[1], list(form[2]))
    if kind == "not":
        return Q.boolean_query([(MUST, every_document()), (MUST_NOT, build(form[1]))])
    if kind == "any":
        return _any([build(part) for part in form[1]])
    _, positive, negative = form
    clauses = [(MUST, build(part)) for part in positive]
    if not positive:
        clauses.append((MUST, every_document()))
    return Q.boolean_query(clauses + [(MUST_NOT, build(part)) for part in negative])


def _words(field: str, terms: tuple[str, ...], prefix: bool) -> tantivy.Query:
    if prefix and len(terms) > 1:
        return Q.phrase_prefix_query(SCHEMA, field, list(terms))
    if prefix:
        return Q.regex_query(SCHEMA, field, _regex_escaped(terms[0]) + ".*")
    if len(terms) == 2:
        return Q.term_query(SCHEMA, f"{field}_pairs", PAIR.join(terms))
    if len(terms) > 2:
        return Q.phrase_query(SCHEMA, f"{field}_pairs", pairs(terms))
    return Q.term_query(SCHEMA, field, terms[0])


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    return Q.boolean_query([(SHOULD, q) for q in queries])


def _regex_escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in r".+*?()|[]{}^$\#&-~\"'<>@" else c for c in text)


FACET_AGGREGATION = {
    name: {"terms": {"field": name, "size": _MAX_BUCKETS}} for name in FACETS
}  # fmt: skip


def facet_counts(aggregated: dict) -> dict[str, dict[str, int]]:
    return {
        name: {b["key"]: b["doc_count"] for b in aggregated.get(name, {}).get("buckets", ())}
        for name in FACETS
    }
