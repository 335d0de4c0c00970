"""Linked language versions in a real browser: a Russian law and its English working
translation are linked; a reviewer accepts and consolidates an amendment of the Russian text
only; the bilingual view then flags the English provision that did not follow, until a drafter
records that the two texts match."""

from __future__ import annotations

from api.demo.seed import DEMO_PASSWORDS
from tests.e2e.conftest import axe_violations, screenshot

RUSSIAN = [
    {"kind": "article", "num": "1", "heading": "Цель", "children": [
        {"kind": "paragraph", "num": "1", "text": "Закон регулирует дневной уход за детьми."},
        {"kind": "paragraph", "num": "2", "text": "Дневной уход обеспечивает муниципалитет."},
    ]},
]  # fmt: skip
ENGLISH = [
    {"kind": "article", "num": "1", "heading": "Purpose", "children": [
        {"kind": "paragraph", "num": "1", "text": "This Law governs day care for children."},
        {"kind": "paragraph", "num": "2", "text": "Day care is provided by the municipality."},
    ]},
]  # fmt: skip


class Api:
    """The HTTP API as one demo user, through the browser's own request context."""

    def __init__(self, browser, server: str, username: str) -> None:
        self.context = browser.new_context(base_url=server)
        signed = self.context.request.post(
            "/api/v1/auth/login",
            data={"username": username, "password": DEMO_PASSWORDS[username]},
        )
        assert signed.ok, signed.text()
        self.csrf = signed.json()["csrf_token"]

    def call(self, method: str, path: str, body: dict | None = None, etag: str = ""):
        headers = {"X-CSRF-Token": self.csrf} | ({"If-Match": etag} if etag else {})
        answer = self.context.request.fetch(
            f"/api/v1{path}", method=method, data=body, headers=headers
        )
        assert answer.ok, answer.text()
        return answer


def law(client: Api, language: str, title: str, provisions: list) -> int:
    body = {
        "title": title,
        "kind": "law",
        "jurisdiction": "tm",
        "language": language,
        "work_uri": f"/akn/tm/act/2026/day-care-bilingual-{language}",
    }
    made = client.call("POST", "/instruments", body)
    iid = made.json()["id"]
    version = {"provisions": provisions, "status": "in_force", "effective_date": "2026-01-01"}
    client.call("POST", f"/instruments/{iid}/versions", version, etag=made.headers["etag"])
    return iid


def test_bilingual_view_flags_a_translation_left_behind(browser, server, sign_in):
    drafter = Api(browser, server, "drafter")
    ru = law(drafter, "ru", "Закон о дневном уходе за детьми", RUSSIAN)
    en = law(drafter, "en", "Law on Day Care for Children", ENGLISH)
    link = {"instrument_id": en, "authority": "working"}
    drafter.call("POST", f"/instruments/{ru}/languages", link)
    text = drafter.call("GET", f"/instruments/{ru}/versions/1").json()["provisions"]
    paragraph = text[0]["children"][1]["provision_id"]
    target = {"title": "Day care is free", "targets": [{"instrument_id": ru}]}
    draft = drafter.call("POST", "/drafts", target).json()
    rewording = {
        "instrument_id": ru,
        "kind": "replace_text",
        "provision_id": paragraph,
        "text": "Дневной уход бесплатно обеспечивает муниципалитет.",
    }
    amendment = drafter.call("POST", f"/drafts/{draft['id']}/amendments", rewording).json()
    url = f"/drafts/{draft['id']}"
    etag = drafter.call("GET", url).headers["etag"]
    drafter.call("POST", f"{url}/stage", {"to": "working_group"}, etag=etag)
    drafter.context.close()

    reviewer = sign_in("reviewer")
    reviewer.goto(f"/instruments/{ru}")
    reviewer.get_by_role("link", name="Law on Day Care for Children").click()
    summary = reviewer.locator("#bilingual-summary")
    assert summary.inner_text() == "Every provision matches its counterpart."

    reviewer.goto(f"/amendments/{amendment['id']}")
    reviewer.get_by_role("button", name="Accept").click()
    reviewer.goto(f"/drafts/{draft['id']}")
    reviewer.get_by_role("button", name="Consolidate").click()
    consolidation = reviewer.locator("section[aria-labelledby=consolidation]")
    consolidation.get_by_text("The accepted amendments were applied").wait_for()

    reviewer.goto(f"/instruments/{ru}")
    reviewer.get_by_role("link", name="Law on Day Care for Children").click()
    assert summary.inner_text() == "1 provision needs its translation brought up to date."
    row = reviewer.locator("table.bilingual tr.flagged")
    row.first.wait_for()  # the summary stands above the table: it may be read before the rows
    assert row.count() == 1
    russian, english = row.locator("td").all()
    assert "бесплатно обеспечивает" in russian.inner_text()
    assert "Часть 2 статьи 1" in russian.inner_text()
    assert "Day care is provided by the municipality." in english.inner_text()
    assert english.locator(".flag").inner_text() == "Translation out of date"
    assert "Article 1(2)" in english.inner_text()
    screenshot(reviewer, "bilingual")
    assert axe_violations(reviewer) == []

    assert reviewer.get_by_role("button", name="The texts match: clear the flag").count() == 0
    translator = sign_in("drafter")
    translator.goto(reviewer.url)
    translator.get_by_role("button", name="The texts match: clear the flag").click()
    translator.locator("#bilingual-summary").get_by_text("Every provision matches").wait_for()
    assert translator.locator("table.bilingual tr.flagged").count() == 0
