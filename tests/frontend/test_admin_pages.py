"""Administration pages: users and roles, one's own API tokens, and the audit log."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from drafts.users import User
from tests.api.test_throttle import POLICY, at, login, strict  # noqa: F401  strict is a fixture
from tests.conftest import PASSWORD

NEW_USER = {
    "username": "aylar",
    "display_name": "Aýlar Berdiýewa",
    "email": "aylar@example.org",
    "role": "reviewer",
    "language": "tk",
    "password": PASSWORD,
}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(soup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def user_row(page, username: str):
    return next(row for row in page.select("table.users tbody tr") if row.th.get_text() == username)


def test_the_users_page_lists_everyone_with_their_role(browser_for, accounts):
    page = browser_for("admin").soup("/admin")
    assert text_of(page, "h1") == "Users"
    assert page.select_one(".tabs a[aria-current=page]").get_text() == "Users"
    row = user_row(page, "drafter1")
    assert row.select_one("select option[selected]")["value"] == "drafter"
    assert row.select_one("label.sr")["for"] == row.select_one("select")["id"]
    assert row.select_one("button.danger").get_text() == "Deactivate"
    assert [th["scope"] for th in page.select("table.users thead th")] == ["col"] * 5
    for field in page.select("form[action='/admin/users'] input:not([type=hidden]), select"):
        assert page.select_one(f"label[for={field['id']}]") is not None, field["id"]


def test_an_admin_creates_a_user_who_can_then_sign_in(browser_for, app):
    admin = browser_for("admin")
    response = admin.post("/admin/users", NEW_USER)
    assert response.status_code == 303
    page = admin.soup(response.headers["location"])
    assert text_of(page, "[role=status]") == "aylar can now sign in."
    row = user_row(page, "aylar")
    assert "Aýlar Berdiýewa" in row.get_text()
    assert row.select_one("select option[selected]")["value"] == "reviewer"
    with TestClient(app) as client:
        signed = client.post("/api/v1/auth/login", json={"username": "aylar", "password": PASSWORD})
        assert signed.json()["user"]["role"] == "reviewer"


@pytest.mark.parametrize(
    ("change", "status", "sentence"),
    [
        ({"username": "drafter1"}, 409, "The user name drafter1 is taken."),
        ({"password": "short"}, 422, "password"),
        ({"username": "no spaces allowed"}, 422, "username"),
    ],
)
def test_a_refused_user_keeps_what_was_typed(browser_for, change, status, sentence):
    response = browser_for("admin").post("/admin/users", NEW_USER | change)
    assert response.status_code == status
    page = soup_of(response)
    assert sentence in text_of(page, "[role=alert]")
    typed = NEW_USER | change
    assert page.select_one("#new-username")["value"] == typed["username"]
    assert page.select_one("#new-display_name")["value"] == typed["display_name"]
    assert page.select_one("#new-role option[selected]")["value"] == "reviewer"
    assert page.select_one("#new-language option[selected]")["value"] == "tk"
    assert not page.select_one("#new-password").get("value")


def test_an_admin_changes_a_role_and_deactivates(browser_for, accounts, sessions):
    admin = browser_for("admin")
    page = admin.soup("/admin")
    viewer_id = accounts["viewer"]["id"]
    version = user_row(page, "viewer1").select_one("input[name=lock_version]")["value"]
    changed = admin.post(f"/admin/users/{viewer_id}", {"role": "drafter", "lock_version": version})
    assert changed.status_code == 303
    page = admin.soup(changed.headers["location"].split("#")[0])
    assert text_of(page, "[role=status]") == "The changes to viewer1 are saved."
    row = user_row(page, "viewer1")
    assert row.select_one("select option[selected]")["value"] == "drafter"
    version = row.select_one("input[name=lock_version]")["value"]
    admin.post(f"/admin/users/{viewer_id}", {"is_active": "false", "lock_version": version})
    with sessions() as session:
        assert session.get(User, viewer_id).is_active is False
    page = admin.soup("/admin")
    assert user_row(page, "viewer1").select_one("button[value=true]").get_text() == "Reactivate"


def test_a_stale_or_self_defeating_change_is_refused(browser_for, accounts, sessions):
    admin = browser_for("admin")
    stale = admin.post(
        f"/admin/users/{accounts['viewer']['id']}", {"role": "admin", "lock_version": "0"}
    )
    assert stale.status_code == 412
    page = soup_of(stale)
    assert "since this page was loaded" in text_of(page, "[role=alert]")
    row = user_row(page, "viewer1")
    assert row.select_one("select option[selected]")["value"] == "admin"
    assert row.select_one("input[name=lock_version]")["value"] != "0"
    me = accounts["admin"]["id"]
    own = user_row(admin.soup("/admin"), "admin1")
    assert own.select_one("form") is None and "(you)" in own.get_text()
    with sessions() as session:
        version = session.get(User, me).lock_version
    for change in ({"role": "viewer"}, {"is_active": "false"}):
        mine = admin.post(f"/admin/users/{me}", {**change, "lock_version": version})
        assert mine.status_code == 422
        assert "your own admin role" in text_of(soup_of(mine), "[role=alert]")
    with sessions() as session:
        assert session.get(User, me).role == "admin"
    admin.post("/language", {"language": "ru"})
    with sessions() as session:
        version = session.get(User, me).lock_version  # the language is kept on the user
    russian = admin.post(f"/admin/users/{me}", {"role": "viewer", "lock_version": version})
    assert russian.status_code == 422
    assert text_of(soup_of(russian), "[role=alert]").startswith("Нельзя снять с себя роль")


def test_a_token_is_shown_once_and_can_be_revoked(browser_for, app):
    reviewer = browser_for("reviewer")
    created = reviewer.post("/account/tokens", {"name": "nightly export"})
    assert created.status_code == 201
    assert created.headers["cache-control"] == "no-store"
    page = soup_of(created)
    secret = page.select_one("#new-token")["value"]
    assert secret.startswith("kanun_")
    with TestClient(app) as script:
        me = script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert me.status_code == 200
    again = reviewer.soup("/account/tokens")
    assert again.select_one("#new-token") is None
    assert secret not in str(again)
    row = next(
        r for r in again.select("table.tokens tbody tr") if r.th.get_text() == "nightly export"
    )
    revoke = row.select_one("form")["action"]
    response = reviewer.post(revoke)
    assert response.status_code == 303
    page = reviewer.soup(response.headers["location"])
    assert "revoked" in text_of(page, "[role=status]")
    row = page.select_one(f"#{row['id']}")
    assert text_of(row, ".badge") == "revoked" and row.select_one("form") is None
    with TestClient(app) as script:
        refused = script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert refused.status_code == 401


def test_a_token_needs_a_name_and_only_ones_own_can_be_revoked(browser_for):
    viewer = browser_for("viewer")
    nameless = viewer.post("/account/tokens", {"name": "  "})
    assert nameless.status_code == 422
    assert "name" in text_of(soup_of(nameless), "[role=alert]")
    assert viewer.soup("/account/tokens").select_one(".tabs a[href='/admin']") is None
    created = soup_of(browser_for("drafter").post("/account/tokens", {"name": "mine"}))
    token_id = created.select_one("table.tokens tbody tr")["id"].removeprefix("token-")
    assert viewer.post(f"/account/tokens/{token_id}/revoke").status_code == 404


def test_the_audit_log_lists_entries_and_filters_by_user(browser_for, accounts):
    admin = browser_for("admin")
    admin.post("/admin/users", NEW_USER)
    browser_for("drafter").post("/account/tokens", {"name": "drafter script"})
    page = admin.soup("/admin/audit")
    assert text_of(page, "h1") == "Audit log"
    actions = [td.get_text() for td in page.select("table.audit tbody tr td:nth-of-type(3)")]
    assert actions[:2] == ["API token created", "user added"]
    mine = admin.soup(f"/admin/audit?user={accounts['admin']['id']}")
    assert mine.select_one("#audit-user option[selected]").get_text().startswith("Admin")
    who = {td.get_text() for td in mine.select("table.audit tbody tr td:nth-of-type(2)")}
    assert who == {"Admin"}


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        ("viewer", "/admin", 403),
        ("drafter", "/admin", 403),
        ("reviewer", "/admin/audit", 403),
        ("drafter", "/admin/audit", 403),
        ("viewer", "/account/tokens", 200),
    ],
)
def test_who_may_see_what(browser_for, role, url, status):
    browser_for(role).soup(url, status=status)


def test_non_admins_cannot_change_users(browser_for, accounts):
    drafter = browser_for("drafter")
    assert drafter.post("/admin/users", NEW_USER).status_code == 403
    refused = drafter.post(
        f"/admin/users/{accounts['viewer']['id']}", {"role": "admin", "lock_version": "1"}
    )
    assert refused.status_code == 403


def test_tokens_need_sign_in(app):
    with TestClient(app, follow_redirects=False) as client:
        response = client.get("/account/tokens")
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=/account/tokens"


def test_a_password_reset_or_change_signs_the_user_out_everywhere(
    browser_for, accounts, client_for, app
):
    viewer, other_session = browser_for("viewer"), browser_for("viewer")
    token = client_for("viewer")
    assert token.get("/api/v1/me").status_code == 200
    admin = browser_for("admin")
    short = admin.post(f"/admin/users/{accounts['viewer']['id']}/password", {"password": "short"})
    assert short.status_code == 422
    assert "at least 10 characters" in text_of(
        BeautifulSoup(short.text, "html.parser"), "[role=alert]"
    )
    reset = admin.post(
        f"/admin/users/{accounts['viewer']['id']}/password", {"password": "a brand new secret"}
    )
    assert reset.status_code == 303
    notice = admin.soup(reset.headers["location"]).select_one("[role=status]").get_text()
    assert "signed out everywhere" in notice
    assert viewer.get("/").status_code == 303 and other_session.get("/").status_code == 303
    assert token.get("/api/v1/me").status_code == 401

    again = browser_for("viewer")
    wrong = again.post(
        "/account/password",
        {"current": "nope", "new": "another secret 1", "repeated": "another secret 1"},
    )
    assert wrong.status_code == 422
    changed = again.post(
        "/account/password",
        {
            "current": "a brand new secret",
            "new": "another secret 1",
            "repeated": "another secret 1",
        },
    )
    assert changed.status_code == 303 and changed.headers["location"] == "/login?changed=1"
    assert again.get("/").status_code == 303
    with TestClient(app) as fresh:
        signed = fresh.post(
            "/api/v1/auth/login", json={"username": "viewer1", "password": "another secret 1"}
        )
        assert signed.status_code == 200
    audit = [td.get_text() for td in admin.soup("/admin/audit").select("td.action")]
    assert "own password changed" in audit and "password reset" in audit


@pytest.mark.usefixtures("strict")
def test_an_admin_clears_the_failed_sign_ins_of_a_user_from_their_row(app, browser_for):
    guesser = at(app, "203.0.113.14")
    for _ in range(POLICY.free_per_account):
        login(guesser, "viewer1", "nope")
    assert login(guesser, "viewer1").status_code == 429
    admin = browser_for("admin")
    row = user_row(admin.soup("/admin"), "viewer1")
    form = row.select_one("form[action$='/sign-in-failures']")
    assert form.button.get_text(strip=True) == "Clear failed sign-ins"
    cleared = admin.post(form["action"], {})
    assert cleared.status_code == 303
    notice = admin.soup(cleared.headers["location"]).select_one("[role=status]").get_text()
    assert "failed sign-ins of viewer1 are forgotten" in notice
    assert login(guesser, "viewer1").status_code == 200
    assert browser_for("viewer").post(form["action"], {}).status_code == 403
