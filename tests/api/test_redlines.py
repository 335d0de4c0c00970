"""The diff and amending-instruction endpoints over stored versions."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from drafts.schemas import InstructionsOut, RedlineOut
from tests.api.test_instruments import add_version, assert_problem, create
from tests.factories import sample_provisions


def two_versions(client) -> int:
    iid = create(client).json()["id"]
    add_version(client, iid, sample_provisions(), status="in_force", effective_date="2021-01-01")
    changed = sample_provisions()
    changed[1]["children"][1]["children"][1]["text"] = (
        "Services are given without discrimination on any ground."
    )
    changed[2]["children"].append(
        {"kind": "article", "num": "4", "text": "Children with disabilities are included."}
    )
    del changed[1]["children"][0]
    add_version(client, iid, changed, status="in_force", effective_date="2024-01-01")
    return iid


def test_diff_json_between_two_versions(drafter):
    iid = two_versions(drafter)
    response = drafter.get("/api/v1/diff", params={"from": f"{iid}:1", "to": f"{iid}:2"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["alignment"] == "identity"
    assert body["from"]["version"] == 1 and body["to"]["version"] == 2
    assert body["summary"]["inserted"] == 1
    assert body["summary"]["deleted"] == 2  # article 1 and its paragraph
    modified = [e for e in body["entries"] if "modified" in e["statuses"]]
    assert modified[0]["new_eid"] == "chp_1__art_2__para_2"
    assert ["insert", " on any ground"] in modified[0]["text_ops"]


def answers_as(model, body: dict) -> None:
    """The answer holds exactly what the model declares, of the types it declares."""
    assert model.model_validate(body).model_dump(mode="json", by_alias=True) == body


def test_the_answers_keep_their_declared_shape(drafter):
    """The redline is built as a dict for speed, cached or not; both hold to `RedlineOut`."""
    iid = two_versions(drafter)
    for params in (
        {"from": f"{iid}:1", "to": f"{iid}:2"},
        {"from": f"{iid}:1", "to": f"{iid}:latest", "changes": "only", "context": "0"},
    ):
        body = drafter.get("/api/v1/diff", params=params).json()
        answers_as(RedlineOut, body)
        assert any(entry["confidence"] is not None for entry in body["entries"])
    assert body["omitted"] > 0
    planned = drafter.get("/api/v1/instructions", params={"from": f"{iid}:1", "to": f"{iid}:2"})
    answers_as(InstructionsOut, planned.json())
    assert planned.json()["instructions"] and planned.json()["from"]["version"] == 1


def test_diff_by_date_and_latest_and_subtree(viewer, drafter):
    iid = two_versions(drafter)
    by_date = viewer.get(
        "/api/v1/diff", params={"from": f"{iid}:2022-06-01", "to": f"{iid}:latest"}
    ).json()
    assert (by_date["from"]["version"], by_date["to"]["version"]) == (1, 2)
    subtree = viewer.get(
        "/api/v1/diff",
        params={"from": f"{iid}:1", "to": f"{iid}:2", "provision": "chp_2"},
    ).json()
    assert {e["new_eid"] for e in subtree["entries"]} == {
        "chp_2",
        "chp_2__art_3",
        "chp_2__art_3__para_1",
        "chp_2__art_4",
    }


def test_diff_between_two_instruments_aligns_by_similarity(drafter):
    first = two_versions(drafter)
    second = create(drafter).json()["id"]
    add_version(drafter, second, sample_provisions())
    body = drafter.get("/api/v1/diff", params={"from": f"{first}:2", "to": f"{second}:1"}).json()
    assert body["alignment"] == "similarity"


def test_diff_html_escapes_text_and_marks_changes(drafter):
    iid = create(drafter).json()["id"]
    add_version(drafter, iid, [{"kind": "article", "num": "1", "text": "Plain words."}])
    add_version(drafter, iid, [{"kind": "article", "num": "1", "text": "<script>x()</script>"}])
    for layout in ("inline", "side-by-side"):
        response = drafter.get(
            "/api/v1/diff",
            params={"from": f"{iid}:1", "to": f"{iid}:2", "format": "html", "layout": layout},
        )
        assert response.headers["content-type"].startswith("text/html")
        soup = BeautifulSoup(response.text, "html.parser")
        assert soup.find("script") is None
        assert soup.select_one(".rl-text ins").get_text() == "<script>x()</script>"
        assert soup.select_one(".rl-text del").get_text() == "Plain words."
        assert soup.select_one("#change-1") is not None


@pytest.mark.parametrize(
    ("reference", "status", "detail"),
    [
        ("twelve", 422, "must be written as instrument:version"),
        ("{iid}:9", 404, "has no version 9"),
        ("{iid}:0", 404, "has no version 0"),
        ("99999:1", 404, "There is no instrument with id 99999."),
        ("99999:latest", 404, "There is no instrument with id 99999."),
        ("99999:2021-02-01", 404, "There is no instrument with id 99999."),
        ("{iid}:2021-02-30", 422, "The date 2021-02-30 in 'from' does not exist."),
    ],
)
def test_diff_bad_references(viewer, drafter, reference, status, detail):
    iid = two_versions(drafter)
    bad = viewer.get("/api/v1/diff", params={"from": reference.format(iid=iid), "to": f"{iid}:1"})
    assert detail in assert_problem(bad, status)["detail"]


def test_diff_other_bad_requests(viewer, drafter):
    iid = two_versions(drafter)
    assert_problem(
        viewer.get("/api/v1/diff", params={"from": f"{iid}:1", "to": f"{iid}:2", "provision": "x"}),
        404,
    )
    assert_problem(viewer.get("/api/v1/diff", params={"from": f"{iid}:1"}), 422)


def test_diff_needs_sign_in(anonymous):
    assert_problem(anonymous.get("/api/v1/diff", params={"from": "1:1", "to": "1:2"}), 401)


def test_instructions_in_english_and_russian(drafter):
    iid = two_versions(drafter)
    params = {"from": f"{iid}:1", "to": f"{iid}:2"}
    english = drafter.get("/api/v1/instructions", params=params).json()
    assert "Article 1 shall be repealed." in english["text"]
    assert any(
        i["kind"] == "insert_words" or i["kind"] == "replace_words" for i in english["instructions"]
    )
    russian = drafter.get("/api/v1/instructions", params=params | {"lang": "ru"}).json()
    assert "Статью 1 признать утратившей силу." in russian["text"]


def test_instructions_cite_as_the_law_is_cited(drafter):
    """A Kazakh law in Russian numbers its paragraphs as «пункт»: the instructions say so, in
    every language, and quote the new text with the law's own headings."""
    article = {"kind": "article", "num": "15", "heading": "Предоставление услуг", "children": [
        {"kind": "paragraph", "num": "1.", "text": "Услуги предоставляются бесплатно."},
    ]}  # fmt: skip
    iid = create(drafter, jurisdiction="kz", language="ru").json()["id"]
    add_version(drafter, iid, [article], status="in_force", effective_date="2021-01-01")
    added = {"kind": "paragraph", "num": "2.", "text": "Выбор осуществляется через портал."}
    add_version(drafter, iid, [article | {"children": [*article["children"], added]}])
    params = {"from": f"{iid}:1", "to": f"{iid}:2"}
    said = {
        lang: drafter.get("/api/v1/instructions", params=params | {"lang": lang}).json()["text"]
        for lang in ("ru", "tk", "en")
    }
    assert said == {
        "ru": "1. Статью 15 дополнить пунктом 2 следующего содержания: "
        "«2. Выбор осуществляется через портал.».",
        "tk": "1. 15-nji madda şu mazmunly 2-nji bent bilen doldurulsyn: "
        "«2. Выбор осуществляется через портал.».",
        "en": "1. Article 15 shall be supplemented by paragraph 2 as follows: "
        "“2. Выбор осуществляется через портал.”.",
    }


def test_instructions_in_an_unknown_language_is_422(drafter):
    iid = two_versions(drafter)
    response = drafter.get(
        "/api/v1/instructions", params={"from": f"{iid}:1", "to": f"{iid}:2", "lang": "fr"}
    )
    assert "en, ru" in assert_problem(response, 422)["detail"]


def test_instructions_need_sign_in(anonymous):
    assert_problem(anonymous.get("/api/v1/instructions", params={"from": "1:1", "to": "1:2"}), 401)


def test_diff_changes_only_with_context(drafter):
    iid = two_versions(drafter)
    params = {"from": f"{iid}:1", "to": f"{iid}:2"}
    full = drafter.get("/api/v1/diff", params=params).json()
    only = drafter.get("/api/v1/diff", params={**params, "changes": "only", "context": 0}).json()
    assert full["omitted"] == 0 and only["omitted"] > 0
    assert only["summary"] == full["summary"]
    assert len(only["entries"]) + only["omitted"] == len(full["entries"])
    changed = [e for e in full["entries"] if e["statuses"] != ["unchanged"]]
    assert [e for e in only["entries"] if e["statuses"] != ["unchanged"]] == changed
    bad = drafter.get("/api/v1/diff", params={**params, "changes": "some", "context": -1})
    assert bad.status_code == 422
