"""The dashboard's activity in sentences of the reader's language, consolidated drafts kept
under "My drafts" until closed, and an audit log with whole action names and linked targets."""

from __future__ import annotations

from drafts.db import utcnow
from drafts.packages.models import Draft
from tests.api.drafting import law_with_version, open_draft


def text(node) -> str:
    return node.get_text(" ", strip=True)


def test_activity_is_told_in_sentences_of_the_reader_language(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    person = browser_for("drafter")
    assert person.post(f"/drafts/{draft['id']}/comments", {"body": "A first look."}).is_redirect
    assert person.post(f"/drafts/{draft['id']}/stage", {"to": "working_group"}).is_redirect
    feed = [text(a) for a in person.soup("/").select("ul.feed a")]
    title = draft["title"]
    assert feed[:3] == [
        f"Drafter moved “{title}” from drafting to working group.",
        f"Drafter commented on “{title}”.",
        f"Drafter opened the draft “{title}”.",
    ]
    person.post("/language", {"language": "ru", "next": "/"})
    russian = [text(a) for a in person.soup("/").select("ul.feed a")]
    assert (
        russian[0] == f"Drafter перевёл(а) «{title}» из этапа «подготовка» в этап «рабочая группа»."
    )
    assert russian[1] == f"Drafter оставил(а) комментарий к проекту «{title}»."


def test_a_consolidated_draft_stays_under_my_drafts_until_closed(browser_for, drafter, sessions):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    with sessions() as session:
        session.get(Draft, draft["id"]).consolidated_at = utcnow()
        session.commit()
    mine = browser_for("drafter").soup("/").select("ul.mine li")
    assert [text(li) for li in mine] == [f"{draft['title']} · drafting consolidated"]
    with sessions() as session:
        session.get(Draft, draft["id"]).stage = "withdrawn"
        session.commit()
    assert browser_for("drafter").soup("/").select("ul.mine li") == []


def test_the_audit_log_names_actions_whole_and_links_targets(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    draft = open_draft(drafter, iid)
    page = browser_for("admin").soup("/admin/audit")
    rows = {
        text(tr.select_one("td.action")): tr.select("td")[3]
        for tr in page.select("table.audit tbody tr")
    }
    assert rows["draft opened"].a["href"] == f"/drafts/{draft['id']}"
    assert text(rows["draft opened"]) == f"draft {draft['id']}"
    assert rows["version added"].a["href"] == f"/instruments/{iid}?version=1"
    assert rows["law added"].a["href"] == f"/instruments/{iid}"
