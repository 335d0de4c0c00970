"""Problem-detail sentences in the reader's language (English, Russian, Turkmen).

The services raise their errors with English sentences (`drafts.errors`), values and all. A
small catalog per language (`api/locale/<lang>/LC_MESSAGES/problems.po`) holds each sentence as
a pattern, its values written `{name}`: "There is no draft with id {id}." Translating a sentence
finds the pattern it matches, keeps the values it holds and puts them into the translation. So the
domain stays free of the web's languages, and a sentence without a translation stays English.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from frontend.i18n import DEFAULT, choose

LOCALE = Path(__file__).parent / "locale"
LANGUAGES = ("en", "ru", "tk")
FIELD = re.compile(r"\{(\w+)\}")


@cache
def catalog(lang: str) -> dict[str, str]:
    """The translations of one language, by English pattern (empty for English)."""
    path = LOCALE / lang / "LC_MESSAGES" / "problems.po"
    if lang == DEFAULT or not path.is_file():
        return {}
    with path.open("rb") as po:
        return {m.id: m.string for m in read_po(po, locale=lang) if m.id and m.string}


def _pattern(msgid: str) -> re.Pattern[str]:
    pieces = FIELD.split(msgid)
    regex = "".join(
        re.escape(piece) if n % 2 == 0 else f"(?P<{piece}>.+?)" for n, piece in enumerate(pieces)
    )
    return re.compile(regex, re.DOTALL)


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The patterns with values, the most specific (longest fixed wording) first."""
    table = catalog(lang)
    with_values = [msgid for msgid in table if FIELD.search(msgid)]
    with_values.sort(key=lambda msgid: len(FIELD.sub("", msgid)), reverse=True)
    return tuple((_pattern(msgid), table[msgid]) for msgid in with_values)


def translate(sentence: str, lang: str) -> str:
    """`sentence` in `lang`, its values kept; unchanged when the catalog has no pattern for it."""
    table = catalog(lang)
    if not table or not sentence:
        return sentence
    if sentence in table:
        return table[sentence]
    for pattern, translation in _patterns(lang):
        found = pattern.fullmatch(sentence)
        if found:
            return _fill(translation, found.groupdict())
    return sentence


def _fill(translation: str, values: dict[str, str]) -> str:
    return FIELD.sub(lambda m: values.get(m[1], m[0]), translation)


def language(accept_language: str | None, page_language: str | None = None) -> str:
    """The language of a problem: the page's, else the first of Accept-Language we speak."""
    if page_language in LANGUAGES:
        return page_language
    return choose(accept_language or "")


def scope_language(scope: dict) -> str:
    """The language of a problem answered below the app (an ASGI scope's Accept-Language)."""
    headers = dict(scope.get("headers") or ())
    return choose(headers.get(b"accept-language", b"").decode("latin-1"))
