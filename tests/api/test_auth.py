"""Sign-in, sessions with CSRF, bearer tokens, rate limiting, users admin and the audit log."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.test_instruments import assert_problem
from tests.conftest import PASSWORD
from tests.factories import instrument_body


def login(client: TestClient, username: str, password: str = PASSWORD):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_login_sets_a_session_and_me_works(anonymous, accounts):
    response = login(anonymous, "drafter1")
    assert response.status_code == 200, response.text
    assert response.json()["user"]["role"] == "drafter"
    assert "httponly" in response.headers["set-cookie"].lower()
    me = anonymous.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["username"] == "drafter1"


def test_wrong_password_is_401(anonymous, accounts):
    body = assert_problem(login(anonymous, "drafter1", "wrong password!"), 401)
    assert body["detail"] == "The user name or password is not right."
    assert_problem(login(anonymous, "nobody", "whatever123"), 401)


def test_inactive_user_cannot_sign_in(admin, anonymous, accounts):
    url = f"/api/v1/users/{accounts['viewer']['id']}"
    etag = admin.get(url).headers["etag"]
    assert (
        admin.patch(url, json={"is_active": False}, headers={"If-Match": etag}).status_code == 200
    )
    assert_problem(login(anonymous, "viewer1"), 401)


def test_login_is_rate_limited(anonymous, accounts, app):
    limit = app.state.settings.login_max_failures
    for _ in range(limit):
        assert login(anonymous, "reviewer1", "not the password").status_code == 401
    blocked = login(anonymous, "reviewer1")
    body = assert_problem(blocked, 429)
    assert "Too many" in body["detail"] and int(blocked.headers["retry-after"]) > 0


def test_cookie_changes_need_the_csrf_token(anonymous, accounts):
    csrf = login(anonymous, "drafter1").json()["csrf_token"]
    without = anonymous.post("/api/v1/instruments", json=instrument_body())
    assert "security token" in assert_problem(without, 403)["detail"]
    with_token = anonymous.post(
        "/api/v1/instruments", json=instrument_body(), headers={"X-CSRF-Token": csrf}
    )
    assert with_token.status_code == 201


def test_logout_ends_the_session(anonymous, accounts):
    csrf = login(anonymous, "viewer1").json()["csrf_token"]
    assert anonymous.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert_problem(anonymous.get("/api/v1/me"), 401)


def test_me_needs_sign_in(anonymous):
    assert_problem(anonymous.get("/api/v1/me"), 401)


def test_tokens_are_shown_once_and_can_be_revoked(viewer, app):
    created = viewer.post("/api/v1/auth/tokens", json={"name": "script"})
    assert created.status_code == 201
    secret = created.json()["token"]
    listed = viewer.get("/api/v1/auth/tokens").json()["items"]
    assert "token" not in listed[-1] and listed[-1]["name"] == "script"
    with TestClient(app, headers={"Authorization": f"Bearer {secret}"}) as script:
        assert script.get("/api/v1/me").json()["username"] == "viewer1"
        revoked = viewer.delete(f"/api/v1/auth/tokens/{created.json()['id']}")
        assert revoked.json()["revoked_at"] is not None
        assert_problem(script.get("/api/v1/me"), 401)


def test_unknown_token_is_401_and_others_tokens_are_404(anonymous, viewer, drafter):
    response = anonymous.get("/api/v1/me", headers={"Authorization": "Bearer kanun_nope"})
    assert_problem(response, 401)
    token_id = drafter.post("/api/v1/auth/tokens", json={"name": "mine"}).json()["id"]
    assert_problem(viewer.delete(f"/api/v1/auth/tokens/{token_id}"), 404)


def test_anonymous_cannot_create_tokens(anonymous):
    assert_problem(anonymous.post("/api/v1/auth/tokens", json={"name": "x"}), 401)


def test_admin_manages_users(admin, anonymous):
    created = admin.post(
        "/api/v1/users",
        json={"username": "aman", "password": "a long password", "role": "reviewer"},
    )
    assert created.status_code == 201, created.text
    url = created.headers["location"]
    changed = admin.patch(
        url, json={"role": "drafter"}, headers={"If-Match": created.headers["etag"]}
    )
    assert changed.json()["role"] == "drafter"
    assert login(anonymous, "aman", "a long password").json()["user"]["role"] == "drafter"
    names = [u["username"] for u in admin.get("/api/v1/users").json()["items"]]
    assert "aman" in names


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "x y", "password": "a long password", "role": "viewer"}, "username"),
        ({"username": "short", "password": "short", "role": "viewer"}, "password"),
        ({"username": "king", "password": "a long password", "role": "king"}, "role"),
    ],
)
def test_bad_user_data_is_422(admin, body, field):
    response = admin.post("/api/v1/users", json=body)
    assert assert_problem(response, 422)["errors"][0]["field"] == field


def test_duplicate_user_is_409_and_unknown_is_404(admin):
    body = {"username": "Drafter1", "password": "a long password", "role": "viewer"}
    assert_problem(admin.post("/api/v1/users", json=body), 409)
    assert_problem(admin.get("/api/v1/users/999999"), 404)


@pytest.mark.parametrize("change", [{"role": "viewer"}, {"is_active": False}])
def test_admin_cannot_demote_or_deactivate_themself(admin, accounts, change):
    url = f"/api/v1/users/{accounts['admin']['id']}"
    etag = admin.get(url).headers["etag"]
    refused = admin.patch(url, json=change, headers={"If-Match": etag})
    body = assert_problem(refused, 422)
    assert body["detail"] == "You cannot take away your own admin role or deactivate yourself."
    mine = admin.get(url).json()
    assert mine["role"] == "admin" and mine["is_active"] and admin.get(url).headers["etag"] == etag
    russian = admin.patch(url, json=change, headers={"If-Match": etag, "Accept-Language": "ru"})
    assert assert_problem(russian, 422)["detail"].startswith("Нельзя снять с себя роль")


def test_an_admin_may_demote_another_admin(admin, accounts):
    made = admin.post(
        "/api/v1/users",
        json={"username": "second", "password": "a long password", "role": "admin"},
    )
    url = made.headers["location"]
    demoted = admin.patch(url, json={"role": "viewer"}, headers={"If-Match": made.headers["etag"]})
    assert demoted.status_code == 200 and demoted.json()["role"] == "viewer"


@pytest.mark.parametrize("role", ["drafter", "reviewer", "viewer"])
def test_only_admins_manage_users_and_read_the_audit_log(client_for, role):
    client = client_for(role)
    assert_problem(client.get("/api/v1/users"), 403)
    assert_problem(client.get("/api/v1/audit"), 403)


def test_every_write_is_in_the_audit_log(admin, drafter, accounts):
    created = drafter.post("/api/v1/instruments", json=instrument_body())
    iid = created.json()["id"]
    drafter.post(
        f"/api/v1/instruments/{iid}/versions",
        json={"provisions": []},
        headers={"If-Match": created.headers["etag"], "X-Request-ID": "req-42"},
    )
    entries = admin.get("/api/v1/audit", params={"user_id": accounts["drafter"]["id"]}).json()
    actions = [(e["action"], e["target_type"]) for e in entries["items"]]
    assert actions[:2] == [("version.create", "version"), ("instrument.create", "instrument")]
    assert entries["items"][0]["request_id"] == "req-42"


def test_responses_carry_a_request_id(viewer):
    response = viewer.get("/api/v1/me", headers={"X-Request-ID": "abc-1"})
    assert response.headers["x-request-id"] == "abc-1"
    assert len(viewer.get("/api/v1/me").headers["x-request-id"]) == 32


def test_unknown_route_and_method_are_problems(viewer):
    assert_problem(viewer.get("/api/v1/nothing-here"), 404)
    assert_problem(viewer.delete("/api/v1/instruments"), 405)
