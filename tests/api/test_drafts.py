"""Draft packages over HTTP: drafts, stages, meetings, consolidation and tracking views."""

from __future__ import annotations

import pytest

from tests.api.drafting import (
    by_eid,
    decide,
    etag,
    law_with_version,
    open_draft,
    propose,
    signed_in,
    to_review,
)
from tests.api.test_instruments import add_version, assert_problem


def test_create_and_read_a_draft(drafter, reviewer, accounts):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid, members=[accounts["reviewer"]["id"]])
    assert draft["stage"] == "drafting" and draft["days_in_stage"] == 0
    assert draft["targets"] == [
        {
            "instrument_id": iid,
            "title": draft["targets"][0]["title"],
            "base_version": 1,
            "result_version": None,
            "creates_instrument": False,
        }
    ]
    assert draft["members"] == [accounts["reviewer"]["id"]]
    read = reviewer.get(f"/api/v1/drafts/{draft['id']}")
    assert read.status_code == 200 and read.json()["title"] == "Align the law with the CRC"


def test_unknown_draft_and_target_are_4xx(drafter):
    assert_problem(drafter.get("/api/v1/drafts/999999"), 404)
    missing = drafter.post(
        "/api/v1/drafts", json={"title": "X", "targets": [{"instrument_id": 99999}]}
    )
    assert_problem(missing, 404)
    assert_problem(drafter.post("/api/v1/drafts", json={"title": ""}), 422)


def test_viewers_and_reviewers_cannot_open_drafts(viewer, reviewer, anonymous):
    for client in (viewer, reviewer):
        assert_problem(client.post("/api/v1/drafts", json={"title": "X"}), 403)
    assert_problem(anonymous.get("/api/v1/drafts"), 401)


def test_only_the_owner_edits_a_draft(app, drafter, admin):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    url = f"/api/v1/drafts/{draft['id']}"
    changed = drafter.patch(
        url, json={"description": "Explanatory note."}, headers=etag(drafter, url)
    )
    assert changed.json()["description"] == "Explanatory note."
    admin.post(
        "/api/v1/users",
        json={"username": "other", "password": "a long password", "role": "drafter"},
    )
    with signed_in(app, "other", "a long password") as other:
        refused = other.patch(url, json={"title": "Mine now"}, headers=etag(other, url))
        assert "owner" in assert_problem(refused, 403)["detail"]
    stale = drafter.patch(url, json={"title": "Stale"}, headers={"If-Match": '"draft-0-0"'})
    assert_problem(stale, 412)


def test_stage_moves_follow_the_table(drafter, reviewer, admin):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    url = f"/api/v1/drafts/{draft['id']}"

    def move(client, to, **fields):
        return client.post(f"{url}/stage", json={"to": to} | fields, headers=etag(client, url))

    assert_problem(move(drafter, "adopted"), 409)
    assert_problem(move(reviewer, "working_group"), 403)
    for stage in ("working_group", "consultation", "submitted"):
        assert move(drafter, stage, note=f"to {stage}").status_code == 200
    assert_problem(move(drafter, "first_reading"), 403)
    for stage in ("first_reading", "second_reading", "adopted"):
        assert move(reviewer, stage).json()["stage"] == stage
    assert_problem(move(drafter, "withdrawn"), 409)
    assert move(admin, "in_force").json()["stage"] == "in_force"

    timeline = drafter.get(f"{url}/timeline").json()["items"]
    assert [(m["from"], m["to"]) for m in timeline][:3] == [
        (None, "drafting"),
        ("drafting", "working_group"),
        ("working_group", "consultation"),
    ]
    assert timeline[1]["note"] == "to working_group" and timeline[1]["by"] == "Drafter"
    second = drafter.get(f"{url}/timeline", params={"page": 2, "per_page": 1}).json()
    assert second == {"items": [timeline[1]], "total": len(timeline), "page": 2, "per_page": 1}
    assert_problem(drafter.get(f"{url}/timeline", params={"per_page": 0}), 422)


def test_withdrawn_from_any_stage_before_adoption(drafter):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    url = f"/api/v1/drafts/{draft['id']}"
    response = drafter.post(f"{url}/stage", json={"to": "withdrawn"}, headers=etag(drafter, url))
    assert response.json()["stage"] == "withdrawn" and response.json()["allowed_moves"] == []


def test_drafts_by_stage(drafter):
    iid, _ = law_with_version(drafter)
    first = open_draft(drafter, iid)
    open_draft(drafter, iid, title="Second")
    url = f"/api/v1/drafts/{first['id']}"
    drafter.post(f"{url}/stage", json={"to": "working_group"}, headers=etag(drafter, url))
    listed = drafter.get("/api/v1/drafts", params={"stage": "working_group"}).json()
    assert [d["id"] for d in listed["items"]] == [first["id"]]
    assert listed["items"][0]["days_in_stage"] == 0
    assert_problem(drafter.get("/api/v1/drafts", params={"stage": "limbo"}), 422)


def test_meetings_record_decisions(drafter, reviewer, viewer):
    iid, version = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    meeting = reviewer.post(
        f"/api/v1/drafts/{draft['id']}/meetings",
        json={"title": "Working group 1", "held_on": "2026-11-20", "attendees": ["A. Amanov"]},
    )
    assert meeting.status_code == 201, meeting.text
    mid = meeting.json()["id"]
    para = by_eid(version)["chp_1__art_1__para_1"]
    amendment = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=para["provision_id"],
        text="This Law governs all services.",
    )
    to_review(drafter, draft["id"])
    decide(reviewer, amendment.json()["id"], "accepted", meeting_id=mid, note="Agreed.")
    read = viewer.get(f"/api/v1/meetings/{mid}").json()
    assert [a["id"] for a in read["amendment_decisions"]] == [amendment.json()["id"]]
    assert read["amendment_decisions"][0]["decision_note"] == "Agreed."
    assert_problem(
        viewer.post(
            f"/api/v1/drafts/{draft['id']}/meetings", json={"title": "X", "held_on": "2026-01-01"}
        ),
        403,
    )
    assert_problem(viewer.get("/api/v1/meetings/999999"), 404)
    assert_problem(
        reviewer.post(
            f"/api/v1/drafts/{draft['id']}/meetings", json={"title": "X", "held_on": "2026-02-30"}
        ),
        422,
    )


@pytest.mark.parametrize("stage", ["working_group", "withdrawn"])
def test_a_meeting_of_another_draft_cannot_be_cited(drafter, reviewer, stage):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    other = open_draft(drafter, iid, title="Other")
    mid = reviewer.post(
        f"/api/v1/drafts/{other['id']}/meetings", json={"title": "Other", "held_on": "2026-01-01"}
    ).json()["id"]
    url = f"/api/v1/drafts/{draft['id']}"
    response = drafter.post(
        f"{url}/stage", json={"to": stage, "meeting_id": mid}, headers=etag(drafter, url)
    )
    assert "not a meeting of this draft" in assert_problem(response, 422)["detail"]


def test_a_draft_can_create_a_new_regulation(drafter):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    url = f"/api/v1/drafts/{draft['id']}"
    response = drafter.post(
        f"{url}/instruments",
        json={
            "instrument": {
                "title": "Regulation on Day Care Centres",
                "kind": "regulation",
                "jurisdiction": "tm",
                "language": "en",
                "work_uri": "/akn/tm/act/2026/day-care",
            },
            "provisions": [{"kind": "article", "num": "1", "text": "Day care centres are open."}],
        },
        headers=etag(drafter, url),
    )
    assert response.status_code == 201, response.text
    created = [t for t in response.json()["targets"] if t["creates_instrument"]]
    assert len(created) == 1
    versions = drafter.get(f"/api/v1/instruments/{created[0]['instrument_id']}/versions").json()
    assert [v["status"] for v in versions["items"]] == ["draft"]


def test_instrument_tracking_view(drafter, reviewer):
    iid, version = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    para = by_eid(version)["chp_2__art_3__para_1"]
    amendment = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=para["provision_id"],
        text="The best interests of the child shall be a primary consideration.",
    )
    to_review(drafter, draft["id"])
    decide(reviewer, amendment.json()["id"], "accepted")
    view = reviewer.get(f"/api/v1/instruments/{iid}/drafts").json()
    assert [d["id"] for d in view["drafts"]] == [draft["id"]]
    assert view["changes_not_yet_applied"] == [
        {"amendment_id": amendment.json()["id"], "draft_id": draft["id"], "kind": "replace_text"}
    ]
    feed = reviewer.get(f"/api/v1/drafts/{draft['id']}/activity").json()
    assert [e["action"] for e in feed["items"]][:4] == [
        "amendment.accepted",
        "draft.stage",
        "amendment.create",
        "draft.create",
    ]
    assert reviewer.get("/api/v1/activity").json()["total"] >= 3


def test_drift_and_rebase(drafter, reviewer):
    iid, version = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    para = by_eid(version)["chp_2__art_3__para_1"]
    amendment = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=para["provision_id"],
        text="Children come first.",
    )
    to_review(drafter, draft["id"])
    decide(reviewer, amendment.json()["id"], "accepted")
    newer = [dict(p) for p in version["provisions"]]
    newer[0] = {
        "kind": "preamble",
        "text": "This Law sets out the social services of Turkmenistan.",
    }
    add_version(drafter, iid, newer, status="in_force", effective_date="2025-01-01")

    url = f"/api/v1/drafts/{draft['id']}"
    drift = reviewer.get(f"{url}/drift").json()["items"]
    assert drift[0]["base_version"] == 1 and drift[0]["latest_version"] == 2
    assert drift[0]["summary"]["modified"] == 1
    refused = reviewer.post(f"{url}/consolidate", json={}, headers=etag(reviewer, url))
    assert "rebase" in assert_problem(refused, 409)["detail"]
    done = reviewer.post(
        f"{url}/consolidate",
        json={"rebase": True},
        headers=etag(reviewer, url),
    )
    assert done.status_code == 201, done.text
    assert done.json()["versions"] == [{"instrument_id": iid, "number": 3}]
    result = by_eid(drafter.get(f"/api/v1/instruments/{iid}/versions/3").json())
    assert result["preamble"]["text"].endswith("of Turkmenistan.")
    assert result["chp_2__art_3__para_1"]["text"] == "Children come first."
