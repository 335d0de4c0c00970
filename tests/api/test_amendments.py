"""Amendments and comments over HTTP, and the whole drafting flow end to end."""

from __future__ import annotations

import pytest

from frameworks import loader
from tests.api.drafting import (
    advance,
    by_eid,
    decide,
    etag,
    law_with_version,
    open_draft,
    propose,
    to_review,
)
from tests.api.test_instruments import assert_problem


@pytest.fixture
def drafted(drafter):
    """(instrument id, version 1 by eId, draft) for a fresh law and draft."""
    iid, version = law_with_version(drafter)
    return iid, by_eid(version), open_draft(drafter, iid)


def test_propose_read_and_redline(db, drafter, viewer, drafted):
    loader.load_framework_file(db, loader.DATA / "crc.json", actor=loader.LOADER)
    db.commit()
    iid, nodes, draft = drafted
    para = nodes["chp_1__art_2__para_2"]
    created = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=para["provision_id"],
        text="Services are given without discrimination of any kind.",
        rationale="CRC article 2.",
        treaty_refs=[{"framework": "CRC", "articles": [2]}],
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "proposed" and body["author"] == "Drafter"
    read = viewer.get(f"/api/v1/amendments/{body['id']}")
    assert read.headers["etag"] == created.headers["etag"]
    redline = viewer.get(f"/api/v1/amendments/{body['id']}/redline").json()
    modified = [e for e in redline["entries"] if "modified" in e["statuses"]]
    assert [e["new_eid"] for e in modified] == ["chp_1__art_2__para_2"]
    assert ["insert", " of any kind"] in modified[0]["text_ops"]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"kind": "replace_text", "text": "x"}, "needs a target provision"),
        ({"kind": "insert", "position": "after"}, "needs an anchor provision"),
        ({"kind": "delete", "provision_id": "x", "text": "y"}, "does not take a new text"),
        ({"kind": "explode", "provision_id": "x"}, "kind"),
        ({"kind": "delete", "provision_id": "no-such-provision"}, "no provision"),
    ],
)
def test_bad_amendments_are_422(drafter, drafted, fields, problem):
    iid, _, draft = drafted
    response = propose(drafter, draft["id"], instrument_id=iid, **fields)
    body = assert_problem(response, 422)
    assert problem in body["detail"] or problem in str(body.get("errors"))


def test_amendment_to_an_instrument_outside_the_draft_is_422(drafter, drafted):
    other, nodes = law_with_version(drafter)[0], drafted[1]
    response = propose(
        drafter,
        drafted[2]["id"],
        instrument_id=other,
        kind="delete",
        provision_id=nodes["chp_1"]["provision_id"],
    )
    assert "not a target" in assert_problem(response, 422)["detail"]


def test_viewer_and_reviewer_cannot_propose(viewer, reviewer, drafted):
    iid, nodes, draft = drafted
    for client in (viewer, reviewer):
        response = propose(
            client,
            draft["id"],
            instrument_id=iid,
            kind="delete",
            provision_id=nodes["chp_1"]["provision_id"],
        )
        assert_problem(response, 403)


def test_two_saves_with_the_same_etag_one_wins(drafter, drafted):
    iid, nodes, draft = drafted
    created = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_heading",
        provision_id=nodes["chp_1__art_1"]["provision_id"],
        heading="Purpose",
    )
    url = f"/api/v1/amendments/{created.json()['id']}"
    seen = {"If-Match": created.headers["etag"]}
    first = drafter.patch(url, json={"heading": "Purpose and scope"}, headers=seen)
    second = drafter.patch(url, json={"heading": "Aim"}, headers=seen)
    assert first.status_code == 200
    assert_problem(second, 412)
    assert drafter.get(url).json()["heading"] == "Purpose and scope"
    assert_problem(drafter.patch(url, json={"heading": "No etag"}), 428)


def test_every_save_is_kept_and_saves_can_be_compared(drafter, drafted):
    iid, nodes, draft = drafted
    created = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=nodes["chp_2__art_3__para_1"]["provision_id"],
        text="The best interests of the child.",
    )
    url = f"/api/v1/amendments/{created.json()['id']}"
    drafter.patch(
        url,
        json={"text": "The best interests of every child.", "rationale": "CRC 3"},
        headers=etag(drafter, url),
    )
    history = drafter.get(f"{url}/history").json()["items"]
    assert [save["number"] for save in history] == [1, 2]
    assert history[0]["content"]["text"] == "The best interests of the child."
    compared = drafter.get(f"{url}/history/diff", params={"old": 1, "new": 2}).json()
    assert set(compared["fields"]) == {"text", "rationale"}
    assert ["insert", "every"] in compared["fields"]["text"] or any(
        op == "insert" and "every" in text for op, text in compared["fields"]["text"]
    )
    assert_problem(drafter.get(f"{url}/history/diff", params={"old": 1, "new": 9}), 404)


def test_only_the_author_edits_and_only_while_proposed(drafter, reviewer, admin, drafted):
    iid, nodes, draft = drafted
    created = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="renumber",
        provision_id=nodes["chp_2__art_3"]["provision_id"],
        num="4",
    )
    aid = created.json()["id"]
    url = f"/api/v1/amendments/{aid}"
    assert_problem(reviewer.patch(url, json={"num": "5"}, headers=etag(reviewer, url)), 403)
    to_review(drafter, draft["id"])
    assert_problem(decide(drafter, aid, "accepted"), 403)
    assert decide(reviewer, aid, "accepted").json()["status"] == "accepted"
    assert_problem(drafter.patch(url, json={"num": "5"}, headers=etag(drafter, url)), 409)
    assert_problem(admin.patch(url, json={"num": "5"}, headers=etag(admin, url)), 409)


def test_withdraw(drafter, drafted):
    iid, nodes, draft = drafted
    created = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="delete",
        provision_id=nodes["chp_2"]["provision_id"],
    )
    url = f"/api/v1/amendments/{created.json()['id']}"
    response = drafter.post(f"{url}/withdraw", headers=etag(drafter, url))
    assert response.json()["status"] == "withdrawn"
    assert_problem(drafter.post(f"{url}/withdraw", headers=etag(drafter, url)), 409)


def test_comments_threads_mentions_and_resolution(drafter, reviewer, viewer, drafted):
    iid, nodes, draft = drafted
    para = nodes["chp_1__art_1__para_1"]
    url = f"/api/v1/drafts/{draft['id']}/comments"
    first = reviewer.post(
        url,
        json={
            "body": "@drafter1 should this cover foreign residents?",
            "provision_id": para["provision_id"],
            "instrument_id": iid,
            "version": 1,
        },
    )
    assert first.status_code == 201, first.text
    assert first.json()["eid"] == "chp_1__art_1__para_1"
    assert first.json()["mentions"] == ["Drafter"]
    reply = drafter.post(url, json={"body": "Yes, see article 2.", "parent_id": first.json()["id"]})
    assert reply.json()["parent_id"] == first.json()["id"]

    assert_problem(viewer.post(url, json={"body": "I may not comment."}), 403)
    assert_problem(drafter.post(url, json={"body": "x", "parent_id": 999999}), 422)

    comment_url = f"/api/v1/comments/{first.json()['id']}"
    resolved = drafter.post(f"{comment_url}/resolve", headers={"If-Match": first.headers["etag"]})
    assert resolved.json()["resolved_at"] is not None
    open_ones = viewer.get(url, params={"resolved": False}).json()["items"]
    assert [c["id"] for c in open_ones] == [reply.json()["id"]]
    last = viewer.get(url, params={"page": 2, "per_page": 1}).json()
    assert [c["id"] for c in last["items"]] == [reply.json()["id"]] and last["total"] == 2
    on_provision = viewer.get(f"/api/v1/provisions/{para['provision_id']}/comments").json()["items"]
    assert [c["id"] for c in on_provision] == [first.json()["id"]]


def test_conflicts_are_listed_and_block_consolidation(drafter, reviewer, drafted):
    iid, nodes, draft = drafted
    pid = nodes["chp_1__art_2__para_1"]["provision_id"]
    one = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=pid,
        text="Everyone has the right to social services of good quality.",
    ).json()
    two = propose(drafter, draft["id"], instrument_id=iid, kind="delete", provision_id=pid).json()
    conflicts = reviewer.get(f"/api/v1/drafts/{draft['id']}/conflicts").json()["items"]
    assert conflicts == [
        {
            "instrument_id": iid,
            "amendments": [one["id"], two["id"]],
            "provision_id": pid,
            "reason": "same_provision",
            "message": conflicts[0]["message"],
        }
    ]
    to_review(drafter, draft["id"])
    decide(reviewer, one["id"], "accepted")
    decide(reviewer, two["id"], "accepted")
    url = f"/api/v1/drafts/{draft['id']}"
    refused = reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url))
    assert "conflict" in assert_problem(refused, 409)["detail"]


def test_the_drafting_flow_end_to_end(drafter, reviewer, viewer, drafted):
    """Five amendments of different kinds, a comment, four accepted and one rejected, a
    conflict found and resolved, consolidation, and the new text and its diff checked."""
    iid, nodes, draft = drafted
    did = draft["id"]

    def make(**fields) -> dict:
        response = propose(drafter, did, instrument_id=iid, **fields)
        assert response.status_code == 201, response.text
        return response.json()

    text = make(
        kind="replace_text",
        provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
        text="Services are given without discrimination of any kind.",
    )
    heading = make(
        kind="replace_heading",
        provision_id=nodes["chp_2"]["provision_id"],
        heading="Services for children and families",
    )
    insert = make(
        kind="insert",
        anchor_id=nodes["chp_2__art_3"]["provision_id"],
        position="last_child",
        nodes=[{"kind": "paragraph", "num": "2", "text": "Every child has the right to be heard."}],
    )
    delete = make(kind="delete", provision_id=nodes["chp_1__art_1"]["provision_id"])
    clash = make(
        kind="replace_text",
        provision_id=nodes["chp_1__art_2__para_2"]["provision_id"],
        text="Services are free.",
    )

    comment = reviewer.post(
        f"/api/v1/drafts/{did}/comments",
        json={"body": "Article 1 is still needed?", "amendment_id": delete["id"]},
    )
    assert comment.status_code == 201

    conflicts = viewer.get(f"/api/v1/drafts/{did}/conflicts").json()["items"]
    assert [c["amendments"] for c in conflicts] == [[text["id"], clash["id"]]]
    to_review(drafter, did)
    for amendment in (text, heading, insert, delete):
        assert decide(reviewer, amendment["id"], "accepted").json()["status"] == "accepted"
    assert (
        decide(reviewer, clash["id"], "rejected", note="Superseded.").json()["status"] == "rejected"
    )
    assert viewer.get(f"/api/v1/drafts/{did}/conflicts").json()["items"] == []

    url = f"/api/v1/drafts/{did}"
    early = reviewer.post(
        f"{url}/consolidate", json={"status": "adopted"}, headers=etag(reviewer, url)
    )
    assert "working group" in assert_problem(early, 409)["detail"]
    advance(drafter, reviewer, did, "adopted")
    done = reviewer.post(
        f"{url}/consolidate",
        json={"status": "adopted", "label": "Amended by the draft"},
        headers=etag(reviewer, url),
    )
    assert done.status_code == 201, done.text
    assert done.json()["draft"]["targets"][0]["result_version"] == 2

    new = viewer.get(f"/api/v1/instruments/{iid}/versions/2").json()
    assert new["label"] == "Amended by the draft" and new["status"] == "adopted"
    assert new["draft_id"] == did
    after = by_eid(new)
    assert "chp_1__art_1" not in after
    assert after["chp_1__art_2__para_2"]["text"] == (
        "Services are given without discrimination of any kind."
    )
    assert after["chp_2"]["heading"] == "Services for children and families"
    assert after["chp_2__art_3__para_2"]["text"] == "Every child has the right to be heard."

    diff = viewer.get("/api/v1/diff", params={"from": f"{iid}:1", "to": f"{iid}:2"}).json()
    assert diff["summary"]["inserted"] == 1
    assert diff["summary"]["deleted"] == 2  # article 1 and its paragraph
    assert diff["summary"]["modified"] == 2

    assert_problem(drafter.patch(url, json={"title": "Later"}, headers=etag(drafter, url)), 409)
    later = propose(
        drafter, did, instrument_id=iid, kind="delete", provision_id=nodes["chp_2"]["provision_id"]
    )
    assert_problem(later, 409)
    assert_problem(reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url)), 409)
    assert viewer.get(f"/api/v1/instruments/{iid}/drafts").json()["changes_not_yet_applied"] == []
