"""Obligations through the API: proposed from the wording, confirmed by people, and a status
that follows the work — not started, drafting, adopted, overdue."""

from __future__ import annotations

import csv
import io
import zipfile

from tests.api.drafting import advance, etag, open_draft
from tests.api.test_instruments import add_version, assert_problem, create
from tests.factories import article

LAW = [
    article(
        "3",
        "Services beyond the guaranteed scope are provided for a fee in the procedure "
        "determined by the Cabinet of Ministers.",
        "The authorised body shall approve standards of social services.",
        "Everyone has the right to social services.",
    )
]


def _law(client, **fields) -> int:
    instrument_id = create(client, **fields).json()["id"]
    made = add_version(client, instrument_id, LAW, status="in_force", effective_date="2025-01-01")
    assert made.status_code == 201, made.text
    return instrument_id


def _proposed(client, instrument_id: int) -> list[dict]:
    response = client.post(f"/api/v1/instruments/{instrument_id}/obligations/proposals")
    assert response.status_code == 201, response.text
    return response.json()["proposed"]


def _patch(client, obligation_id: int, **changes):
    url = f"/api/v1/obligations/{obligation_id}"
    return client.patch(url, json=changes, headers=etag(client, url))


def test_proposals_come_from_the_wording_once(drafter):
    instrument_id = _law(drafter)
    proposed = _proposed(drafter, instrument_id)
    assert [
        (o["provision"]["citation"], o["body"], o["review"], o["status"]) for o in proposed
    ] == [
        ("Article 3(1)", "Cabinet of Ministers", "proposed", None),
        ("Article 3(2)", "authorised body", "proposed", None),
    ]
    assert proposed[0]["phrase"] == "in the procedure determined by"
    assert _proposed(drafter, instrument_id) == []


def test_status_follows_the_work(drafter, reviewer):
    instrument_id = _law(drafter)
    first, second = _proposed(drafter, instrument_id)
    confirmed = _patch(drafter, first["id"], review="confirmed", due_date="2099-01-01")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "not_started"

    draft = open_draft(drafter, instrument_id)
    drafting = _patch(drafter, first["id"], draft_id=draft["id"]).json()
    assert (drafting["status"], drafting["draft"]["stage"]) == ("drafting", "drafting")

    regulation = create(drafter, kind="regulation", title="Regulation on Fees").json()["id"]
    adopted = _patch(drafter, first["id"], adopted_instrument_id=regulation).json()
    assert adopted["status"] == "adopted"
    assert adopted["adopted_instrument"]["title"].startswith("Social Services")

    assert (
        _patch(drafter, second["id"], review="confirmed", due_date="2020-01-01").json()["status"]
        == "overdue"
    )
    rejected = _patch(drafter, second["id"], review="rejected").json()
    assert (rejected["review"], rejected["status"]) == ("rejected", None)

    unlinked = _patch(drafter, first["id"], adopted_instrument_id=None).json()
    assert unlinked["status"] == "drafting"
    advance(drafter, reviewer, draft["id"], "adopted")
    assert drafter.get(f"/api/v1/obligations/{first['id']}").json()["status"] == "adopted"


def test_the_tracker_counts_per_law_and_filters(drafter):
    instrument_id = _law(drafter, short_title="Social Services Law")
    first, second = _proposed(drafter, instrument_id)
    _patch(drafter, first["id"], review="confirmed")
    _patch(drafter, second["id"], review="confirmed", due_date="2020-01-01")
    by_hand = drafter.post(
        f"/api/v1/instruments/{instrument_id}/obligations",
        json={"provision": "art_3__para_3", "body": "Ministry of Labour", "due_date": "2020-02-01"},
    )
    assert by_hand.status_code == 201, by_hand.text

    listed = drafter.get("/api/v1/obligations", params={"instrument_id": instrument_id}).json()
    (counts,) = listed["summaries"]
    assert {
        k: counts[k] for k in ("required", "not_started", "drafting", "adopted", "overdue")
    } == {
        "required": 3,
        "not_started": 1,
        "drafting": 0,
        "adopted": 0,
        "overdue": 2,
    }
    overdue = drafter.get(
        "/api/v1/obligations", params={"instrument_id": instrument_id, "status": "overdue"}
    ).json()
    assert sorted(o["body"] for o in overdue["items"]) == ["Ministry of Labour", "authorised body"]
    ministry = drafter.get("/api/v1/obligations", params={"body": "ministry"}).json()
    assert [o["body"] for o in ministry["items"]] == ["Ministry of Labour"]

    exported = drafter.get(
        "/api/v1/obligations/export",
        params={"format": "csv", "instrument_id": instrument_id},
        headers={"Accept-Language": "ru"},
    )
    assert exported.status_code == 200
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert table[0][2] == "Ответственный орган"
    assert [row[2] for row in table[1:]] == [
        "Cabinet of Ministers",
        "authorised body",
        "Ministry of Labour",
    ]
    word = drafter.get(
        "/api/v1/obligations/export", params={"format": "docx", "instrument_id": instrument_id}
    )
    document = zipfile.ZipFile(io.BytesIO(word.content)).read("word/document.xml").decode()
    assert "Social Services Law: 3 regulations required — 0 adopted, 0 in drafting, 2 overdue" in (
        document
    )


def test_bad_links_and_stale_changes_are_refused(drafter, viewer):
    instrument_id = _law(drafter)
    first, _ = _proposed(drafter, instrument_id)
    assert (
        "draft package"
        in assert_problem(_patch(drafter, first["id"], draft_id=999999), 422)["detail"]
    )
    assert_problem(_patch(drafter, first["id"], adopted_instrument_id=999999), 422)
    url = f"/api/v1/obligations/{first['id']}"
    stale = drafter.get(url).headers["etag"]
    _patch(drafter, first["id"], review="confirmed")
    assert_problem(
        drafter.patch(url, json={"review": "rejected"}, headers={"If-Match": stale}), 412
    )
    assert_problem(drafter.patch(url, json={"review": "rejected"}), 428)
    assert_problem(drafter.get("/api/v1/obligations/999999"), 404)
    assert_problem(_patch(viewer, first["id"], review="rejected"), 403)
    unknown = drafter.post(
        f"/api/v1/instruments/{instrument_id}/obligations",
        json={"provision": "art_9", "body": "Ministry"},
    )
    assert_problem(unknown, 422)


def test_a_proposal_takes_the_due_date_the_law_sets(drafter):
    instrument_id = create(drafter).json()["id"]
    law = [
        article(
            "9",
            "The Cabinet of Ministers shall approve the rules of accreditation within six months "
            "of the entry into force of this Law.",
        )
    ]
    made = add_version(drafter, instrument_id, law, status="in_force", effective_date="2025-01-01")
    assert made.status_code == 201, made.text
    (proposal,) = _proposed(drafter, instrument_id)
    assert (proposal["body"], proposal["due_date"]) == ("Cabinet of Ministers", "2025-07-01")
