"""The inbox and e-mail notifications: a mention reaches the person mentioned, in the inbox and
by e-mail through the outbox and a real SMTP server; replies, amendments to decide and drafts
whose next step is mine; a daily digest; a failing server loses nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from api import mail
from api.settings import Settings
from drafts.db import utcnow
from drafts.notify.models import MailOutbox, MailPreference, Notification
from drafts.users import User
from tests.api.drafting import law_with_version, open_draft
from tests.smtp import free_port, smtp_server


def text(node) -> str:
    return node.get_text(" ", strip=True)


@pytest.fixture
def reviewer_mail(sessions, accounts) -> str:
    with sessions() as session:
        session.get(User, accounts["reviewer"]["id"]).email = "reviewer@kanun.example"
        session.commit()
    return "reviewer@kanun.example"


@pytest.fixture
def draft(drafter) -> dict:
    iid, _ = law_with_version(drafter)
    return open_draft(drafter, iid)


def smtp_settings(port: int) -> Settings:
    return Settings(
        environment="test",
        smtp_host="127.0.0.1",
        smtp_port=port,
        public_url="https://kanun.example",
    )


def comment(browser, draft_id: int, body: str, parent: int | None = None):
    data = {"body": body} | ({"parent_id": str(parent)} if parent else {})
    response = browser.post(f"/drafts/{draft_id}/comments", data)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("-", 1)[1])


def test_a_mention_reaches_the_reviewer_in_the_inbox_and_by_mail(
    browser_for, draft, reviewer_mail, sessions, accounts
):
    drafter, reviewer = browser_for("drafter"), browser_for("reviewer")
    comment_id = comment(drafter, draft["id"], "@reviewer1 please check article 2.")
    page = reviewer.soup("/inbox")
    assert text(page.select_one("#nav-inbox .count")) == "1"
    (item,) = page.select("ol.notifications li.unread")
    assert text(item.a) == (f"Drafter mentioned you in a comment on “{draft['title']}”.")
    opened = reviewer.get(item.a["href"])
    assert opened.status_code == 303
    assert opened.headers["location"] == f"/drafts/{draft['id']}#comment-{comment_id}"
    assert reviewer.soup("/inbox").select("ol.notifications li.unread") == []

    with smtp_server() as (port, received):
        done = mail.run_once(sessions, smtp_settings(port))
        assert (done.sent, done.failed) == (1, 0)
        (message,) = received.wait(1)
        again = mail.run_once(sessions, smtp_settings(port))
    assert again.sent == 0 and len(received.messages) == 1
    assert message["To"] == reviewer_mail == message["X-Envelope-To"]
    assert message["Subject"] == f"Kanun: You were mentioned on “{draft['title']}”"
    body = message.get_content()
    assert "Drafter mentioned you in a comment" in body
    assert f"https://kanun.example/drafts/{draft['id']}#comment-{comment_id}" in body
    with sessions() as session:
        row = session.scalar(select(MailOutbox).where(MailOutbox.address == reviewer_mail))
        assert row.sent_at is not None and row.attempts == 1


def test_replies_amendments_and_stages_reach_those_who_act(browser_for, draft, drafter):
    drafter_page, reviewer_page = browser_for("drafter"), browser_for("reviewer")
    first = comment(drafter_page, draft["id"], "Is article 2 clear enough?")
    comment(reviewer_page, draft["id"], "Not yet.", parent=first)
    replies = drafter_page.soup("/inbox").select("li.notification-reply a")
    assert [text(a) for a in replies] == [
        f"Reviewer replied to your comment on “{draft['title']}”."
    ]

    provision = drafter.get(f"/api/v1/drafts/{draft['id']}").json()
    iid = provision["targets"][0]["instrument_id"]
    version = drafter.get(f"/api/v1/instruments/{iid}/versions/1").json()
    pid = version["provisions"][1]["children"][0]["provision_id"]
    made = drafter.post(
        f"/api/v1/drafts/{draft['id']}/amendments",
        json={"instrument_id": iid, "kind": "replace_text", "provision_id": pid, "text": "New."},
    )
    assert made.status_code == 201, made.text
    page = reviewer_page.soup("/inbox")
    assert [a["href"] for a in page.select("ul.awaiting a")] == [f"/amendments/{made.json()['id']}"]
    proposed = text(page.select_one("li.notification-amendment_proposed a"))
    assert proposed.startswith(f"Drafter proposed amendment {made.json()['id']}")

    assert drafter_page.soup("/inbox").select("ul.to-act a")[0]["href"] == f"/drafts/{draft['id']}"
    for stage in ("working_group", "consultation", "submitted"):
        moved = drafter_page.post(f"/drafts/{draft['id']}/stage", {"to": stage})
        assert moved.status_code == 303, moved.text
    page = reviewer_page.soup("/inbox")
    (stage,) = page.select("li.notification-stage a")
    assert text(stage) == (
        f"Drafter moved “{draft['title']}” to submitted; the next step is yours to take."
    )
    assert [a["href"] for a in page.select("ul.to-act a")] == [f"/drafts/{draft['id']}"]
    assert drafter_page.soup("/inbox").select("ul.to-act a") == []


def test_a_daily_digest_gathers_the_day(browser_for, draft, reviewer_mail, sessions, accounts):
    with sessions() as session:
        session.add(
            MailPreference(
                user_id=accounts["reviewer"]["id"], mode="daily", last_digest_at=utcnow()
            )
        )
        session.commit()
    drafter = browser_for("drafter")
    comment(drafter, draft["id"], "@reviewer1 one")
    comment(drafter, draft["id"], "@reviewer1 two")
    with smtp_server() as (port, received):
        early = mail.run_once(sessions, smtp_settings(port))
        now = mail.run_once(sessions, smtp_settings(port), digests_now=True)
        (digest,) = received.wait(1)
    assert (early.sent, early.digests, now.digests) == (0, 0, 1)
    assert digest["Subject"] == "Kanun: your day's notifications (2)"
    assert digest.get_content().count("mentioned you") == 2


def test_a_server_that_is_down_loses_nothing(browser_for, draft, reviewer_mail, sessions):
    comment(browser_for("drafter"), draft["id"], "@reviewer1 are you there?")
    done = mail.run_once(sessions, smtp_settings(free_port()))
    assert (done.sent, done.failed) == (0, 1)
    with sessions() as session:
        row = session.scalar(select(MailOutbox).where(MailOutbox.address == reviewer_mail))
        assert row.sent_at is None and row.attempts == 1 and row.last_error
    with smtp_server() as (port, received):
        assert mail.run_once(sessions, smtp_settings(port)).sent == 1
        assert len(received.wait(1)) == 1


def test_a_refused_comment_notifies_no_one(browser_for, draft, sessions):
    refused = browser_for("drafter").post(
        f"/drafts/{draft['id']}/comments", {"body": "@reviewer1 hello", "parent_id": "999999"}
    )
    assert refused.status_code == 422
    with sessions() as session:
        assert session.scalars(select(Notification)).all() == []
