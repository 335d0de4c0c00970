"""Where the search documents live, and what both engines share.

The documents are rows of one table (`search_documents`), written in the transaction of
the texts they come from; each engine keeps its full-text index beside it:

- PostgreSQL: a `tsvector` column on the documents table with a GIN index, written in the
  same statement as the row (`alignment.search_postgres`).
- SQLite: a tantivy index in a folder beside the database file, fed from an outbox table
  (`search_outbox`) written in the same transaction as the rows and applied before each
  search (`alignment.search_tantivy`): FTS5 ranks every match of a common word, and took
  70-100 ms a query at 200,000 documents where tantivy takes 1-2.

Both index the same terms, made in Python (`alignment.search_analysis`), so both find the
same documents for the same query in all three languages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import Column, ColumnElement, Integer, MetaData, Table, Text

from alignment.search_model import FIELDS
from alignment.search_query import Keyword, Node, Not, Words
from drafts.db import Base

_TYPES = {
    name: Integer for name in ("version_from", "version_to", "valid_from", "valid_to")
}  # fmt: skip
_NOT_NULL = {"doc_id", "type", "language", "title", "text", *_TYPES}
_INDEXED = {"type", "instrument_id", "framework"}


def columns() -> list[Column]:
    """The columns of the documents table."""
    return [
        Column("id", Integer, primary_key=True),
        *(
            Column(
                name,
                _TYPES.get(name, Text),
                nullable=name not in _NOT_NULL,
                unique=name == "doc_id" or None,
                index=name in _INDEXED or None,
            )
            for name in FIELDS
        ),
    ]


documents = Table("search_documents", Base.metadata, *columns())
"""One row per search document (`alignment.search_model.row_of`)."""
state = Table(
    "search_state",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("stamp", Text, nullable=False),
)
"""One row: the documents' stamp, a random token new in each transaction that changed them."""
outbox = Table(
    "search_outbox",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer),
)
"""SQLite: the ids of the documents written or removed, in the order of the commits; a NULL
document id removed them all. The tantivy index applies what it has not yet seen."""

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, lang, tokenize = 'unicode61 remove_diacritics 0')"
)
"""The FTS5 table of revision 0015 (replaced by the tantivy index in 0017)."""
POSTGRES_DDL = (
    "ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)",
)


def keyword_values(value: str) -> list[str]:
    """The spellings an exact-value field is matched in: as given, lowercase (`in_force`) and
    uppercase (`CRC:3`)."""
    return sorted({value, value.lower(), value.upper()})


def keyword_condition(field: str, value: str) -> ColumnElement[bool]:
    return documents.c[field].in_(keyword_values(value))


def is_textual(node: Node) -> bool:
    """True when the node asks only for words (no exact-value field)."""
    if isinstance(node, Words):
        return True
    if isinstance(node, Keyword):
        return False
    if isinstance(node, Not):
        return is_textual(node.child)
    return all(is_textual(child) for child in node.children)


def by_language(compile_one: Callable, node: Node, languages: Sequence[str]) -> dict:
    """Compiled query → the languages it is for (languages where it asks nothing left out)."""
    groups: dict = defaultdict(list)
    for language in languages:
        compiled = compile_one(node, language)
        if compiled is not None:
            groups[compiled].append(language)
    return groups
