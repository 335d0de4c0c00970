"""Numbered versions and their diffs served as what they are: immutable, with strong ETags,
304 for a client that holds them, subtree and depth reads."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.representations import BoundedCache, cut, subtree
from drafts.schemas import VersionOut
from tests.api.test_instruments import add_version, assert_problem, create

LAW = [
    {
        "kind": "chapter",
        "num": "1",
        "heading": "General",
        "children": [
            {"kind": "article", "num": "1", "text": "Every child has the right to education."},
            {
                "kind": "article",
                "num": "2",
                "children": [
                    {"kind": "paragraph", "num": "1", "text": "Benefits are paid monthly."},
                    {"kind": "paragraph", "num": "2", "text": "Benefits are paid in cash."},
                ],
            },
        ],
    },
    {"kind": "chapter", "num": "2", "heading": "Final", "text": "This law is in force."},
]


@pytest.fixture
def law(drafter) -> int:
    instrument = create(drafter).json()["id"]
    assert add_version(drafter, instrument, LAW).status_code == 201
    changed = [{**LAW[0]}, {**LAW[1], "text": "This law is in force from 1 July."}]
    assert add_version(drafter, instrument, changed).status_code == 201
    return instrument


def test_a_numbered_version_is_immutable_with_a_strong_etag(law, viewer):
    url = f"/api/v1/instruments/{law}/versions/1"
    first = viewer.get(url)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert "immutable" in first.headers["cache-control"]
    VersionOut.model_validate(first.json())
    again = viewer.get(url)
    assert again.content == first.content and again.headers["etag"] == etag
    held = viewer.get(url, headers={"If-None-Match": etag})
    assert held.status_code == 304 and held.content == b""
    assert held.headers["etag"] == etag
    other = viewer.get(f"/api/v1/instruments/{law}/versions/2")
    assert other.headers["etag"] != etag
    assert viewer.get(url, headers={"If-None-Match": other.headers["etag"]}).status_code == 200


def test_subtree_and_depth_reads(law, viewer):
    url = f"/api/v1/instruments/{law}/versions/1"
    whole = viewer.get(url).json()
    article = whole["provisions"][0]["children"][1]
    one = viewer.get(url, params={"eid": article["eid"]}).json()
    assert one["provisions"] == [article]
    assert one["number"] == 1 and one["content_hash"] == whole["content_hash"]
    top = viewer.get(url, params={"depth": 1}).json()
    assert [n["heading"] for n in top["provisions"]] == ["General", "Final"]
    assert all(n["children"] == [] for n in top["provisions"])
    two = viewer.get(url, params={"depth": 2, "eid": whole["provisions"][0]["eid"]}).json()
    (chapter,) = two["provisions"]
    assert [n["num"] for n in chapter["children"]] == ["1", "2"]
    assert chapter["children"][1]["children"] == []
    etags = {viewer.get(url, params=p).headers["etag"] for p in ({}, {"depth": 1}, {"depth": 2})}
    assert len(etags) == 3


@pytest.mark.parametrize(
    ("params", "status"), [({"eid": "art_99"}, 404), ({"depth": 0}, 422), ({"depth": "x"}, 422)]
)
def test_bad_subtree_reads_are_problems(law, viewer, params, status):
    response = viewer.get(f"/api/v1/instruments/{law}/versions/1", params=params)
    assert_problem(response, status)


def test_the_diff_of_numbered_versions_is_immutable(law, viewer):
    params = {"from": f"{law}:1", "to": f"{law}:2"}
    first = viewer.get("/api/v1/diff", params=params)
    assert first.status_code == 200
    assert "immutable" in first.headers["cache-control"]
    assert any("modified" in entry["statuses"] for entry in first.json()["entries"])
    held = viewer.get(
        "/api/v1/diff", params=params, headers={"If-None-Match": first.headers["etag"]}
    )
    assert held.status_code == 304
    html = viewer.get("/api/v1/diff", params={**params, "format": "html"})
    assert html.headers["content-type"].startswith("text/html")
    assert html.headers["etag"] != first.headers["etag"]
    latest = viewer.get("/api/v1/diff", params={**params, "to": f"{law}:latest"})
    assert latest.status_code == 200 and "etag" not in latest.headers
    assert latest.json()["entries"] == first.json()["entries"]


def test_a_kept_version_is_refused_at_once_to_a_revoked_token(law, viewer, admin, accounts, app):
    url = f"/api/v1/instruments/{law}/versions/1"
    token = viewer.post("/api/v1/auth/tokens", json={"name": "script"}).json()
    with TestClient(app, headers={"Authorization": f"Bearer {token['token']}"}) as script:
        etag = script.get(url).headers["etag"]
        assert script.get(url, headers={"If-None-Match": etag}).status_code == 304
        viewer.delete(f"/api/v1/auth/tokens/{token['id']}")
        assert_problem(script.get(url), 401)
        assert_problem(script.get(url, headers={"If-None-Match": etag}), 401)
    user = f"/api/v1/users/{accounts['viewer']['id']}"
    match = {"If-Match": admin.get(user).headers["etag"]}
    assert admin.patch(user, json={"is_active": False}, headers=match).status_code == 200
    assert_problem(viewer.get(url, headers={"If-None-Match": etag}), 401)


def test_the_cache_stays_within_its_bound():
    cache = BoundedCache(limit=10)
    for key in "abcd":
        cache.put(key, b"xxxx")
    assert len(cache) == 2 and cache.get("a") is None and cache.get("d") == b"xxxx"
    cache.put("big", b"x" * 11)
    assert cache.get("big") is None


NODES = [
    {"eid": "chp_1", "children": [{"eid": "chp_1__art_1", "children": []}]},
    {"eid": "art_7", "children": [{"eid": "art_7__para_1", "children": []}]},
]


@pytest.mark.parametrize(
    ("eid", "found"),
    [("chp_1", NODES[0]), ("chp_1__art_1", NODES[0]["children"][0]), ("art_7__para_1",
     NODES[1]["children"][0]), ("art_8", None)],
)  # fmt: skip
def test_subtree(eid, found):
    assert subtree(NODES, eid) == found


def test_cut():
    assert cut(NODES, 1) == [{"eid": "chp_1", "children": []}, {"eid": "art_7", "children": []}]
    assert cut(NODES, 2) == NODES
