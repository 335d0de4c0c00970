"""Consultation through the API: an invited organisation comments on provisions while the draft
is in consultation, and nowhere else; the drafters answer; the report lists both."""

from __future__ import annotations

import io
import zipfile

from tests.api.drafting import advance, etag, law_with_version, open_draft
from tests.api.test_instruments import assert_problem


def _consultation(drafter, reviewer, guests) -> tuple[int, int]:
    instrument_id, _ = law_with_version(drafter)
    draft = open_draft(drafter, instrument_id)
    for name, organisation in (("union", "Disability Union"), ("centre", "Women's Centre")):
        invited = drafter.post(
            f"/api/v1/drafts/{draft['id']}/consultation/invitations",
            json={"user_id": guests[name][0], "organisation": organisation},
        )
        assert invited.status_code == 201, invited.text
    return instrument_id, draft["id"]


def test_guests_comment_in_consultation_and_drafters_answer(drafter, reviewer, guests):
    _, draft_id = _consultation(drafter, reviewer, guests)
    union, centre = guests["union"][1], guests["centre"][1]
    url = f"/api/v1/drafts/{draft_id}/consultation/comments"
    early = union.post(url, json={"provision": "chp_1__art_2__para_1", "body": "Too vague."})
    assert "while it is in consultation" in assert_problem(early, 403)["detail"]
    assert_problem(union.get(f"/api/v1/drafts/{draft_id}/consultation"), 403)

    advance(drafter, reviewer, draft_id, "consultation")
    said = union.post(url, json={"provision": "chp_1__art_2__para_1", "body": "Too vague."})
    assert said.status_code == 201, said.text
    assert (said.json()["organisation"], said.json()["provision"]["citation"]) == (
        "Disability Union",
        "Article 2(1)",
    )
    centre.post(url, json={"provision": "chp_1__art_1", "body": "Add women."})
    seen = union.get(f"/api/v1/drafts/{draft_id}/consultation").json()
    assert [c["body"] for c in seen["comments"]] == ["Too vague."]
    assert seen["invitations"] == [] and seen["texts"][0]["provisions"]

    answer_url = f"/api/v1/consultation-comments/{said.json()['id']}/response"
    answer = {"response": "We name the services in Article 2.", "outcome": "accepted"}
    assert_problem(drafter.post(answer_url, json=answer), 428)
    answered = drafter.post(answer_url, json=answer, headers={"If-Match": said.headers["etag"]})
    assert answered.status_code == 200, answered.text
    assert answered.json()["outcome"] == "accepted"
    assert_problem(union.post(answer_url, json=answer, headers={"If-Match": "*"}), 403)

    report = drafter.get(f"/api/v1/drafts/{draft_id}/consultation/report")
    assert report.status_code == 200
    document = zipfile.ZipFile(io.BytesIO(report.content)).read("word/document.xml").decode()
    for words in ("Disability Union", "Article 2(1)", "Too vague.", "We name the services"):
        assert words in document
    assert "Women&apos;s Centre" in document or "Women's Centre" in document
    assert_problem(union.get(f"/api/v1/drafts/{draft_id}/consultation/report"), 403)


def test_a_guest_reaches_nothing_else(drafter, reviewer, guests):
    instrument_id, draft_id = _consultation(drafter, reviewer, guests)
    advance(drafter, reviewer, draft_id, "consultation")
    union = guests["union"][1]
    for url in (
        f"/api/v1/drafts/{draft_id}",
        f"/api/v1/instruments/{instrument_id}",
        f"/api/v1/drafts/{draft_id}/comments",
        "/api/v1/obligations",
    ):
        assert_problem(union.get(url), 403)
    other = open_draft(drafter, instrument_id)
    advance(drafter, reviewer, other["id"], "consultation")
    assert_problem(
        union.post(
            f"/api/v1/drafts/{other['id']}/consultation/comments",
            json={"provision": "chp_1__art_1", "body": "Hello."},
        ),
        403,
    )
    url = f"/api/v1/drafts/{draft_id}"
    moved = drafter.post(f"{url}/stage", json={"to": "submitted"}, headers=etag(drafter, url))
    assert moved.status_code == 200, moved.text
    late = union.post(
        f"{url}/consultation/comments", json={"provision": "chp_1__art_1", "body": "Late."}
    )
    assert_problem(late, 403)


def test_only_guests_are_invited_once(drafter, reviewer, guests, accounts):
    _, draft_id = _consultation(drafter, reviewer, guests)
    url = f"/api/v1/drafts/{draft_id}/consultation/invitations"
    again = drafter.post(url, json={"user_id": guests["union"][0], "organisation": "Union"})
    assert_problem(again, 409)
    viewer = drafter.post(url, json={"user_id": accounts["viewer"]["id"], "organisation": "X"})
    assert "guest role" in assert_problem(viewer, 422)["detail"]
