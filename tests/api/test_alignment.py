"""The alignment API: works / not found or bad input / not allowed, for each endpoint; treaty
references of amendments, and the links they suggest on consolidation."""

from __future__ import annotations

import csv
import io

import pytest

from tests.alignment.test_links import load_crc
from tests.api.drafting import by_eid, decide, etag, law_with_version, open_draft, propose
from tests.api.test_instruments import add_version, assert_problem

BASE = "/api/v1"
PARA = "chp_2__art_3__para_1"


@pytest.fixture
def mapped(db, drafter):
    """The CRC loaded, and a law in force from 2021: (instrument id, version 1 by eId)."""
    load_crc(db)
    db.commit()
    iid, version = law_with_version(drafter)
    return iid, by_eid(version)


def new_link(client, provision: str, **fields):
    body = {"provision_id": provision, "framework": "CRC", "article": "3"}
    return client.post(f"{BASE}/alignments", json=body | {"relation": "implements"} | fields)


def created(client, provision_id: str, **fields) -> dict:
    response = new_link(client, provision_id, **fields)
    assert response.status_code == 201, response.text
    return response.json()


def reword(client, iid: int, version: dict, eid: str, text: str, **fields):
    """Post a new version of the law with one provision reworded."""

    def visit(node: dict) -> dict:
        changed = {"text": text} if node["eid"] == eid else {}
        return node | changed | {"children": [visit(child) for child in node["children"]]}

    response = add_version(client, iid, [visit(n) for n in version["provisions"]], **fields)
    assert response.status_code == 201, response.text
    return response.json()


def test_create_and_read_an_alignment(drafter, viewer, mapped):
    _, nodes = mapped
    response = new_link(drafter, nodes[PARA]["provision_id"], note="Best interests.")
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"{BASE}/alignments/{body['id']}"
    read = viewer.get(f"{BASE}/alignments/{body['id']}")
    assert read.headers["etag"] == response.headers["etag"]
    assert {key: read.json()[key] for key in ("framework", "article", "status", "source")} == {
        "framework": "CRC",
        "article": "3",
        "status": "suggested",
        "source": "manual",
    }
    assert read.json()["eid"] == PARA and read.json()["needs_recheck"] is False
    assert read.json()["author"] == "Drafter" and read.json()["note"] == "Best interests."


@pytest.mark.parametrize(
    ("fields", "status", "problem"),
    [
        ({"article": "99"}, 422, "There is no article 99 in the framework CRC."),
        ({"recommendation_set": "X", "recommendation": "1"}, 422, "not both"),
        ({"relation": "ignores"}, 422, "relation"),
        ({"provision_id": "no-such-provision"}, 404, "There is no provision no-such-provision."),
    ],
)
def test_create_bad_alignments(drafter, mapped, fields, status, problem):
    response = new_link(drafter, mapped[1][PARA]["provision_id"], **fields)
    body = assert_problem(response, status)
    assert problem in body["detail"] or problem in str(body.get("errors"))


def test_who_may_create_alignments(viewer, reviewer, anonymous, mapped):
    provision_id = mapped[1][PARA]["provision_id"]
    assert_problem(new_link(viewer, provision_id), 403)
    assert_problem(new_link(reviewer, provision_id), 403)
    assert_problem(new_link(anonymous, provision_id), 401)


def test_list_alignments_with_filters(drafter, viewer, mapped):
    iid, nodes = mapped
    created(drafter, nodes[PARA]["provision_id"])
    created(drafter, nodes["chp_1__art_2__para_2"]["provision_id"], article="2", status="confirmed")
    page = viewer.get(f"{BASE}/alignments", params={"instrument_id": iid, "per_page": 1}).json()
    assert page["total"] == 2 and len(page["items"]) == 1
    confirmed = viewer.get(f"{BASE}/alignments", params={"status": "confirmed"}).json()
    assert [item["article"] for item in confirmed["items"]] == ["2"]
    by_article = viewer.get(f"{BASE}/alignments", params={"framework": "CRC", "article": "3"})
    assert [item["eid"] for item in by_article.json()["items"]] == [PARA]


def test_list_alignments_bad_filters(viewer, mapped):
    assert_problem(viewer.get(f"{BASE}/alignments", params={"version": 1}), 422)
    assert_problem(viewer.get(f"{BASE}/alignments", params={"status": "maybe"}), 422)
    assert_problem(viewer.get(f"{BASE}/alignments", params={"article": "3"}), 422)


def test_anonymous_cannot_list_alignments(anonymous, mapped):
    assert_problem(anonymous.get(f"{BASE}/alignments"), 401)


def test_read_a_missing_alignment_or_version(drafter, viewer, mapped):
    assert_problem(viewer.get(f"{BASE}/alignments/0"), 404)
    link = created(drafter, mapped[1][PARA]["provision_id"])
    assert_problem(viewer.get(f"{BASE}/alignments/{link['id']}", params={"version": 9}), 404)


def test_anonymous_cannot_read_an_alignment(drafter, anonymous, mapped):
    link = created(drafter, mapped[1][PARA]["provision_id"])
    assert_problem(anonymous.get(f"{BASE}/alignments/{link['id']}"), 401)


def test_recheck_after_a_new_wording_and_reconfirming(drafter, reviewer, mapped):
    iid, nodes = mapped
    link = created(drafter, nodes[PARA]["provision_id"], status="confirmed")
    url = f"{BASE}/alignments/{link['id']}"
    version = drafter.get(f"{BASE}/instruments/{iid}/versions/1").json()
    reword(drafter, iid, version, PARA, "The best interests of every child come first.")
    stale = reviewer.get(url).json()
    assert stale["needs_recheck"] and stale["version"] == 2
    assert ["insert", "every"] in stale["redline"]["text"]
    assert reviewer.get(url, params={"version": 1}).json()["needs_recheck"] is False
    confirmed = reviewer.patch(url, json={"status": "confirmed"}, headers=etag(reviewer, url))
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["needs_recheck"] is False and confirmed.json()["redline"] is None


def test_reviewer_confirms_and_stale_or_missing_etags_are_refused(drafter, reviewer, mapped):
    link = created(drafter, mapped[1][PARA]["provision_id"])
    url = f"{BASE}/alignments/{link['id']}"
    seen = etag(reviewer, url)
    done = reviewer.patch(url, json={"status": "confirmed", "note": "Checked."}, headers=seen)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "confirmed" and done.json()["reviewed_at"]
    assert done.headers["etag"] != seen["If-Match"]
    assert_problem(drafter.patch(url, json={"relation": "references"}, headers=seen), 412)
    assert_problem(drafter.patch(url, json={"relation": "references"}), 428)
    assert_problem(drafter.patch(f"{BASE}/alignments/0", json={"note": "x"}, headers=seen), 404)
    assert_problem(drafter.patch(url, json={"status": "unsure"}, headers=seen), 422)


def test_who_may_change_alignments(drafter, reviewer, viewer, mapped):
    link = created(drafter, mapped[1][PARA]["provision_id"])
    url = f"{BASE}/alignments/{link['id']}"
    assert_problem(viewer.patch(url, json={"note": "x"}, headers=etag(viewer, url)), 403)
    refused = reviewer.patch(url, json={"relation": "references"}, headers=etag(reviewer, url))
    assert_problem(refused, 403)


def test_delete_a_suggested_alignment_but_not_a_confirmed_one(drafter, mapped):
    nodes = mapped[1]
    suggested = created(drafter, nodes[PARA]["provision_id"])
    confirmed = created(drafter, nodes[PARA]["provision_id"], article="12", status="confirmed")
    url = f"{BASE}/alignments/{suggested['id']}"
    assert_problem(drafter.delete(url), 428)
    assert drafter.delete(url, headers=etag(drafter, url)).status_code == 204
    assert_problem(drafter.get(url), 404)
    kept = f"{BASE}/alignments/{confirmed['id']}"
    assert (
        "reject it instead"
        in assert_problem(drafter.delete(kept, headers=etag(drafter, kept)), 409)["detail"]
    )


def test_delete_a_missing_alignment(drafter, mapped):
    assert_problem(drafter.delete(f"{BASE}/alignments/0", headers={"If-Match": "*"}), 404)


def test_viewers_and_reviewers_cannot_delete_alignments(drafter, viewer, reviewer, mapped):
    link = created(drafter, mapped[1][PARA]["provision_id"])
    url = f"{BASE}/alignments/{link['id']}"
    for client in (viewer, reviewer):
        assert_problem(client.delete(url, headers=etag(client, url)), 403)


def test_provision_alignments(drafter, viewer, mapped):
    provision_id = mapped[1][PARA]["provision_id"]
    created(drafter, provision_id)
    created(drafter, provision_id, article="12", relation="references")
    body = viewer.get(f"{BASE}/provisions/{provision_id}/alignments").json()
    assert body["total"] == 2
    assert [(item["article"], item["relation"]) for item in body["items"]] == [
        ("3", "implements"),
        ("12", "references"),
    ]


def test_provision_alignments_of_a_missing_provision(viewer, mapped):
    assert_problem(viewer.get(f"{BASE}/provisions/nope/alignments"), 404)


def test_anonymous_cannot_read_provision_alignments(anonymous, mapped):
    provision_id = mapped[1][PARA]["provision_id"]
    assert_problem(anonymous.get(f"{BASE}/provisions/{provision_id}/alignments"), 401)


def test_instrument_coverage_as_json_and_csv(drafter, viewer, mapped):
    iid, nodes = mapped
    created(drafter, nodes[PARA]["provision_id"], status="confirmed")
    url = f"{BASE}/instruments/{iid}/coverage"
    body = viewer.get(url, params={"framework": "CRC", "as_at": "2022-01-01"}).json()
    assert (body["version"], body["as_at"], body["framework"]) == (1, "2022-01-01", "CRC")
    assert body["summary"]["covered"] == 1 and body["summary"]["gap"] == 41
    assert body["summary"]["procedural_left_out"] == 12
    everything = viewer.get(url, params={"framework": "CRC", "procedural": "true"}).json()
    assert everything["summary"]["gap"] == 53 and len(everything["articles"]) == 54
    article = next(a for a in body["articles"] if a["number"] == "3")
    assert article["status"] == "covered"
    assert article["provisions"][0]["label"] == "Paragraph 1 of Article 3"
    response = viewer.get(url, params={"framework": "CRC", "version": 1, "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["framework", "article", "title", "status", "provisions", "suggested"]
    assert len(rows) == 43
    assert [row[3] for row in rows if row[1] == "3"] == ["covered"]


def test_instrument_coverage_bad_requests(viewer, mapped):
    url = f"{BASE}/instruments/{mapped[0]}/coverage"
    assert_problem(viewer.get(url, params={"framework": "ICCPR"}), 404)
    assert_problem(viewer.get(f"{BASE}/instruments/0/coverage", params={"framework": "CRC"}), 404)
    assert_problem(viewer.get(url, params={"framework": "CRC", "as_at": "2020-01-01"}), 404)
    both = {"framework": "CRC", "version": 1, "as_at": "2022-01-01"}
    assert_problem(viewer.get(url, params=both), 422)
    assert_problem(viewer.get(url), 422)


def test_anonymous_cannot_read_coverage(anonymous, mapped):
    url = f"{BASE}/instruments/{mapped[0]}/coverage"
    assert_problem(anonymous.get(url, params={"framework": "CRC"}), 401)


def test_draft_coverage_as_json_and_csv(drafter, reviewer, viewer, mapped):
    iid, nodes = mapped
    provision_id = nodes[PARA]["provision_id"]
    created(drafter, provision_id, status="confirmed")
    draft = open_draft(drafter, iid)
    amendment = propose(
        drafter, draft["id"], instrument_id=iid, kind="delete", provision_id=provision_id
    ).json()
    url = f"{BASE}/drafts/{draft['id']}/coverage"
    unchanged = viewer.get(url, params={"framework": "CRC"}).json()
    assert unchanged["changes"] == [] and unchanged["amendments"] == "accepted"
    proposed = viewer.get(url, params={"framework": "CRC", "include_proposed": True}).json()
    assert [(c["number"], c["before"], c["after"]) for c in proposed["changes"]] == [
        ("3", "covered", "gap")
    ]
    decide(reviewer, amendment["id"], "accepted")
    body = viewer.get(url, params={"framework": "CRC"}).json()
    assert body["before"]["summary"]["covered"] == 1 and body["after"]["summary"]["covered"] == 0
    rows = list(
        csv.DictReader(
            io.StringIO(viewer.get(url, params={"framework": "CRC", "format": "csv"}).text)
        )
    )
    assert [(r["before"], r["after"]) for r in rows if r["article"] == "3"] == [("covered", "gap")]


def test_draft_coverage_of_a_missing_draft_or_framework(viewer, drafter, mapped):
    assert_problem(viewer.get(f"{BASE}/drafts/0/coverage", params={"framework": "CRC"}), 404)
    draft = open_draft(drafter, mapped[0])
    url = f"{BASE}/drafts/{draft['id']}/coverage"
    assert_problem(viewer.get(url, params={"framework": "ICCPR"}), 404)
    assert_problem(viewer.get(url, params={"framework": "CRC", "format": "xlsx"}), 422)


def test_anonymous_cannot_read_draft_coverage(anonymous, drafter, mapped):
    draft = open_draft(drafter, mapped[0])
    url = f"{BASE}/drafts/{draft['id']}/coverage"
    assert_problem(anonymous.get(url, params={"framework": "CRC"}), 401)


@pytest.mark.parametrize(
    ("refs", "problem"),
    [
        ([{"framework": "ICCPR", "articles": [1]}], "There is no framework with the code ICCPR."),
        ([{"framework": "CRC", "articles": [3, 55]}], "CRC has no article 55."),
    ],
)
def test_bad_treaty_references_on_amendments_are_422(drafter, mapped, refs, problem):
    iid, nodes = mapped
    draft = open_draft(drafter, iid)
    change = {"kind": "replace_text", "provision_id": nodes[PARA]["provision_id"], "text": "New."}
    refused = propose(drafter, draft["id"], instrument_id=iid, treaty_refs=refs, **change)
    assert assert_problem(refused, 422)["detail"] == problem
    made = propose(drafter, draft["id"], instrument_id=iid, **change)
    url = f"{BASE}/amendments/{made.json()['id']}"
    edited = drafter.patch(url, json={"treaty_refs": refs}, headers=etag(drafter, url))
    assert assert_problem(edited, 422)["detail"] == problem


def test_treaty_references_become_suggested_links_on_consolidation(drafter, reviewer, mapped):
    iid, nodes = mapped
    para = nodes[PARA]["provision_id"]
    existing = created(drafter, para, status="confirmed")
    draft = open_draft(drafter, iid)
    rewording = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=para,
        text="The best interests of the child are a primary consideration.",
        treaty_refs=[{"framework": "CRC", "articles": [3, 12]}],
    ).json()
    insertion = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="insert",
        anchor_id=nodes["chp_2__art_3"]["provision_id"],
        position="after",
        nodes=[{"kind": "article", "num": "4", "heading": "Play", "text": "Children may play."}],
        treaty_refs=[{"framework": "CRC", "articles": [31]}],
    ).json()
    for amendment in (rewording, insertion):
        assert decide(reviewer, amendment["id"], "accepted").status_code == 200
    url = f"{BASE}/drafts/{draft['id']}"
    done = reviewer.post(
        f"{url}/consolidate", json={"status": "adopted"}, headers=etag(reviewer, url)
    )
    assert done.status_code == 201, done.text

    new = by_eid(drafter.get(f"{BASE}/instruments/{iid}/versions/2").json())
    links = drafter.get(f"{BASE}/alignments", params={"instrument_id": iid}).json()["items"]
    assert [
        (link["article"], link["provision_id"], link["status"], link["source"]) for link in links
    ] == [
        ("3", para, "confirmed", "manual"),
        ("12", para, "suggested", "amendment"),
        ("31", new["chp_2__art_4"]["provision_id"], "suggested", "amendment"),
    ]
    assert links[0]["id"] == existing["id"] and links[0]["needs_recheck"]
    assert [link["amendment_id"] for link in links[1:]] == [rewording["id"], insertion["id"]]
