"""The suggestion routes: articles for a provision and provisions for an article, ranked in
memory (no search index is consulted), with their evidence and the group's decisions."""

from __future__ import annotations

import pytest

from frameworks.loader import load_shipped
from tests.api.test_instruments import add_version, assert_problem, create
from tests.api.test_search import first_provision, nodes, walk_dicts
from tests.conftest import SYSTEM


def no_index():
    raise AssertionError("suggestions must not read the search index")


@pytest.fixture
def demo_law(app, sessions, drafter) -> dict:
    """The treaties loaded, the demo law in two editions and its Russian companion; the app's
    search index refuses to be opened."""
    app.state.search = no_index
    with sessions() as session:
        load_shipped(session, actor=SYSTEM)
        session.commit()
    law = create(drafter, language="en").json()
    for name, day in (
        ("social_services_v1.en.txt", "2021-07-01"),
        ("social_services_v2.en.txt", "2025-01-01"),
    ):
        response = add_version(
            drafter, law["id"], nodes(name), status="in_force", effective_date=day
        )
        assert response.status_code == 201, response.text
    russian = create(drafter, language="ru").json()
    add_version(drafter, russian["id"], nodes("social_services_v1.ru.txt"), status="in_force",
                effective_date="2021-07-01")  # fmt: skip
    return {"en": law["id"], "ru": russian["id"]}


def suggested(client, provision: str, **params) -> list[dict]:
    return page_of(client, provision, **params)["items"]


def page_of(client, provision: str, **params) -> dict:
    response = client.get(f"/api/v1/provisions/{provision}/suggestions", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_provision_suggestions_come_with_their_evidence(demo_law, drafter):
    provision = first_provision(drafter, demo_law["en"], "habilitation and rehabilitation")
    items = suggested(drafter, provision, per_page=5)
    first = items[0]
    assert (first["article"], first["framework"], first["type"]) == ("CRPD:26", "CRPD", "article")
    assert {"habilitation", "rehabilitation"} <= set(first["matched_terms"])
    assert first["links"]["article"] == "/api/v1/frameworks/CRPD/articles/26"
    assert first["passage"].startswith("26(") and first["passage_text"]
    concept = next(item for item in first["evidence"] if item["concept"])
    assert concept["concept"] == "habilitation and rehabilitation"
    assert concept["sources"] == ["the article's own words"]
    assert {"habilitation", "rehabilitation"} <= {w.lower() for w in concept["target_words"]}
    crpd = suggested(drafter, provision, framework="CRPD")
    assert {item["framework"] for item in crpd} == {"CRPD"}


def test_suggestions_are_paged_like_every_list(demo_law, drafter):
    """`total` counts every candidate the ranking scored; the pages follow each other."""
    provision = first_provision(drafter, demo_law["en"], "habilitation and rehabilitation")
    whole = page_of(drafter, provision, per_page=200)
    assert (whole["page"], whole["per_page"]) == (1, 200)
    assert 2 < whole["total"] == len(whole["items"]) < 200
    pages = [page_of(drafter, provision, per_page=2, page=n) for n in (1, 2)]
    assert {page["total"] for page in pages} == {whole["total"]}
    shown = [item["article"] for page in pages for item in page["items"]]
    assert shown == [item["article"] for item in whole["items"][:4]]
    beyond = page_of(drafter, provision, per_page=50, page=whole["total"] // 50 + 2)
    assert beyond["items"] == [] and beyond["total"] == whole["total"]
    url = "/api/v1/frameworks/CRPD/articles/26/suggestions"
    params = {"instrument": demo_law["en"]}
    every = drafter.get(url, params=params | {"per_page": 200}).json()
    second = drafter.get(url, params=params | {"per_page": 1, "page": 2}).json()
    assert second["total"] == every["total"] > 1
    assert second["items"][0]["provision_id"] == every["items"][1]["provision_id"]
    assert_problem(drafter.get(url, params=params | {"per_page": 0}), 422)


def test_recommendations_are_suggested_too(demo_law, viewer):
    provision = first_provision(viewer, demo_law["en"], "without discrimination on grounds")
    items = suggested(viewer, provision, type="recommendation", per_page=3)
    assert items and all(item["type"] == "recommendation" for item in items)
    assert items[0]["links"]["recommendation"].startswith("/api/v1/recommendation-sets/TKM-UPR/")


def test_decisions_move_suggestions_for_similar_provisions_and_say_why(demo_law, drafter):
    english = first_provision(drafter, demo_law["en"], "left without parental care")
    review = first_provision(drafter, demo_law["en"], "guardianship and trusteeship authority")
    for provision, article, status in ((english, "20", "confirmed"), (review, "25", "rejected")):
        body = {"provision_id": provision, "framework": "CRC", "article": article}
        made = drafter.post("/api/v1/alignments", json=body | {"relation": "implements",
                                                                "status": status})  # fmt: skip
        assert made.status_code == 201, made.text
    after = suggested(drafter, review, per_page=20)
    demoted = next(item for item in after if item["article"] == "CRC:25")
    assert demoted["reasons"] == ["rejected for this provision"] and after[0] is not demoted
    tree = drafter.get(f"/api/v1/instruments/{demo_law['ru']}/versions/1").json()["provisions"]
    russian = next(
        node["provision_id"]
        for node in walk_dicts(tree)
        if "оставшийся без попечения" in node.get("text", "")
    )
    items = {item["article"]: item for item in suggested(drafter, russian, per_page=20)}
    (reason,) = items["CRC:20"]["reasons"]
    assert reason.startswith("confirmed for Article 8(1) of Social Services")


def test_article_suggestions_rank_provisions_in_memory(demo_law, viewer):
    url = "/api/v1/frameworks/CRPD/articles/26/suggestions"
    body = viewer.get(url, params={"instrument": demo_law["en"]}).json()
    assert body["version"] == 2 and body["article"] == "CRPD:26"
    first = body["items"][0]
    assert "rehabilitation" in first["matched_terms"] and first["type"] == "provision"
    assert first["eid"] and first["links"]["history"].endswith(f"{first['provision_id']}/history")
    russian = viewer.get(url, params={"instrument": demo_law["ru"], "version": 1}).json()
    assert russian["items"] and all(i["instrument_id"] == demo_law["ru"] for i in russian["items"])
    assert any(word.startswith("реабилит") for word in russian["items"][0]["matched_terms"])


def test_suggestions_not_found(demo_law, drafter):
    assert_problem(drafter.get("/api/v1/provisions/nope/suggestions"), 404)
    provision = first_provision(drafter, demo_law["en"], "habilitation and rehabilitation")
    url = f"/api/v1/provisions/{provision}/suggestions"
    assert_problem(drafter.get(url, params={"version": 9}), 404)
    assert_problem(drafter.get(url, params={"instrument": demo_law["ru"]}), 404)
    assert_problem(drafter.get(url, params={"framework": "NOPE"}), 404)
    assert_problem(drafter.get(url, params={"type": "law"}), 422)
    missing = "/api/v1/frameworks/CRPD/articles/999/suggestions"
    assert_problem(drafter.get(missing, params={"instrument": demo_law["en"]}), 404)


def test_suggestions_need_sign_in(anonymous):
    assert_problem(anonymous.get("/api/v1/provisions/x/suggestions"), 401)
    assert_problem(anonymous.get("/api/v1/frameworks/CRC/articles/28/suggestions"), 401)
