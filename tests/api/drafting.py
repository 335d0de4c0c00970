"""Helpers for tests that work with draft packages over HTTP."""

from __future__ import annotations

from fastapi.testclient import TestClient

from drafts.packages.stages import STAGES
from tests.api.test_instruments import add_version, create
from tests.factories import sample_provisions

LINE = STAGES[: STAGES.index("withdrawn")]
PREPARED = ("drafting", "working_group", "consultation")
"""The stages a drafter moves a draft out of; a reviewer moves it out of the later ones."""


def law_with_version(client) -> tuple[int, dict]:
    """A new instrument with the sample provisions as version 1; (id, version body)."""
    iid = create(client).json()["id"]
    version = add_version(
        client, iid, sample_provisions(), status="in_force", effective_date="2021-01-01"
    )
    assert version.status_code == 201, version.text
    return iid, version.json()


def by_eid(version: dict) -> dict[str, dict]:
    found = {}
    stack = list(version["provisions"])
    while stack:
        node = stack.pop()
        found[node["eid"]] = node
        stack.extend(node["children"])
    return found


def open_draft(client, instrument_id: int, **fields) -> dict:
    response = client.post(
        "/api/v1/drafts",
        json={"title": "Align the law with the CRC", "targets": [{"instrument_id": instrument_id}]}
        | fields,
    )
    assert response.status_code == 201, response.text
    return response.json()


def propose(client, draft_id: int, **fields):
    return client.post(f"/api/v1/drafts/{draft_id}/amendments", json=fields)


def etag(client, url: str) -> dict[str, str]:
    """An If-Match header with the ETag `url` has now."""
    return {"If-Match": client.get(url).headers["etag"]}


def decide(client, amendment_id: int, decision: str, **fields):
    url = f"/api/v1/amendments/{amendment_id}"
    return client.post(
        f"{url}/decision", json={"decision": decision} | fields, headers=etag(client, url)
    )


def signed_in(app, username: str, password: str) -> TestClient:
    """A client signed in through the login form's API: session cookie and CSRF header."""
    client = TestClient(app)
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def to_review(client, draft_id: int) -> None:
    """Move a draft in drafting to the working group, where amendments are decided."""
    url = f"/api/v1/drafts/{draft_id}"
    moved = client.post(f"{url}/stage", json={"to": "working_group"}, headers=etag(client, url))
    assert moved.status_code == 200, moved.text


def advance(drafter, reviewer, draft_id: int, to: str) -> None:
    """Move a draft along the stages up to `to`: the drafter prepares, the reviewer records
    what parliament does."""
    url = f"/api/v1/drafts/{draft_id}"
    while (stage := drafter.get(url).json()["stage"]) != to:
        client = drafter if stage in PREPARED else reviewer
        following = LINE[LINE.index(stage) + 1]
        moved = client.post(f"{url}/stage", json={"to": following}, headers=etag(client, url))
        assert moved.status_code == 200, moved.text
