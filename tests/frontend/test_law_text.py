"""The law's own text of a numbered version is rendered once per language and kept; the rest
of its page stays each reader's: their name, CSRF token and language around the same text,
and what changes (comments) shown at once."""

from __future__ import annotations

from api import representations
from drafts.users import User
from tests.api.drafting import law_with_version, open_draft


def texts(page) -> list[str]:
    return [span.get_text() for span in page.select(".provision .text")]


def test_one_kept_text_in_each_readers_page(browser_for, client_for, sessions, accounts):
    iid, _ = law_with_version(client_for("drafter"))
    with sessions() as session:
        session.get(User, accounts["reviewer"]["id"]).language = "ru"
        session.commit()
    drafter, viewer, reviewer = (browser_for(role) for role in ("drafter", "viewer", "reviewer"))
    kept = len(representations.CACHE)
    first = drafter.soup(f"/instruments/{iid}?version=1")
    assert len(representations.CACHE) == kept + 1
    second = viewer.soup(f"/instruments/{iid}?version=1")
    assert len(representations.CACHE) == kept + 1  # the same text, from the cache
    russian = reviewer.soup(f"/instruments/{iid}?version=1")
    assert len(representations.CACHE) == kept + 2  # the text in another language, kept apart

    assert texts(first) == texts(second) == texts(russian) != []
    for page, browser, name in ((first, drafter, "Drafter"), (second, viewer, "Viewer")):
        assert page.select_one("input[name=csrf_token]")["value"] == browser.csrf
        assert name in page.select_one("header").get_text()
        assert page.select_one(".provision a[href$=treaty-links]").get_text() == "treaty links"
    assert russian.select_one("input[name=csrf_token]")["value"] == reviewer.csrf
    assert "Reviewer" in russian.select_one("header").get_text()
    assert russian.select_one(".provision a[href$=treaty-links]").get_text() == (
        "связи с конвенциями"
    )
    assert first.select_one("nav.toc").get_text(" ", strip=True)  # the contents, kept too


def test_comments_on_a_kept_text_show_at_once(browser_for, client_for):
    drafter = client_for("drafter")
    iid, version = law_with_version(drafter)
    pid = version["provisions"][1]["children"][0]["provision_id"]
    viewer = browser_for("viewer")
    assert viewer.soup(f"/instruments/{iid}?version=1").select(f"#{_eid(version)} details") == []
    draft = open_draft(drafter, iid)
    said = drafter.post(
        f"/api/v1/drafts/{draft['id']}/comments",
        json={"body": "Too narrow.", "provision_id": pid, "instrument_id": iid, "version": 1},
    )
    assert said.status_code == 201, said.text
    notes = viewer.soup(f"/instruments/{iid}?version=1").select(f"#{_eid(version)} details li")
    assert [note.get_text(" ", strip=True).startswith("Too narrow.") for note in notes] == [True]


def _eid(version: dict) -> str:
    return version["provisions"][1]["children"][0]["eid"]
