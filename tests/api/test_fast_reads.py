"""Cached representations answered by `api.fast_reads`: the same status, headers and bytes as
the routes give, the same refusals, and never a stale answer."""

from __future__ import annotations

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.fast_reads import FastReads
from api.settings import Settings
from tests import live
from tests.api.test_auth import login
from tests.api.test_instruments import add_version, assert_problem, create
from tests.api.test_representations import law  # noqa: F401  (a fixture)
from tests.api.test_workers import token

REQUEST_ID = {"X-Request-ID": "fast-reads-test"}


def layer(app) -> FastReads:
    stack = app.middleware_stack
    while not isinstance(stack, FastReads):
        stack = stack.app
    return stack


def answered_fast(app, client: TestClient, url: str, headers: dict | None = None) -> bool:
    """Whether the layer itself answers this GET of `client`'s (it remembers the target)."""
    path, _, query = url.partition("?")
    known = layer(app).known.get((path, query.encode()))
    if known is None:
        return False
    sent = {**client.headers, **{name.lower(): value for name, value in (headers or {}).items()}}
    if client.cookies:
        sent["cookie"] = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": [(name.lower().encode(), value.encode()) for name, value in sent.items()],
        "state": {},
    }
    return layer(app).answer(scope, known) is not None


def urls(instrument: int, eid: str) -> list[str]:
    version = f"/api/v1/instruments/{instrument}/versions/1"
    return [
        version,
        f"{version}?eid={eid}",
        f"{version}?depth=1",
        f"{version}?eid={eid}&depth=1",
        f"/api/v1/diff?from={instrument}:1&to={instrument}:2",
        f"/api/v1/diff?from={instrument}:1&to={instrument}:2&format=html&layout=side-by-side",
    ]


def first_eid(client, instrument: int) -> str:
    version = client.get(f"/api/v1/instruments/{instrument}/versions/1").json()
    return version["provisions"][0]["eid"]


def test_the_layer_answers_as_the_routes_do(app, law, viewer):  # noqa: F811
    for url in urls(law, first_eid(viewer, law)):
        routed = viewer.get(url, headers=REQUEST_ID)
        assert routed.status_code == 200
        assert answered_fast(app, viewer, url)
        fast = viewer.get(url, headers=REQUEST_ID)
        assert fast.status_code == routed.status_code
        assert fast.headers.items() == routed.headers.items()
        assert fast.content == routed.content
        held = {"If-None-Match": routed.headers["etag"], **REQUEST_ID}
        assert answered_fast(app, viewer, url, held)
        not_modified = viewer.get(url, headers=held)
        assert not_modified.status_code == 304 and not_modified.content == b""
        assert not_modified.headers["etag"] == routed.headers["etag"]
        assert "immutable" in not_modified.headers["cache-control"]


def test_a_session_cookie_is_answered_too(app, law, anonymous):  # noqa: F811
    assert login(anonymous, "viewer1").status_code == 200
    url = f"/api/v1/instruments/{law}/versions/1"
    routed = anonymous.get(url, headers=REQUEST_ID)
    assert answered_fast(app, anonymous, url)
    fast = anonymous.get(url, headers=REQUEST_ID)
    assert (fast.headers.items(), fast.content) == (routed.headers.items(), routed.content)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Authorization": ""}, 401),
        ({"Authorization": "Bearer kanun_unknown"}, 401),
    ],
)
def test_who_may_not_read_is_refused_as_before(app, law, viewer, headers, status):  # noqa: F811
    url = f"/api/v1/instruments/{law}/versions/1"
    assert viewer.get(url).status_code == 200
    assert not answered_fast(app, viewer, url, headers)
    assert_problem(viewer.get(url, headers=headers), status)


def test_a_role_without_read_is_refused(app, law, viewer, guests):  # noqa: F811
    url = f"/api/v1/instruments/{law}/versions/1"
    assert viewer.get(url).status_code == 200
    _, guest = guests["union"]
    assert not answered_fast(app, guest, url)
    assert_problem(guest.get(url), 403)


def test_a_revoked_token_is_refused_at_once(app, law, viewer):  # noqa: F811
    created = viewer.post("/api/v1/auth/tokens", json={"name": "script"}).json()
    url = f"/api/v1/instruments/{law}/versions/1"
    with TestClient(app, headers={"Authorization": f"Bearer {created['token']}"}) as script:
        assert script.get(url).status_code == 200
        assert answered_fast(app, script, url)
        assert viewer.delete(f"/api/v1/auth/tokens/{created['id']}").status_code == 200
        assert not answered_fast(app, script, url)
        assert_problem(script.get(url), 401)


def test_a_deactivated_user_is_refused_at_once(app, law, admin, viewer, accounts):  # noqa: F811
    url = f"/api/v1/instruments/{law}/versions/1"
    assert viewer.get(url).status_code == 200
    assert answered_fast(app, viewer, url)
    user = f"/api/v1/users/{accounts['viewer']['id']}"
    etag = admin.get(user).headers["etag"]
    assert admin.patch(user, json={"is_active": False}, headers={"If-Match": etag}).is_success
    assert not answered_fast(app, viewer, url)
    assert_problem(viewer.get(url), 401)


def test_what_may_change_is_read_afresh(app, law, drafter, admin, viewer, accounts):  # noqa: F811
    version = f"/api/v1/instruments/{law}/versions/1"
    diff = f"/api/v1/diff?from={law}:1&to={law}:2"
    before = {url: viewer.get(url) for url in (version, diff)}
    assert all(answered_fast(app, viewer, url) for url in before)
    author = f"/api/v1/users/{accounts['drafter']['id']}"
    etag = admin.get(author).headers["etag"]
    renamed = admin.patch(author, json={"display_name": "Renamed"}, headers={"If-Match": etag})
    assert renamed.is_success
    instrument = f"/api/v1/instruments/{law}"
    etag = drafter.get(instrument).headers["etag"]
    retitled = drafter.patch(instrument, json={"title": "Retitled"}, headers={"If-Match": etag})
    assert retitled.is_success
    assert viewer.get(version).json()["author"] == "Renamed"
    assert viewer.get(diff).json()["from"]["title"] == "Retitled"
    for url, old in before.items():
        assert viewer.get(url, headers={"If-None-Match": old.headers["etag"]}).status_code == 200


def test_a_search_is_answered_until_the_documents_change(app, law, drafter, viewer):  # noqa: F811
    url = "/api/v1/search?q=lighthouse"
    routed = viewer.get(url, headers=REQUEST_ID)
    assert routed.status_code == 200 and routed.json()["total"] == 0
    assert answered_fast(app, viewer, url)
    fast = viewer.get(url, headers=REQUEST_ID)
    assert (fast.headers.items(), fast.content) == (routed.headers.items(), routed.content)
    assert fast.headers["cache-control"] == "private, no-cache"
    text = [{"kind": "article", "num": "1", "text": "The lighthouse keeper is a civil servant."}]
    assert add_version(drafter, law, text).status_code == 201
    assert not answered_fast(app, viewer, url), "the answer kept is of the old documents"
    assert viewer.get(url).json()["total"] == 1
    assert answered_fast(app, viewer, url)


@pytest.mark.parametrize("method", ["HEAD", "POST", "DELETE"])
def test_other_methods_reach_the_app(app, law, viewer, method):  # noqa: F811
    url = f"/api/v1/instruments/{law}/versions/1"
    before = viewer.request(method, url, headers=REQUEST_ID)
    assert viewer.get(url).status_code == 200 and answered_fast(app, viewer, url)
    after = viewer.request(method, url, headers=REQUEST_ID)
    assert after.status_code == before.status_code == 405
    assert after.headers.items() == before.headers.items() and after.content == before.content


def test_refused_and_unknown_reads_are_not_remembered(app, law, viewer):  # noqa: F811
    version = f"/api/v1/instruments/{law}/versions"
    for url in (f"{version}/1?depth=0", f"{version}/9", f"{version}/1?eid=art_99"):
        assert viewer.get(url).status_code in (404, 422)
        assert not answered_fast(app, viewer, url)


def test_open_reading_answers_anyone(law, sessions, engine):  # noqa: F811
    app = create_app(
        Settings(environment="test", database_url="sqlite://", anonymous_read=True), engine=engine
    )
    app.state.sessionmaker = sessions
    url = f"/api/v1/instruments/{law}/versions/1"
    with TestClient(app) as anyone:
        routed = anyone.get(url, headers=REQUEST_ID)
        assert routed.status_code == 200
        assert answered_fast(app, anyone, url)
        fast = anyone.get(url, headers=REQUEST_ID)
        assert (fast.headers.items(), fast.content) == (routed.headers.items(), routed.content)


def test_a_served_app_reads_afresh_and_refuses_a_revoked_token(tmp_path):
    """As the tests above, through the sessions of a served app: its cached reads are answered
    in the event loop on SQLite, and statement by statement on PostgreSQL."""
    with live.fresh_database(tmp_path) as url:
        headers = {"Authorization": f"Bearer {token(url)}"}
        with (
            live.server(url, tmp_path) as base,
            httpx.Client(base_url=base, headers=headers, timeout=60) as drafter,
        ):
            law = create(drafter, title="Law on Lanterns").json()["id"]
            for text in ("The first text.", "The second text."):
                provisions = [{"kind": "article", "num": "1", "text": text}]
                assert add_version(drafter, law, provisions).status_code == 201
            created = drafter.post("/api/v1/auth/tokens", json={"name": "script"}).json()
            script = {"Authorization": f"Bearer {created['token']}"}
            diff = f"/api/v1/diff?from={law}:1&to={law}:2"
            for _ in range(2):  # the route answers, then the layer that remembers it
                title = drafter.get(diff, headers=script).json()["from"]["title"]
                assert title == "Law on Lanterns"
            etag = drafter.get(f"/api/v1/instruments/{law}").headers["etag"]
            retitled = drafter.patch(
                f"/api/v1/instruments/{law}", json={"title": "Retitled"}, headers={"If-Match": etag}
            )
            assert retitled.is_success
            assert drafter.get(diff, headers=script).json()["from"]["title"] == "Retitled"
            assert drafter.delete(f"/api/v1/auth/tokens/{created['id']}").is_success
            assert_problem(drafter.get(diff, headers=script), 401)
