"""Translations of the pages from gettext catalogs (`frontend/locale/<lang>/LC_MESSAGES`).

Catalogs are kept as .po text and compiled in memory when first used, so there is no build
step. English is the source language; Russian and Turkmen translate every message (the Turkmen
legal terms are kept in `locale/tk/glossary.csv`).
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE = Path(__file__).parent / "locale"
LANGUAGES = {"en": "English", "ru": "Русский", "tk": "Türkmen"}
DEFAULT = "en"


@cache
def translations(lang: str) -> NullTranslations:
    path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def choose(accept_language: str) -> str:
    """The first of the browser's languages that the pages speak."""
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT


def translate(request, message: str) -> str:
    """`message` in the language of the request's page."""
    return translations(getattr(request.state, "lang", DEFAULT)).gettext(message)


def reader_language(request) -> str:
    """The language of the request's reader: its page's, else the first of Accept-Language that
    the pages speak (a download from the API is in the reader's language too)."""
    page = getattr(request.state, "lang", None)
    return page or choose(request.headers.get("accept-language", ""))
