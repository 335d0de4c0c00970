"""Problem details in the reader's language: Russian and Turkmen on Accept-Language, English
by default; the values of a sentence kept; every catalog sentence translated with its values."""

from __future__ import annotations

import ast

import pytest
from babel.messages.pofile import read_po

from api.problem_text import FIELD, LOCALE, language, translate
from tests.api.drafting import law_with_version


def entries(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "problems.po").open("rb") as po:
        return [m for m in read_po(po, locale=lang) if m.id]


@pytest.mark.parametrize("lang", ["ru", "tk"])
def test_every_sentence_is_translated_with_its_values(lang):
    ids = [m.id for m in entries("ru")]
    assert [m.id for m in entries(lang)] == ids
    for message in entries(lang):
        names = FIELD.findall(message.id)
        assert len(names) == len(set(names)), message.id
        assert message.string.strip(), (lang, message.id)
        assert sorted(FIELD.findall(message.string)) == sorted(names), (lang, message.id)


@pytest.mark.parametrize(
    ("sentence", "lang", "expected"),
    [
        ("There is no draft with id 77.", "ru", "Проекта с идентификатором 77 нет."),
        ("There is no draft with id 77.", "tk", "77 belgili taslama ýok."),
        ("There is no draft with id 77.", "en", "There is no draft with id 77."),
        (
            "Social Services has no version 9.",
            "tk",
            "«Social Services» namasynyň 9 belgili redaksiýasy ýok.",
        ),
        ("Not found", "tk", "Tapylmady"),
        (
            "Please check title: Field required (2 more problems are listed in errors).",
            "ru",
            "Проверьте поле title: Field required (ещё проблем: 2, они перечислены в errors).",
        ),
        ("Please check title: Field required.", "tk", "title meýdanyny barlaň: Field required."),
        ("A sentence no catalog knows.", "ru", "A sentence no catalog knows."),
    ],
)
def test_translate(sentence, lang, expected):
    assert translate(sentence, lang) == expected


@pytest.mark.parametrize(
    ("accept", "page", "expected"),
    [
        ("tk", None, "tk"),
        ("ru-RU,ru;q=0.9,en;q=0.8", None, "ru"),
        ("de-DE,tk;q=0.5", None, "tk"),
        ("fr", None, "en"),
        (None, None, "en"),
        ("ru", "tk", "tk"),
    ],
)
def test_language(accept, page, expected):
    assert language(accept, page) == expected


@pytest.mark.parametrize(
    ("accept", "title", "detail"),
    [
        (None, "Not found", "There is no draft with id 999999."),
        ("ru", "Не найдено", "Проекта с идентификатором 999999 нет."),
        ("tk-TM,ru;q=0.8", "Tapylmady", "999999 belgili taslama ýok."),
    ],
)
def test_api_answers_in_the_language_asked(viewer, accept, title, detail):
    headers = {"Accept-Language": accept} if accept else {}
    response = viewer.get("/api/v1/drafts/999999", headers=headers)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["content-language"] == (accept or "en")[:2]
    assert (response.json()["title"], response.json()["detail"]) == (title, detail)


def test_refusal_and_missing_if_match_in_turkmen(drafter, viewer):
    iid, _ = law_with_version(drafter)
    refused = viewer.post(
        "/api/v1/instruments",
        json={"title": "x"},
        headers={"Accept-Language": "tk"},
    )
    assert refused.status_code == 403
    assert refused.json()["title"] == "Rugsat berilmeýär"
    assert refused.json()["detail"] == "Siziň wezipäňiz (viewer) muňa rugsat bermeýär."
    missing = drafter.patch(
        f"/api/v1/instruments/{iid}", json={"title": "New"}, headers={"Accept-Language": "ru"}
    )
    assert missing.status_code == 428
    assert missing.json()["detail"] == (
        "Передайте прочитанный ETag в заголовке If-Match, чтобы ничьё изменение не потерялось."
    )


def literal_text(root) -> str:
    """Every string literal of the project's code, with the fixed parts of f-strings (the parser
    joins literals split over lines)."""
    texts = []
    for folder in ("api", "drafts", "alignment", "exports", "frameworks", "frontend"):
        for path in (root / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    texts.append(node.value)
    return "\n".join(texts)


def test_every_sentence_of_the_catalog_is_still_said_by_the_code():
    """A pattern whose wording no longer occurs in the code is stale: the sentence was reworded
    and the catalog must follow (its longest fixed piece is looked for in the code's literals)."""
    said = literal_text(LOCALE.parent.parent)
    stale = []
    for message in entries("ru"):
        pieces = [piece.strip().rstrip(".") for piece in FIELD.split(message.id)[::2]]
        longest = max(pieces, key=len)
        if longest and longest not in said:
            stale.append(message.id)
    assert stale == []


def test_a_refusal_below_the_app_speaks_the_language_asked(viewer):
    response = viewer.post(
        "/api/v1/instruments",
        content=b"[" * 500 + b"]" * 500,
        headers={"Accept-Language": "tk", "content-type": "application/json"},
    )
    assert response.status_code in (400, 413, 422)
    assert response.headers["content-language"] == "tk"
    assert response.json()["detail"].startswith("Haýyş "), response.json()
