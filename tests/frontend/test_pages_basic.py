"""Sign-in, the dashboard and the instrument pages, as a person sees them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.deps import SESSION_COOKIE
from drafts.audit import AuditEntry
from tests.api.drafting import law_with_version, open_draft
from tests.conftest import PASSWORD


def text_of(soup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def test_pages_need_sign_in(app):
    with TestClient(app, follow_redirects=False) as client:
        response = client.get("/instruments?kind=law")
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=/instruments%3Fkind%3Dlaw"


def test_sign_in_through_the_form(app, accounts):
    with TestClient(app, follow_redirects=False) as client:
        form = BeautifulSoup(client.get("/login?next=/instruments").text, "html.parser")
        token = form.select_one("input[name=login_token]")["value"]
        assert form.select_one("label[for=username]").get_text() == "User name"
        wrong = client.post(
            "/login",
            data={
                "username": "drafter1",
                "password": "nope",
                "login_token": token,
                "next": "/instruments",
            },
        )
        page = BeautifulSoup(wrong.text, "html.parser")
        assert wrong.status_code == 401
        assert text_of(page, "[role=alert]") == "The user name or password is not right."
        assert page.select_one("#username")["value"] == "drafter1"
        token = page.select_one("input[name=login_token]")["value"]
        ok = client.post(
            "/login",
            data={
                "username": "drafter1",
                "password": PASSWORD,
                "login_token": token,
                "next": "/instruments",
            },
        )
        assert ok.status_code == 303 and ok.headers["location"] == "/instruments"
        listing = BeautifulSoup(client.get("/instruments").text, "html.parser")
        assert listing.select_one("h1").get_text() == "Laws and regulations"


def test_sign_in_refuses_a_forged_form_and_open_redirects(app, accounts):
    with TestClient(app, follow_redirects=False) as client:
        forged = client.post(
            "/login", data={"username": "drafter1", "password": PASSWORD, "login_token": "made-up"}
        )
        assert forged.status_code == 403
        token = BeautifulSoup(client.get("/login").text, "html.parser").select_one(
            "input[name=login_token]"
        )["value"]
        ok = client.post(
            "/login",
            data={
                "username": "drafter1",
                "password": PASSWORD,
                "login_token": token,
                "next": "//evil.example",
            },
        )
        assert ok.headers["location"] == "/"


def test_sign_out_needs_the_csrf_token(browser_for):
    viewer = browser_for("viewer")
    refused = viewer.client.post("/logout", data={"csrf_token": "wrong"})
    assert refused.status_code == 403
    assert "expired" in text_of(BeautifulSoup(refused.text, "html.parser"), "[role=alert]")
    assert viewer.post("/logout").headers["location"] == "/login"
    assert viewer.get("/").status_code == 303


def session_cookie(response) -> dict[str, str]:
    """The attributes of the session cookie a response sets (the value under "value")."""
    for header in response.headers.get_list("set-cookie"):
        name, _, rest = header.partition("=")
        if name == SESSION_COOKIE:
            value, *attributes = rest.split(";")
            pairs = (attribute.strip().partition("=") for attribute in attributes)
            return {"value": value} | {key.lower(): given for key, _, given in pairs}
    raise AssertionError("no session cookie was set")


def page_sign_in(client: TestClient, username: str):
    form = BeautifulSoup(client.get("/login").text, "html.parser")
    token = form.select_one("input[name=login_token]")["value"]
    return client.post(
        "/login", data={"username": username, "password": PASSWORD, "login_token": token}
    )


def test_the_api_and_the_pages_set_and_clear_one_session_cookie(app, accounts, sessions):
    """Signing in through the API or the form sets the same cookie and records the sign-in;
    signing out through either ends the session and clears the cookie."""
    with (
        TestClient(app, follow_redirects=False) as api,
        TestClient(app, follow_redirects=False) as page,
    ):
        by_api = api.post("/api/v1/auth/login", json={"username": "viewer1", "password": PASSWORD})
        by_page = page_sign_in(page, "viewer1")
        set_by_api, set_by_page = session_cookie(by_api), session_cookie(by_page)
        assert set_by_api.pop("value") != set_by_page.pop("value")
        assert set_by_api == set_by_page
        assert set_by_api["samesite"] == "lax" and set_by_api["path"] == "/"
        assert {"httponly", "max-age"} <= set(set_by_api)
        csrf = by_api.json()["csrf_token"]
        out_of_api = api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})
        page_csrf = BeautifulSoup(page.get("/").text, "html.parser").select_one(
            "input[name=csrf_token]"
        )["value"]
        out_of_page = page.post("/logout", data={"csrf_token": page_csrf})
        for response in (out_of_api, out_of_page):
            cleared = session_cookie(response)
            assert cleared["max-age"] == "0" and cleared["path"] == "/"
        assert api.get("/api/v1/me").status_code == 401
        assert page.get("/").status_code == 303
    with sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.user_id == accounts["viewer"]["id"])
            .where(AuditEntry.action.in_(["auth.login", "auth.logout"]))
        ).all()
    assert sorted(actions) == ["auth.login", "auth.login", "auth.logout", "auth.logout"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("ru", "Законы и подзаконные акты"), ("tk", "Kanunlar we kadalaşdyryjy hukuk namalary")],
)
def test_language_switch_translates_the_pages(browser_for, lang, heading):
    viewer = browser_for("viewer")
    viewer.post("/language", {"language": lang, "next": "/instruments"})
    page = viewer.soup("/instruments")
    assert page.select_one("html")["lang"] == lang
    assert page.select_one("h1").get_text() == heading


def test_dashboard_shows_my_drafts_and_stages(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    page = browser_for("drafter").soup("/")
    mine = [a.get_text() for a in page.select("#mine ~ ul a")]
    assert mine == [draft["title"]]
    rows = {
        row.th.get_text(): row.td.get_text(" ", strip=True)
        for row in page.select("table tbody tr")
        if row.th
    }
    assert rows["drafting"].startswith(draft["title"])


def test_instrument_page_shows_text_toc_and_versions(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    page = browser_for("viewer").soup(f"/instruments/{iid}")
    title = drafter.get(f"/api/v1/instruments/{iid}").json()["title"]
    assert page.select_one("h1").get_text() == title
    toc = [a["href"] for a in page.select(".toc a")]
    assert toc[:3] == ["#chp_1", "#chp_1__art_1", "#chp_1__art_2"]
    paragraph = page.select_one("#chp_1__art_2__para_2 .text")
    assert paragraph.get_text() == "Services are given without discrimination."
    assert [li.a.get_text() for li in page.select("#versions ~ ol li")] == ["Version 1"]


def test_instrument_page_as_at_a_date_and_bad_dates(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    viewer = browser_for("viewer")
    page = viewer.soup(f"/instruments/{iid}?at=2022-01-01")
    assert page.select_one("#at")["value"] == "2022-01-01"
    bad = viewer.soup(f"/instruments/{iid}?at=2022-02-30", status=422)
    assert "not a date" in text_of(bad, "[role=alert]")
    missing = viewer.soup("/instruments/999999", status=404)
    assert text_of(missing, "h1") == "Not found"


def test_provision_history_page(browser_for, drafter):
    iid, version = law_with_version(drafter)
    pid = version["provisions"][1]["children"][0]["provision_id"]
    page = browser_for("viewer").soup(f"/instruments/{iid}/provisions/{pid}")
    cells = [td.get_text(" ", strip=True) for td in page.select("tbody tr td")]
    assert cells[1] == "added" and cells[2] == "Article 1"


def test_error_page_speaks_the_page_language(browser_for):
    viewer = browser_for("viewer")
    viewer.post("/language", {"language": "tk", "next": "/"})
    page = viewer.soup("/drafts/999999", status=404)
    assert page.select_one("h1").get_text() == "Tapylmady"
    assert page.select_one("[role=alert] p").get_text() == "999999 belgili taslama ýok."
