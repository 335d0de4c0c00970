"""The working group's pages in a real browser: comparing two texts from the navigation, a
mention reaching the reviewer (in the inbox, and by e-mail at an SMTP server the test runs),
and a long bill opening on its contents with a part loaded when it is opened."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from bench import big_bill
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.schemas import InstrumentCreate
from drafts.users import User
from tests.e2e.conftest import axe_violations, screenshot
from tests.smtp import smtp_server

REVIEWER_MAIL = "reviewer@kanun.example"


def test_compare_from_the_navigation(sign_in):
    page = sign_in("drafter")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare").click()
    page.wait_for_url(re.compile(r"/redline$"))
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/redline\?from=1%3A1&to=1%3Alatest"))
    whole = page.locator(".rl-panel .rl-entry").count()
    page.get_by_role("link", name="Show only the changes").click()
    page.wait_for_url(re.compile(r"changes=only"))
    assert 0 < page.locator(".rl-panel .rl-entry").count() < whole
    page.get_by_role("link", name="Show the whole text").click()
    page.wait_for_url(re.compile(r"changes=all"))
    assert page.locator(".rl-panel .rl-entry").count() == whole
    page.get_by_role("link", name="Side by side").click()
    page.wait_for_url(re.compile(r"layout=side-by-side"))
    page.locator(".rl-panel table.rl-side").wait_for()
    screenshot(page, "compare-whole")


def test_a_mention_reaches_the_reviewer_and_their_mail(sign_in, database_url):
    engine = make_engine(database_url)
    with Session(engine) as session:
        session.execute(update(User).where(User.username == "reviewer").values(email=REVIEWER_MAIL))
        session.commit()
    engine.dispose()
    reviewer = sign_in("reviewer")
    nav = reviewer.get_by_role("navigation", name="Main")
    before = int(nav.locator("#nav-inbox .count").inner_text() or 0)
    drafter = sign_in("drafter")
    drafter.goto("/drafts/1")
    drafter.get_by_label("New comment").fill("@reviewer could you look at the new article 7?")
    drafter.get_by_role("button", name="Comment", exact=True).click()
    drafter.wait_for_url(re.compile(r"/drafts/1#comment-\d+"))

    reviewer.reload()
    assert nav.locator("#nav-inbox .count").inner_text() == str(before + 1)
    nav.get_by_role("link", name=re.compile("Inbox")).click()
    mention = reviewer.locator("li.notification-mention.unread a")
    assert mention.inner_text().startswith("Dovlet Drafter mentioned you in a comment")
    screenshot(reviewer, "inbox")
    assert axe_violations(reviewer) == []
    mention.click()
    reviewer.wait_for_url(re.compile(r"/drafts/1#comment-\d+"))
    assert "could you look at the new article 7?" in reviewer.locator(":target").inner_text()

    with smtp_server() as (port, received):
        worker = subprocess.run(
            [sys.executable, "-c", "from api.cli import app; app()", "mail-worker", "--once"],
            env=os.environ
            | {
                "KANUN_DATABASE_URL": database_url,
                "KANUN_SMTP_HOST": "127.0.0.1",
                "KANUN_SMTP_PORT": str(port),
                "KANUN_PUBLIC_URL": "https://kanun.example",
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert worker.returncode == 0, worker.stderr
        messages = [m for m in received.wait(1) if m["To"] == REVIEWER_MAIL]
    assert len(messages) == 1
    assert "Dovlet Drafter mentioned you" in messages[0].get_content()
    assert "https://kanun.example/drafts/1#comment-" in messages[0].get_content()


@pytest.fixture(scope="module")
def bill_id(database_url) -> int:
    path = big_bill.source()
    assert path is not None, f"{big_bill.CORPUS_FILE} is not in {big_bill.corpus_folder()}"
    engine = make_engine(database_url)
    with Session(engine) as session:
        actor = Actor(None, "e2e")
        bill = service.create_instrument(
            session=session,
            data=InstrumentCreate(
                title="Civil Code, first 2,516 provisions (a bill)",
                kind="bill",
                jurisdiction="de",
                language="de",
                work_uri="/akn/de/bill/2012/bgb-e2e",
            ),
            actor=actor,
        )
        nodes = big_bill.bill(path.read_text(encoding="utf-8"))
        service.create_version(session=session, instrument=bill, provisions=nodes, actor=actor)
        session.commit()
        found = bill.id
    engine.dispose()
    return found


def test_a_part_of_the_big_bill_opens(sign_in, bill_id):
    page = sign_in("viewer")
    response = page.goto(f"/instruments/{bill_id}")
    assert len(response.body()) < 400 * 1024
    assert page.locator(".provision").count() == 0
    part = page.locator("details.part").first
    part.locator("summary").click()
    part.locator(".part-body .provision").first.wait_for()
    headings = part.locator(".part-body .provision h3").all_inner_texts()
    # The law is German: its structure is labelled in German, whatever the interface.
    assert headings[0].startswith("Abschnitt 1") and headings[1].startswith("§ 1"), headings[:2]
    assert axe_violations(page) == []
    screenshot(page, "big-bill")
    page.goto(f"/instruments/{bill_id}/parts/part_1__chp_1__sec_1?version=1")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Abschnitt 1")
    assert page.locator(".provision").count() > 5
