"""The demo's sample law in Turkmen is the same law as its Russian text: the same chapters,
articles, paragraphs and points, in Turkmen."""

from __future__ import annotations

from api.demo.seed import _text
from drafts import eids
from drafts.tree import walk


def shape(name: str) -> list[str]:
    return [node.eid for node in walk(eids.assign(_text(name)))]


def test_turkmen_text_has_the_structure_of_the_russian_one():
    assert shape("social_services_v1.tk.txt") == shape("social_services_v1.ru.txt")


def test_turkmen_text_is_turkmen():
    nodes = list(walk(_text("social_services_v1.tk.txt")))
    words = " ".join(f"{node.heading} {node.text}" for node in nodes)
    assert "Şu Kanun resmi taýdan çap edilen gününden güýje girýär." in words
    assert all(letter in words for letter in "äçňöşüý")
    assert not any("а" <= letter <= "я" for letter in words.lower())
