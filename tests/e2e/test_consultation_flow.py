"""Consultation in a real browser: an invited organisation comments on a provision, the drafter
answers it, and the consultation report downloads and opens in LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import docx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import service as auth
from api.auth.schemas import UserCreate
from drafts import consultation
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.models import Instrument
from drafts.packages import service as drafts
from drafts.packages.schemas import DraftCreate, TargetIn
from drafts.users import User
from tests.e2e.conftest import screenshot

SETUP = Actor(user_id=None, request_id="e2e")
GUEST_PASSWORD = "union-guest-2026"


def _consultation(database_url: str) -> int:
    """A draft of the demo drafter in consultation, with a guest of an organisation invited."""
    engine = make_engine(database_url)
    with Session(engine) as session:
        drafter = session.scalar(select(User).where(User.username == "drafter"))
        law = session.scalar(
            select(Instrument).where(Instrument.work_uri == "/akn/tm/act/2021/social-services")
        )
        guest = auth.create_user(
            session=session,
            data=UserCreate(username="union", password=GUEST_PASSWORD, role="guest"),
            actor=SETUP,
        )
        draft = drafts.create_draft(
            session=session,
            data=DraftCreate(title="Accessible services", targets=[TargetIn(instrument_id=law.id)]),
            user=drafter,
            actor=SETUP,
        )
        draft.stage = "consultation"
        session.flush()
        consultation.invite(
            session=session,
            draft=draft,
            person=drafter,
            guest_id=guest.id,
            organisation="Union of Persons with Disabilities",
            actor=SETUP,
        )
        session.commit()
        draft_id = draft.id
    engine.dispose()
    return draft_id


def test_a_guest_comments_the_drafter_answers_the_report_opens(
    browser, server, database_url, sign_in, tmp_path
):
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed for this test.")
    draft_id = _consultation(database_url)
    url = f"/drafts/{draft_id}/consultation"

    context = browser.new_context(base_url=server)
    guest = context.new_page()
    guest.goto(f"/login?next={url}")
    guest.get_by_label("User name").fill("union")
    guest.get_by_label("Password").fill(GUEST_PASSWORD)
    guest.get_by_role("button", name="Sign in").click()
    guest.wait_for_url(f"{server}{url}")
    guest.get_by_label("Provision", exact=True).select_option(label="Article 6(2)")
    guest.get_by_label("Your comment").fill("Name the accessibility standards and who sets them.")
    guest.get_by_role("button", name="Send the comment").click()
    comment = guest.locator(".consultation-comment").first
    assert comment.locator("h3").inner_text() == (
        "Union of Persons with Disabilities — Article 6(2)"
    )
    assert guest.goto(f"/drafts/{draft_id}").status == 403
    context.close()

    drafter = sign_in("drafter")
    drafter.goto(url)
    answer = "The authorised body sets them; see Article 12(2)."
    drafter.get_by_label("Response", exact=True).fill(answer)
    drafter.get_by_label("Outcome", exact=True).select_option(label="accepted")
    drafter.get_by_role("button", name="Answer").click()
    answered = drafter.locator(".consultation-comment .response").first
    assert "see Article 12(2)" in answered.inner_text()
    screenshot(drafter, "consultation")

    with drafter.expect_download() as download:
        drafter.locator("#consultation-report").click()
    report = tmp_path / "report.docx"
    download.value.save_as(report)
    cells = [cell.text for row in docx.Document(report).tables[0].rows for cell in row.cells]
    assert "Union of Persons with Disabilities" in cells and "Article 6(2)" in cells
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
