"""The page catalogs: Russian translates every message with the same placeholders; the Turkmen
catalog holds every message, ready to translate."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from frontend.i18n import LOCALE

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def catalog(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=lang)


def template_ids() -> set:
    with (LOCALE / "messages.pot").open("rb") as pot:
        return {m.id for m in read_po(pot) if m.id}


def forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


@pytest.mark.parametrize("lang", ["ru", "tk"])
def test_catalog_holds_every_message(lang):
    assert {m.id for m in catalog(lang) if m.id} == template_ids()


def test_russian_translates_every_message_with_its_placeholders():
    for message in catalog("ru"):
        if not message.id:
            continue
        expected = set(PLACEHOLDER.findall(forms(message.id)[0]))
        for translated in forms(message.string):
            assert translated, f"untranslated: {message.id!r}"
            assert set(PLACEHOLDER.findall(translated)) == expected, message.id
