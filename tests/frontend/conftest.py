"""Page-test fixtures: a browser-like client signed in with a session cookie per role."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from api.auth import service as auth
from api.deps import SESSION_COOKIE
from drafts.users import User


class Browser:
    """A signed-in page client that knows its CSRF token and parses what it gets."""

    def __init__(self, client: TestClient, csrf: str) -> None:
        self.client = client
        self.csrf = csrf

    def get(self, url: str, **kwargs):
        return self.client.get(url, **kwargs)

    def soup(self, url: str, status: int = 200, **kwargs) -> BeautifulSoup:
        response = self.client.get(url, **kwargs)
        assert response.status_code == status, response.text[:2000]
        return BeautifulSoup(response.text, "html.parser")

    def post(self, url: str, data: dict | None = None, **kwargs):
        return self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)


@pytest.fixture
def browser_for(app, sessions, accounts):
    """`browser_for("reviewer")`: a page client signed in as that role's user."""
    made = []

    def make(role: str) -> Browser:
        with sessions() as session:
            user = session.get(User, accounts[role]["id"])
            secret, record = auth.start_session(session=session, user=user, hours=1)
            session.commit()
            csrf = record.csrf_token
        client = TestClient(app, follow_redirects=False)
        client.cookies.set(SESSION_COOKIE, secret)
        made.append(client)
        return Browser(client, csrf)

    yield make
    for client in made:
        client.close()
