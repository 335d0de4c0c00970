"""What search speaks in: the documents it finds, the filters, the hits and pages of results,
and how a document is kept as a row of the `search_documents` table.

One document is one revision for the whole span in which it is valid, as half-open
ranges: `version_from <= v < version_to` and `valid_from <= day < valid_to`, where the
end is the version number and the effective date of the version that replaced it, and
None leaves that end open. A revision shared by versions 2 to 4 and replaced in version 5
from 1 March 2025 is indexed once, as versions [2, 5) and dates [its start, 2025-03-01).
In a row the ranges are integers (days as ordinals), open ends 0 and `OPEN_END`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from alignment.search_analysis import LANGUAGES
from alignment.search_query import Node
from alignment.search_snippets import snippet, wanted
from drafts.errors import InvalidInput

TYPES: tuple[str, ...] = ("provision", "article", "recommendation", "amendment")
FACETS: tuple[str, ...] = ("type", "language", "instrument_id", "framework", "status")
MAX_PER_PAGE = 100
OPEN_END = 2**31 - 1
FIELDS: tuple[str, ...] = (
    "doc_id", "type", "language", "title", "text", "instrument_id", "version_from",
    "version_to", "valid_from", "valid_to", "status", "framework", "article", "eid",
    "provision_id",
)  # fmt: skip
"""The columns of a document's row besides its id."""


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
        check_choice("type", self.type, TYPES)
        check_choice("language", self.language, LANGUAGES)
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
            check_choice("type", self.type, TYPES)
        if self.language is not None:
            check_choice("language", self.language, LANGUAGES)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages a query is read in."""
        return (self.language,) if self.language else LANGUAGES


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


def empty(page: int, per_page: int) -> SearchResults:
    return SearchResults((), 0, page, per_page, {name: {} for name in FACETS})


def row_of(doc: SearchDocument) -> dict:
    """The document as the values of its row."""
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


def document_of(row) -> SearchDocument:
    """The document of a row (anything with the row's columns as attributes)."""
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


def hit_of(row, score: float, node: Node | None) -> SearchHit:
    """A hit for a found row, its snippet marking the words `node` asks for."""
    document = document_of(row)
    text_snippet = snippet(document.text, document.language, wanted(node, document.language))
    return SearchHit(document, float(score), text_snippet)


def check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InvalidInput(f'Unknown {name} "{value}": use one of {", ".join(choices)}.')


def _is_empty_range(start: int | date | None, end: int | date | None) -> bool:
    return start is not None and end is not None and end <= start
