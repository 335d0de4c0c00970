"""The drafts list, opening a draft, and a draft's page with its forms, as people see them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.api.drafting import (
    by_eid,
    decide,
    etag,
    law_with_version,
    open_draft,
    propose,
    to_review,
)


def text_of(soup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def parsed(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def cells(soup, selector: str) -> list[list[str]]:
    """The cells (th and td) of each row of a table's body."""
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select(f"{selector} tbody tr")
    ]


@pytest.fixture
def drafted(drafter):
    """(instrument id, version 1 by eId, draft) for a fresh law and draft."""
    iid, version = law_with_version(drafter)
    return iid, by_eid(version), open_draft(drafter, iid)


def replace_text(drafter, drafted, eid: str, text: str) -> dict:
    iid, nodes, draft = drafted
    made = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=nodes[eid]["provision_id"],
        text=text,
    )
    assert made.status_code == 201, made.text
    return made.json()


def move(client, draft_id: int, to: str) -> None:
    url = f"/api/v1/drafts/{draft_id}"
    response = client.post(f"{url}/stage", json={"to": to}, headers=etag(client, url))
    assert response.status_code == 200, response.text


def test_drafts_list_filters_by_stage_and_days(browser_for, drafter, drafted):
    iid, _, first = drafted
    second = open_draft(drafter, iid, title="Second draft")
    move(drafter, second["id"], "working_group")
    viewer = browser_for("viewer")
    page = viewer.soup("/drafts")
    assert text_of(page, "h1") == "Drafts"
    rows = {row[0]: row for row in cells(page, "table")}
    assert rows["Second draft"][1] == "working group"
    assert rows[first["title"]][1:4] == ["drafting", "0", "Drafter"]
    only = viewer.soup("/drafts?stage=working_group")
    assert [row[0] for row in cells(only, "table")] == ["Second draft"]
    assert only.select_one("#stage option[selected]")["value"] == "working_group"
    waiting = viewer.soup("/drafts?min_days=1")
    assert cells(waiting, "table") == [["No draft matches."]]
    assert waiting.select_one("#min_days")["value"] == "1"


def test_open_a_draft_through_the_form(browser_for, drafter, accounts):
    iid, _ = law_with_version(drafter)
    title = drafter.get(f"/api/v1/instruments/{iid}").json()["title"]
    browser = browser_for("drafter")
    form = browser.soup("/drafts/new")
    for field in ("title", "description", f"target-{iid}"):
        assert form.select_one(f"label[for={field}]") is not None
    reviewer = accounts["reviewer"]["id"]
    made = browser.post(
        "/drafts/new",
        {
            "title": "Children's services",
            "description": "Bring the law in line with the CRC.",
            "targets": str(iid),
            "members": str(reviewer),
        },
    )
    assert made.status_code == 303
    page = browser.soup(made.headers["location"])
    assert text_of(page, "h1") == "Children's services"
    assert text_of(page, "p.prose") == "Bring the law in line with the CRC."
    assert cells(page, "#targets + table")[0][:3] == [title, "Version 1", "not consolidated"]
    assert "Members: Reviewer" in text_of(page, "main > p.muted")


def test_a_failing_new_draft_keeps_what_was_typed(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    response = browser_for("drafter").post(
        "/drafts/new", {"title": "", "description": "Kept text", "targets": str(iid)}
    )
    page = parsed(response)
    assert response.status_code == 422
    assert text_of(page, "[role=alert]").startswith("Please check Title:")
    assert page.select_one("#description").get_text() == "Kept text"
    assert page.select_one(f"#target-{iid}").has_attr("checked")


def test_draft_page_shows_stages_timeline_and_amendments(browser_for, drafter, drafted):
    _, _, draft = drafted
    made = replace_text(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    move(drafter, draft["id"], "working_group")
    page = browser_for("viewer").soup(f"/drafts/{draft['id']}")
    assert text_of(page, "h1") == draft["title"]
    assert text_of(page, ".stages [aria-current=step]") == "working group"
    assert [li.get_text(" ", strip=True) for li in page.select(".stages li.done")] == [
        "done: drafting"
    ]
    timeline = cells(page, "#stage ~ table")
    assert [row[1] for row in timeline] == ["drafting", "drafting → working group"]
    assert timeline[1][2] == "Drafter"
    row = cells(page, "#amendments ~ table")[0]
    assert row == [
        f"Amendment {made['id']}",
        "replace text",
        "Article 1(1)",
        "Drafter",
        "proposed",
        "—",
    ]
    assert page.select_one(f"#amendment-{made['id']} .badge")["class"] == [
        "badge",
        "status-proposed",
    ]


def test_conflicting_amendments_link_to_each_other(browser_for, drafter, drafted):
    _, _, draft = drafted
    first = replace_text(drafter, drafted, "chp_1__art_2__para_1", "Everyone has rights.")
    second = replace_text(drafter, drafted, "chp_1__art_2__para_1", "All have the right.")
    page = browser_for("reviewer").soup(f"/drafts/{draft['id']}")
    for mine, other in ((first, second), (second, first)):
        row = page.select_one(f"#amendment-{mine['id']}")
        assert "clash" in row["class"]
        assert [a["href"] for a in row.select(".status-conflict")] == [f"/amendments/{other['id']}"]
    assert text_of(page, "ul.conflicts li").endswith(
        "both change the same provision: Article 2(1)."
    )


def test_moving_a_stage_through_the_form(browser_for, drafted):
    _, _, draft = drafted
    url = f"/drafts/{draft['id']}"
    reviewer = browser_for("reviewer")
    assert reviewer.soup(url).select("form[action$='/stage']") == []
    drafter = browser_for("drafter")
    buttons = drafter.soup(url).select("form[action$='/stage'] button")
    assert [(b["value"], b.get_text()) for b in buttons] == [
        ("working_group", "Move to working group"),
        ("withdrawn", "Withdraw the draft"),
    ]
    moved = drafter.post(f"{url}/stage", {"to": "working_group", "note": "Ready for the group"})
    assert moved.status_code == 303
    page = drafter.soup(url)
    assert text_of(page, ".stages [aria-current=step]") == "working group"
    assert cells(page, "#stage ~ table")[-1][3] == "Ready for the group"
    refused = reviewer.post(f"{url}/stage", {"to": "consultation"})
    assert refused.status_code == 403


def test_a_refused_stage_move_keeps_the_note(browser_for, drafted):
    _, _, draft = drafted
    response = browser_for("drafter").post(
        f"/drafts/{draft['id']}/stage", {"to": "first_reading", "note": "Skip ahead"}
    )
    page = parsed(response)
    assert response.status_code == 409
    assert "cannot move to first reading" in text_of(page, "#stage ~ form [role=alert]")
    assert page.select_one("#stage-note").get_text() == "Skip ahead"


def test_recording_a_meeting(browser_for, drafted):
    _, _, draft = drafted
    reviewer = browser_for("reviewer")
    url = f"/drafts/{draft['id']}/meetings"
    bad = reviewer.post(url, {"title": "Working group", "held_on": "2026-02-30"})
    page = parsed(bad)
    assert bad.status_code == 422
    assert text_of(page, "#meetings ~ form [role=alert]").startswith("Please check Date:")
    assert page.select_one("#meeting-title")["value"] == "Working group"
    made = reviewer.post(
        url,
        {
            "title": "Working group",
            "held_on": "2026-03-02",
            "location": "Aşgabat",
            "attendees": "A. Orazow\nB. Ataýewa\n",
        },
    )
    assert made.status_code == 303
    rows = cells(reviewer.soup(f"/drafts/{draft['id']}"), "#meetings + table")
    assert rows == [
        ["2026-03-02", "Working group", "Aşgabat", "A. Orazow, B. Ataýewa", "", "Minutes (.docx)"]
    ]


def test_consolidating_through_the_form(browser_for, drafter, reviewer, drafted):
    iid, _, draft = drafted
    url = f"/drafts/{draft['id']}"
    browser = browser_for("reviewer")
    empty = browser.post(f"{url}/consolidate", {"label": "Edition 2"})
    page = parsed(empty)
    assert empty.status_code == 422
    assert "no accepted amendments" in text_of(page, "#consolidation ~ form [role=alert]")
    assert page.select_one("#consolidate-label")["value"] == "Edition 2"
    made = replace_text(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    to_review(drafter, draft["id"])
    assert decide(reviewer, made["id"], "accepted").status_code == 200
    done = browser.post(
        f"{url}/consolidate",
        {"effective_date": "2026-07-01", "label": "Edition 2"},
    )
    assert done.status_code == 303
    page = browser.soup(url)
    assert cells(page, "#targets + table")[0][2] == "Version 2"
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("#exports + ul a")}
    export = f"/api/v1/drafts/{draft['id']}/export"
    assert links["redline with tracked changes (.docx)"] == (
        f"{export}?kind=redline&format=docx&instrument={iid}"
    )
    assert links["comparative table (.docx)"] == f"{export}?kind=table&format=docx&instrument={iid}"
    assert links["Meeting pack (.docx)"] == f"{export}?kind=pack&format=docx"
    assert page.select("form[action$='/consolidate']") == []
    for name in ("redline with tracked changes (.docx)", "Meeting pack (.docx)"):
        assert browser.get(links[name]).status_code == 200


def test_comment_threads_with_mentions_replies_and_resolving(browser_for, drafted):
    _, _, draft = drafted
    url = f"/drafts/{draft['id']}"
    reviewer = browser_for("reviewer")
    made = reviewer.post(f"{url}/comments", {"body": "@drafter1 please check Article 2."})
    assert made.status_code == 303
    thread_id = made.headers["location"].split("#comment-")[1]
    drafter = browser_for("drafter")
    assert (
        drafter.post(f"{url}/comments", {"body": "Done.", "parent_id": thread_id}).status_code
        == 303
    )
    page = drafter.soup(url)
    thread = page.select_one(f"#comment-{thread_id}")
    assert text_of(thread, ".comment-body") == "Drafter please check Article 2."
    assert thread.select_one(".mention")["title"] == "@drafter1"
    assert [text_of(r, ".comment-body") for r in thread.select(".reply")] == ["Done."]
    assert drafter.post(f"/comments/{thread_id}/resolve", {"resolved": "true"}).status_code == 303
    resolved = drafter.soup(url).select_one(f"#comment-{thread_id}")
    assert "resolved" in resolved["class"]
    assert resolved.select_one("form[action$='/resolve'] button").get_text() == "Reopen the thread"
    drafter.post(f"/comments/{thread_id}/resolve", {"resolved": "false"})
    assert "resolved" not in drafter.soup(url).select_one(f"#comment-{thread_id}")["class"]


def test_an_empty_comment_is_refused_with_a_sentence(browser_for, drafted):
    _, _, draft = drafted
    response = browser_for("reviewer").post(f"/drafts/{draft['id']}/comments", {"body": ""})
    assert response.status_code == 422
    assert text_of(parsed(response), "#comments ~ form [role=alert]").startswith(
        "Please check Comment:"
    )


def test_the_owner_edits_the_draft_and_a_stale_form_keeps_the_input(browser_for, drafter, drafted):
    _, _, draft = drafted
    url = f"/drafts/{draft['id']}"
    browser = browser_for("drafter")
    version = browser.soup(url).select_one("details input[name=lock_version]")["value"]
    saved = browser.post(url, {"title": "New title", "description": "", "lock_version": version})
    assert saved.status_code == 303
    assert text_of(browser.soup(url), "h1") == "New title"
    stale = browser.post(url, {"title": "Late title", "lock_version": version})
    page = parsed(stale)
    assert stale.status_code == 409
    assert text_of(page, "details [role=alert]").startswith("Someone else changed this draft")
    assert page.select_one("#draft-title")["value"] == "Late title"
    assert page.select_one("details")["open"] == ""


def test_a_viewer_sees_no_forms_and_cannot_post(browser_for, drafter, drafted):
    _, _, draft = drafted
    made = replace_text(drafter, drafted, "chp_1__art_1__para_1", "This Law governs services.")
    url = f"/drafts/{draft['id']}"
    viewer = browser_for("viewer")
    page = viewer.soup(url)
    assert page.select("main form") == []
    assert page.select("main a.button") == []
    assert page.select_one(f"#amendment-{made['id']} a")["href"] == f"/amendments/{made['id']}"
    assert viewer.soup("/drafts").select("main a.button") == []
    for path, data in (
        ("/drafts/new", {"title": "Mine"}),
        (url, {"title": "Mine"}),
        (f"{url}/stage", {"to": "working_group"}),
        (f"{url}/meetings", {"title": "M", "held_on": "2026-01-01"}),
        (f"{url}/consolidate", {}),
        (f"{url}/comments", {"body": "Hello"}),
    ):
        refused = viewer.post(path, data)
        assert refused.status_code == 403, path
        assert text_of(parsed(refused), "h1") == "Forbidden"
    assert viewer.soup("/drafts/new", status=403).select("main form") == []
