"""The page catalogs: the English template holds every message of the pages, and Russian and
Turkmen translate every one with the same placeholders (plural forms too); the pages use them."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from frontend.i18n import LOCALE, translations

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")
ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "translate": (2,)}


@cache
def catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=lang)


def template_ids() -> set:
    with (LOCALE / "messages.pot").open("rb") as pot:
        return {m.id for m in read_po(pot) if m.id}


def forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def test_english_template_holds_every_message_of_the_pages():
    """What `pybabel extract` finds in the pages is in messages.pot (the English catalog)."""
    method_map = [
        ("**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("templates/**.txt", "jinja2"),
    ]
    options = {"templates/**": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "frontend", method_map, options, keywords=KEYWORDS
    ):
        ids = forms(message)
        found.add(ids if len(ids) > 1 else ids[0])
    assert len(found) > 500
    assert found - template_ids() == set(), "run pybabel extract and update (see the README)"


@pytest.mark.parametrize("lang", ["ru", "tk"])
def test_catalog_holds_every_message(lang):
    assert {m.id for m in catalog(lang) if m.id} == template_ids()


@pytest.mark.parametrize("lang", ["ru", "tk"])
def test_catalog_translates_every_message_with_its_placeholders(lang):
    messages = [m for m in catalog(lang) if m.id]
    assert messages
    for message in messages:
        ids = forms(message.id)
        translated = forms(message.string)
        if isinstance(message.id, tuple):
            assert len(translated) == catalog(lang).num_plurals, message.id
        for number, text in enumerate(translated):
            assert text.strip(), f"untranslated in {lang}: {message.id!r}"
            source = ids[min(number, len(ids) - 1)] if number else ids[0]
            assert placeholders(text) == placeholders(source), (lang, message.id, text)


def test_turkmen_is_written_in_latin_script():
    for message in catalog("tk"):
        for text in forms(message.string) if message.id else ():
            assert not re.search("[а-яё]", text, re.IGNORECASE), (message.id, text)


def glossary() -> list[dict[str, str]]:
    with (LOCALE / "tk" / "glossary.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_glossary_gives_each_term_in_three_languages():
    rows = glossary()
    assert len(rows) >= 40
    for row in rows:
        assert row["English"] and row["Russian"] and row["Turkmen"], row


@pytest.mark.parametrize(
    ("english", "turkmen"),
    [(row["English"], row["Turkmen"]) for row in glossary() if " " not in row["English"]],
)
def test_turkmen_messages_use_the_glossary_terms(english, turkmen):
    """A message that is a glossary term alone is translated by that term (e.g. Article: Madda)."""
    for message in catalog("tk"):
        if isinstance(message.id, str) and message.id.lower() == english.lower():
            assert message.string.lower() == turkmen.lower(), (message.id, message.string)


@pytest.mark.parametrize(
    ("lang", "message", "expected"),
    [
        ("tk", "Article", "Madda"),
        ("tk", "Minutes", "Teswirnama"),
        ("ru", "Article", "Статья"),
        ("en", "Article", "Article"),
    ],
)
def test_pages_use_the_compiled_catalogs(lang, message, expected):
    assert translations(lang).gettext(message) == expected


def test_turkmen_plural_forms_are_used():
    assert translations("tk").ngettext("%(num)d day", "%(num)d days", 5) == "%(num)d gün"
