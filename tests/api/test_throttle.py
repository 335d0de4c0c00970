"""Sign-in throttling: pauses that grow with the failures of one user name at one address and
of one address, never a lock-out of the real user elsewhere; the client's address behind a
trusted proxy; admins clear the failures."""

from __future__ import annotations

import ipaddress
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.auth.models import LoginAttempt
from api.auth.throttle import Policy, pause
from tests.api.test_instruments import assert_problem
from tests.conftest import PASSWORD

POLICY = Policy(free_per_account=3, free_per_address=6, first_pause=30, longest_pause=600)
"""Pauses long enough that a slow machine never sees one end by itself."""


def at(app, address: str, **headers) -> TestClient:
    return TestClient(app, client=(address, 40000), headers=headers)


def login(client: TestClient, username: str, password: str = PASSWORD):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


@pytest.fixture
def strict(app):
    settings = app.state.settings
    settings.login_max_failures = POLICY.free_per_account
    settings.login_max_failures_per_address = POLICY.free_per_address
    settings.login_first_pause_seconds = POLICY.first_pause
    settings.login_longest_pause_seconds = POLICY.longest_pause
    return app


def age(sessions, seconds: float) -> None:
    """Let `seconds` pass for every recorded sign-in attempt."""
    with sessions() as session:
        for attempt in session.scalars(select(LoginAttempt)):
            attempt.at -= timedelta(seconds=seconds)
        session.commit()


def test_pauses_double_up_to_the_longest():
    assert [pause(n, 3, POLICY) for n in range(2, 9)] == [0, 30, 60, 120, 240, 480, 600]


def test_a_guesser_is_slowed_and_the_real_user_is_not_locked_out(strict, sessions):
    guesser = at(strict, "203.0.113.7")
    for _ in range(POLICY.free_per_account):
        assert_problem(login(guesser, "reviewer1", "not the password"), 401)
    refused = login(guesser, "reviewer1")
    body = assert_problem(refused, 429)
    waited = int(refused.headers["retry-after"])
    assert 20 < waited <= 30 and f"wait {waited} seconds" in body["detail"]
    assert login(at(strict, "198.51.100.20"), "reviewer1").status_code == 200
    assert login(guesser, "viewer1").status_code == 200  # another name at the same address
    age(sessions, 30)
    assert_problem(login(guesser, "reviewer1", "still not it"), 401)
    assert 50 < int(login(guesser, "reviewer1").headers["retry-after"]) <= 60  # doubled
    age(sessions, 60)
    assert login(guesser, "reviewer1").status_code == 200  # the real password, after the pause
    assert_problem(login(guesser, "reviewer1", "wrong again"), 401)  # counting starts afresh


def test_an_address_that_fails_for_many_names_is_slowed(strict):
    sprayer = at(strict, "203.0.113.8")
    for n in range(POLICY.free_per_address):
        assert_problem(login(sprayer, f"someone{n}", "guess"), 401)
    assert_problem(login(sprayer, "drafter1"), 429)
    assert login(at(strict, "203.0.113.9"), "drafter1").status_code == 200


def test_behind_a_trusted_proxy_the_forwarded_address_counts(strict):
    strict.state.settings.trusted_proxies = [ipaddress.ip_network("10.0.0.0/8")]
    for _ in range(POLICY.free_per_account):
        proxied = at(strict, "10.1.2.3", **{"X-Forwarded-For": "203.0.113.10, 10.9.9.9"})
        assert_problem(login(proxied, "reviewer1", "nope"), 401)
    other = at(strict, "10.1.2.3", **{"X-Forwarded-For": "203.0.113.11"})
    assert login(other, "reviewer1").status_code == 200
    again = at(strict, "10.1.2.3", **{"X-Forwarded-For": "203.0.113.10"})
    assert_problem(login(again, "reviewer1"), 429)
    spoofed = at(strict, "203.0.113.12", **{"X-Forwarded-For": "203.0.113.10"})
    assert login(spoofed, "reviewer1").status_code == 200  # not a proxy: the header is ignored


def test_admins_clear_the_failures(strict, client_for):
    guesser = at(strict, "203.0.113.13")
    for _ in range(POLICY.free_per_account):
        login(guesser, "reviewer1", "nope")
    assert_problem(login(guesser, "reviewer1"), 429)
    url = "/api/v1/auth/throttle"
    assert_problem(client_for("reviewer").delete(url, params={"username": "reviewer1"}), 403)
    assert_problem(client_for("admin").delete(url), 422)
    cleared = client_for("admin").delete(
        url, params={"username": "reviewer1", "address": "203.0.113.13"}
    )
    assert cleared.json() == {"cleared": POLICY.free_per_account}
    assert login(guesser, "reviewer1").status_code == 200
