"""The frameworks and recommendations API: works / not found or bad input / not allowed."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from drafts.audit import AuditEntry
from frameworks import loader
from frameworks.models import Recommendation, RecommendationSet
from tests.api.test_instruments import assert_problem

BASE = "/api/v1"


@pytest.fixture
def shipped(db):
    """The shipped treaties and UPR set, inside the test's rolled-back transaction."""
    loader.load_shipped(db)
    db.commit()


def new_set(**overrides) -> dict:
    body = {
        "code": "TKM-CRC-2015",
        "title": "CRC concluding observations on Turkmenistan (2015)",
        "mechanism": "CRC Committee",
        "recommendations": [
            {
                "number": "16(a)",
                "text": "Ensure that the best interests of the child are a primary consideration.",
                "response": "accepted",
                "articles": ["CRC 3"],
                "year": 2015,
            },
            {"number": "16(b)", "text": "Raise awareness among judges.", "themes": ["justice"]},
        ],
    }
    return body | overrides


def test_list_frameworks(shipped, viewer):
    body = viewer.get(f"{BASE}/frameworks").json()
    assert body["total"] == 3
    assert [(f["code"], f["article_count"]) for f in body["items"]] == [
        ("CEDAW", 30),
        ("CRC", 54),
        ("CRPD", 50),
    ]
    assert body["items"][1]["adopted"] == "1989-11-20"


def test_anonymous_cannot_list_frameworks(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/frameworks"), 401)


def test_read_framework(shipped, reviewer):
    body = reviewer.get(f"{BASE}/frameworks/CRPD").json()
    assert body["title"] == "Convention on the Rights of Persons with Disabilities"
    assert body["article_count"] == 50 and body["preamble"].startswith("The States Parties")
    assert "topic_labels_note" in body["notes"]


def test_unknown_framework_is_404(shipped, viewer):
    body = assert_problem(viewer.get(f"{BASE}/frameworks/ICCPR"), 404)
    assert body["detail"] == "There is no framework with the code ICCPR."


def test_anonymous_cannot_read_a_framework(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/frameworks/CRC"), 401)


def test_list_articles_is_paginated(shipped, viewer):
    body = viewer.get(f"{BASE}/frameworks/CEDAW/articles", params={"per_page": 10, "page": 3})
    page = body.json()
    assert page["total"] == 30 and page["page"] == 3
    assert [a["number"] for a in page["items"]] == [str(n) for n in range(21, 31)]
    assert page["items"][0]["framework"] == "CEDAW" and page["items"][0]["part"] == "Part V"


def test_list_articles_of_unknown_framework_or_bad_page(shipped, viewer):
    assert_problem(viewer.get(f"{BASE}/frameworks/XYZ/articles"), 404)
    assert_problem(viewer.get(f"{BASE}/frameworks/CRC/articles", params={"per_page": 0}), 422)


def test_anonymous_cannot_list_articles(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/frameworks/CRC/articles"), 401)


def test_read_article(shipped, viewer):
    body = viewer.get(f"{BASE}/frameworks/CRPD/articles/9").json()
    assert (body["framework"], body["number"], body["title"]) == ("CRPD", "9", "Accessibility")
    assert body["part"] is None and body["text"].startswith("1. To enable persons")


def test_unknown_article_is_404(shipped, viewer):
    body = assert_problem(viewer.get(f"{BASE}/frameworks/CRC/articles/55"), 404)
    assert body["detail"] == "CRC has no article 55."


def test_anonymous_cannot_read_an_article(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/frameworks/CRC/articles/3"), 401)


def test_search_articles(shipped, viewer):
    page = viewer.get(f"{BASE}/frameworks/CRC/search", params={"q": "best interests"}).json()
    assert page["total"] >= 5 and page["items"][0]["number"] == "3"
    assert "best interests" in page["items"][0]["snippet"]
    nothing = viewer.get(f"{BASE}/frameworks/CRC/search", params={"q": "spaceship"}).json()
    assert nothing["total"] == 0 and nothing["items"] == []


def test_search_needs_words_and_a_known_framework(shipped, viewer):
    assert_problem(viewer.get(f"{BASE}/frameworks/CRC/search"), 422)
    assert_problem(viewer.get(f"{BASE}/frameworks/CRC/search", params={"q": ""}), 422)
    assert_problem(viewer.get(f"{BASE}/frameworks/XYZ/search", params={"q": "child"}), 404)


def test_anonymous_cannot_search(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/frameworks/CRC/search", params={"q": "child"}), 401)


def test_list_recommendation_sets(shipped, viewer):
    body = viewer.get(f"{BASE}/recommendation-sets").json()
    assert body["total"] == 1
    upr = body["items"][0]
    assert (upr["code"], upr["mechanism"], upr["recommendation_count"]) == ("TKM-UPR", "UPR", 226)


def test_anonymous_cannot_list_recommendation_sets(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/recommendation-sets"), 401)


def test_list_recommendations_with_words(shipped, viewer):
    url = f"{BASE}/recommendation-sets/TKM-UPR/recommendations"
    page = viewer.get(url, params={"q": "torture convention", "per_page": 100}).json()
    assert page["total"] == len(page["items"]) > 0
    first = page["items"][0]
    assert first["set"] == "TKM-UPR" and "torture" in first["text"].lower()
    assert set(first) >= {"number", "response", "recommended_by", "document", "year", "details"}
    assert viewer.get(url).json()["total"] == 226


def test_recommendations_of_unknown_set_or_bad_page(shipped, viewer):
    assert_problem(viewer.get(f"{BASE}/recommendation-sets/NOPE/recommendations"), 404)
    url = f"{BASE}/recommendation-sets/TKM-UPR/recommendations"
    assert_problem(viewer.get(url, params={"per_page": 500}), 422)


def test_anonymous_cannot_list_recommendations(shipped, anonymous):
    assert_problem(anonymous.get(f"{BASE}/recommendation-sets/TKM-UPR/recommendations"), 401)


def test_read_recommendation_whose_number_has_slashes(shipped, viewer):
    number = "A/HRC/24/3 para. 114.8"
    response = viewer.get(f"{BASE}/recommendation-sets/TKM-UPR/recommendations/{number}")
    body = response.json()
    assert (body["number"], body["response"]) == (number, "not supported")
    assert body["recommended_by"] == ["Canada"] and body["articles"] == []
    encoded = viewer.get(
        f"{BASE}/recommendation-sets/TKM-UPR/recommendations/{quote(number, safe='')}"
    )
    assert encoded.json()["number"] == number


def test_unknown_recommendation_is_404(shipped, viewer):
    url = f"{BASE}/recommendation-sets/TKM-UPR/recommendations/A/HRC/99/1 para. 1"
    assert_problem(viewer.get(url), 404)


def test_anonymous_cannot_read_a_recommendation(shipped, anonymous):
    url = f"{BASE}/recommendation-sets/TKM-UPR/recommendations/A/HRC/24/3 para. 114.8"
    assert_problem(anonymous.get(url), 401)


def test_admin_imports_a_set_and_a_second_import_updates_it(shipped, admin, viewer):
    created = admin.post(f"{BASE}/recommendation-sets", json=new_set())
    assert created.status_code == 201, created.text
    assert created.headers["location"] == f"{BASE}/recommendation-sets/TKM-CRC-2015"
    assert created.json()["recommendation_count"] == 2
    item = viewer.get(f"{BASE}/recommendation-sets/TKM-CRC-2015/recommendations/16(a)").json()
    assert item["articles"] == ["CRC 3"] and item["year"] == 2015

    changed = new_set()
    changed["recommendations"][1]["response"] = "noted"
    again = admin.post(f"{BASE}/recommendation-sets", json=changed)
    assert again.status_code == 200 and again.json()["recommendation_count"] == 2
    audit = admin.get(f"{BASE}/audit").json()["items"]
    loads = [e for e in audit if e["action"] == "recommendations.load"][:2]
    assert [e["detail"] for e in loads] == [{"added": 0, "updated": 1}, {"added": 2, "updated": 0}]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "has spaces"}, "code"),
        ({"recommendations": []}, "recommendations"),
        ({"recommendations": [{"number": "1", "text": ""}]}, "recommendations.0.text"),
        ({"recommendations": [{"number": "1", "text": "x", "colour": "red"}]}, None),
    ],
)
def test_invalid_set_is_422_and_stores_nothing(shipped, admin, db, overrides, field):
    body = assert_problem(admin.post(f"{BASE}/recommendation-sets", json=new_set(**overrides)), 422)
    if field:
        assert field in {error["field"] for error in body["errors"]}
    assert db.scalar(select(func.count()).select_from(RecommendationSet)) == 1


def test_unknown_article_or_repeated_number_stores_nothing(shipped, admin, db):
    entries = db.scalar(select(func.count()).select_from(AuditEntry))
    unknown = new_set()
    unknown["recommendations"][1]["articles"] = ["CRC 77"]
    body = assert_problem(admin.post(f"{BASE}/recommendation-sets", json=unknown), 422)
    assert body["detail"] == "Recommendation 2 names article 77 of CRC, which is not loaded."
    repeated = new_set()
    repeated["recommendations"][1]["number"] = "16(a)"
    body = assert_problem(admin.post(f"{BASE}/recommendation-sets", json=repeated), 422)
    assert "repeats the recommendation number 16(a)" in body["detail"]
    assert db.scalar(select(func.count()).select_from(Recommendation)) == 226
    assert db.scalar(select(func.count()).select_from(AuditEntry)) == entries


def test_only_admins_import(shipped, drafter, reviewer, viewer, anonymous):
    for client in (drafter, reviewer, viewer):
        assert_problem(client.post(f"{BASE}/recommendation-sets", json=new_set()), 403)
    assert_problem(anonymous.post(f"{BASE}/recommendation-sets", json=new_set()), 401)
