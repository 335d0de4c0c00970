"""The instruments API: works / not found or bad input / not allowed, for each endpoint."""

from __future__ import annotations

from tests.factories import instrument_body, sample_provisions

PROBLEM = "application/problem+json"


def create(client, **overrides):
    response = client.post("/api/v1/instruments", json=instrument_body(**overrides))
    assert response.status_code == 201, response.text
    return response


def add_version(client, instrument_id, provisions, etag=None, **fields):
    if etag is None:
        etag = client.get(f"/api/v1/instruments/{instrument_id}").headers["etag"]
    return client.post(
        f"/api/v1/instruments/{instrument_id}/versions",
        json={"provisions": provisions, **fields},
        headers={"If-Match": etag},
    )


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["detail"] and body["detail"][0].isupper()
    return body


def test_create_and_read_instrument(drafter):
    response = create(drafter, title="Law on Social Services", short_title="Social Services")
    body = response.json()
    assert response.headers["location"] == f"/api/v1/instruments/{body['id']}"
    read = drafter.get(f"/api/v1/instruments/{body['id']}")
    assert read.status_code == 200
    assert read.json()["title"] == "Law on Social Services"
    assert read.headers["etag"] == response.headers["etag"]


def test_list_instruments_is_paginated_and_filtered(drafter):
    for _ in range(3):
        create(drafter)
    create(drafter, kind="regulation", title="Regulation on Day Care")
    page = drafter.get("/api/v1/instruments", params={"per_page": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2 and page["page"] == 1
    regulations = drafter.get("/api/v1/instruments", params={"kind": "regulation"}).json()
    assert [i["title"] for i in regulations["items"]] == ["Regulation on Day Care"]
    found = drafter.get("/api/v1/instruments", params={"q": "day care"}).json()
    assert found["total"] == 1


def test_duplicate_work_uri_is_a_conflict(drafter):
    create(drafter, work_uri="/akn/tm/act/2021/social-services")
    response = drafter.post(
        "/api/v1/instruments", json=instrument_body(work_uri="/akn/tm/act/2021/social-services")
    )
    assert "exists already" in assert_problem(response, 409)["detail"]


def test_unknown_instrument_is_404(viewer):
    assert_problem(viewer.get("/api/v1/instruments/999999"), 404)


def test_invalid_instrument_lists_the_fields(drafter):
    body = assert_problem(
        drafter.post("/api/v1/instruments", json={"title": "", "kind": "poem"}), 422
    )
    fields = {error["field"] for error in body["errors"]}
    assert {"title", "kind", "jurisdiction", "language", "work_uri"} <= fields


def test_bad_json_is_400(drafter):
    response = drafter.post(
        "/api/v1/instruments", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert assert_problem(response, 400)["detail"] == "The request body is not valid JSON."


def test_viewer_and_reviewer_cannot_create(viewer, reviewer):
    assert_problem(viewer.post("/api/v1/instruments", json=instrument_body()), 403)
    assert_problem(reviewer.post("/api/v1/instruments", json=instrument_body()), 403)


def test_anonymous_reads_nothing_by_default(anonymous):
    assert_problem(anonymous.get("/api/v1/instruments"), 401)


def test_anonymous_read_can_be_opened_by_a_setting(app, anonymous, drafter):
    instrument = create(drafter).json()
    app.state.settings.anonymous_read = True
    assert anonymous.get(f"/api/v1/instruments/{instrument['id']}").status_code == 200
    assert_problem(anonymous.post("/api/v1/instruments", json=instrument_body()), 401)


def test_update_needs_if_match(drafter):
    created = create(drafter)
    url = f"/api/v1/instruments/{created.json()['id']}"
    assert_problem(drafter.patch(url, json={"title": "New title"}), 428)
    assert_problem(drafter.patch(url, json={"title": "New"}, headers={"If-Match": '"x"'}), 412)
    updated = drafter.patch(
        url, json={"title": "New title"}, headers={"If-Match": created.headers["etag"]}
    )
    assert updated.status_code == 200 and updated.json()["title"] == "New title"
    assert updated.headers["etag"] != created.headers["etag"]
    stale = drafter.patch(
        url, json={"title": "Lost update"}, headers={"If-Match": created.headers["etag"]}
    )
    assert_problem(stale, 412)
    assert drafter.get(url).json()["title"] == "New title"


def test_viewer_cannot_update(drafter, viewer):
    created = create(drafter)
    url = f"/api/v1/instruments/{created.json()['id']}"
    response = viewer.patch(url, json={"title": "X"}, headers={"If-Match": created.headers["etag"]})
    assert_problem(response, 403)


def test_create_and_read_versions(drafter):
    instrument = create(drafter).json()
    first = add_version(drafter, instrument["id"], sample_provisions(), label="As adopted")
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["number"] == 1 and body["parent"] is None and body["author"] == "Drafter"
    assert body["provision_count"] == 10
    chapter = body["provisions"][1]
    assert chapter["eid"] == "chp_1"
    assert chapter["children"][1]["children"][1]["eid"] == "chp_1__art_2__para_2"

    changed = sample_provisions()
    changed[1]["children"][1]["children"][1]["text"] = (
        "Services are given without any discrimination."
    )
    second = add_version(drafter, instrument["id"], changed, label="Amended")
    assert second.status_code == 201, second.text
    assert second.json()["parent"] == 1
    ids_first = [n["provision_id"] for n in body["provisions"]]
    assert [n["provision_id"] for n in second.json()["provisions"]] == ids_first

    listing = drafter.get(f"/api/v1/instruments/{instrument['id']}/versions").json()
    assert [v["number"] for v in listing["items"]] == [1, 2]
    read = drafter.get(f"/api/v1/instruments/{instrument['id']}/versions/1")
    assert read.json()["provisions"] == body["provisions"]


def test_version_needs_the_instruments_etag(drafter):
    instrument = create(drafter)
    url = f"/api/v1/instruments/{instrument.json()['id']}/versions"
    assert_problem(drafter.post(url, json={"provisions": []}), 428)
    ok = add_version(drafter, instrument.json()["id"], [], etag=instrument.headers["etag"])
    assert ok.status_code == 201
    stale = add_version(drafter, instrument.json()["id"], [], etag=instrument.headers["etag"])
    assert_problem(stale, 412)


def test_unknown_version_and_parent(drafter):
    instrument = create(drafter).json()
    assert_problem(drafter.get(f"/api/v1/instruments/{instrument['id']}/versions/3"), 404)
    assert_problem(add_version(drafter, instrument["id"], [], parent=7), 404)


def test_viewer_cannot_create_versions(drafter, viewer):
    instrument = create(drafter)
    response = viewer.post(
        f"/api/v1/instruments/{instrument.json()['id']}/versions",
        json={"provisions": []},
        headers={"If-Match": instrument.headers["etag"]},
    )
    assert_problem(response, 403)


def nested(levels: int) -> bytes:
    """A version body whose tree is `levels` deep (too deep for json.dumps to write)."""
    opening = '{"kind": "point", "children": [' * (levels - 1)
    closing = "]}" * (levels - 1)
    tree = opening + '{"kind": "point", "text": "deep"}' + closing
    return ('{"provisions": [' + tree + "]}").encode()


def test_a_tree_nested_500_deep_is_refused(drafter):
    instrument = create(drafter)
    response = drafter.post(
        f"/api/v1/instruments/{instrument.json()['id']}/versions",
        content=nested(500),
        headers={"content-type": "application/json", "If-Match": instrument.headers["etag"]},
    )
    assert response.status_code in (400, 422), response.text
    assert response.headers["content-type"] == PROBLEM
    versions = drafter.get(f"/api/v1/instruments/{instrument.json()['id']}/versions")
    assert versions.json()["total"] == 0


def test_a_50_mb_body_is_refused(drafter):
    instrument = create(drafter).json()
    blob = b'{"provisions": [{"kind": "article", "text": "' + b"x" * (50 * 2**20) + b'"}]}'
    response = drafter.post(
        f"/api/v1/instruments/{instrument['id']}/versions",
        content=blob,
        headers={"content-type": "application/json", "If-Match": "*"},
    )
    assert_problem(response, 413)


def test_invalid_provisions_are_422(drafter):
    instrument = create(drafter).json()
    body = assert_problem(add_version(drafter, instrument["id"], [{"kind": "stanza"}]), 422)
    assert body["errors"][0]["field"] == "provisions.0.kind"
    unknown = add_version(drafter, instrument["id"], [{"kind": "article", "provision_id": "nope"}])
    assert "not a provision of this instrument" in assert_problem(unknown, 422)["detail"]


def test_in_force_version_needs_an_effective_date(drafter):
    instrument = create(drafter).json()
    response = add_version(drafter, instrument["id"], sample_provisions(), status="in_force")
    assert_problem(response, 422)


def test_invalid_date_is_422(drafter):
    instrument = create(drafter).json()
    response = add_version(
        drafter, instrument["id"], sample_provisions(), effective_date="2021-02-30"
    )
    assert assert_problem(response, 422)["errors"][0]["field"] == "effective_date"
    assert_problem(drafter.get(f"/api/v1/instruments/{instrument['id']}/as-at/2021-13-01"), 422)


def test_as_at_reads_the_version_in_force(drafter):
    instrument = create(drafter).json()
    iid = instrument["id"]
    add_version(drafter, iid, sample_provisions(), status="in_force", effective_date="2021-01-01")
    changed = sample_provisions()
    changed[0]["text"] = "This Law sets out the social services of Turkmenistan."
    add_version(drafter, iid, changed, status="in_force", effective_date="2023-07-01")
    add_version(drafter, iid, sample_provisions(), status="draft")

    assert drafter.get(f"/api/v1/instruments/{iid}/as-at/2022-12-31").json()["number"] == 1
    assert drafter.get(f"/api/v1/instruments/{iid}/as-at/2023-07-01").json()["number"] == 2
    assert drafter.get(f"/api/v1/instruments/{iid}/as-at/2030-01-01").json()["number"] == 2
    before = assert_problem(drafter.get(f"/api/v1/instruments/{iid}/as-at/2020-01-01"), 404)
    assert "2020-01-01" in before["detail"]


def test_as_at_after_repeal_is_404(drafter):
    iid = create(drafter).json()["id"]
    add_version(drafter, iid, sample_provisions(), status="in_force", effective_date="2021-01-01")
    add_version(drafter, iid, [], status="repealed", effective_date="2024-01-01")
    assert (
        "repealed"
        in assert_problem(drafter.get(f"/api/v1/instruments/{iid}/as-at/2025-01-01"), 404)["detail"]
    )


def test_viewer_may_read_as_at_but_anonymous_not(drafter, viewer, anonymous):
    iid = create(drafter).json()["id"]
    add_version(drafter, iid, sample_provisions(), status="in_force", effective_date="2021-01-01")
    assert viewer.get(f"/api/v1/instruments/{iid}/as-at/2022-01-01").status_code == 200
    assert_problem(anonymous.get(f"/api/v1/instruments/{iid}/as-at/2022-01-01"), 401)


def test_provision_history(drafter):
    iid = create(drafter).json()["id"]
    v1 = add_version(drafter, iid, sample_provisions()).json()
    paragraph = v1["provisions"][1]["children"][1]["children"][1]
    pid = paragraph["provision_id"]

    changed = sample_provisions()
    changed[1]["children"][1]["children"][1]["text"] = (
        "Services are given without any discrimination."
    )
    add_version(drafter, iid, changed)
    add_version(drafter, iid, changed)
    moved = sample_provisions()
    moved[2]["children"][0]["children"].append(
        {"kind": "paragraph", "num": "2", "text": "Services are given without any discrimination."}
    )
    del moved[1]["children"][1]["children"][1]
    add_version(drafter, iid, moved)
    add_version(drafter, iid, sample_provisions()[:1])

    history = drafter.get(f"/api/v1/instruments/{iid}/provisions/{pid}/history")
    assert history.status_code == 200, history.text
    steps = [(e["version"], e["change"], e["moved"], e["eid"]) for e in history.json()["entries"]]
    assert steps == [
        (1, "added", False, "chp_1__art_2__para_2"),
        (2, "modified", False, "chp_1__art_2__para_2"),
        (3, "unchanged", False, "chp_1__art_2__para_2"),
        (4, "unchanged", True, "chp_2__art_3__para_2"),
        (5, "removed", False, None),
    ]


def test_history_of_unknown_provision_is_404(drafter, viewer):
    iid = create(drafter).json()["id"]
    assert_problem(viewer.get(f"/api/v1/instruments/{iid}/provisions/nope/history"), 404)


def test_anonymous_cannot_read_history(drafter, anonymous):
    iid = create(drafter).json()["id"]
    assert_problem(anonymous.get(f"/api/v1/instruments/{iid}/provisions/x/history"), 401)
