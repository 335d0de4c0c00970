"""The whole drafting flow in a real browser: a drafter imports a law from .docx, opens a draft
and proposes two amendments; a reviewer accepts one and rejects the other and consolidates;
the redline shows the change; the meeting pack downloads and opens; a viewer can change nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx

from tests.e2e.conftest import screenshot

LAW = [
    "Law on Day Care for Children",
    "Article 1. Scope",
    "1. This Law governs day care for children.",
    "2. Day care is provided by the municipality.",
    "Article 2. Access",
    "1. Every child has access to day care.",
    "Article 3. Fees",
    "1. Parents pay a monthly fee for day care.",
]


def law_docx(folder: Path) -> Path:
    document = docx.Document()
    for line in LAW:
        document.add_paragraph(line)
    path = folder / "day-care.docx"
    document.save(path)
    return path


def option_value(page, select: str, contains: str) -> str:
    return page.locator(f"{select} option", has_text=contains).first.get_attribute("value")


def propose(page, draft_id: int, kind: str, provision: str, text: str | None = None) -> int:
    page.goto(f"/drafts/{draft_id}/amendments/new")
    page.select_option("#kind", kind)
    page.select_option("#provision_id", option_value(page, "#provision_id", provision))
    page.locator("#wording blockquote.wording").wait_for()  # its wording fills #text first
    if text is not None:
        page.fill("#text", text)
        page.locator("#text").press("End")  # a key, as a person typing: the preview follows
        page.locator("#preview ins").first.wait_for()
    page.get_by_role("button", name="Propose the amendment").click()
    page.wait_for_url(re.compile(r"/amendments/\d+$"))
    return int(page.url.rsplit("/", 1)[1])


def test_drafting_flow(sign_in, tmp_path):
    drafter = sign_in("drafter")

    drafter.goto("/import")
    drafter.set_input_files("#file", str(law_docx(tmp_path)))
    drafter.check("#target-new")
    drafter.fill("#title", "Law on Day Care for Children")
    drafter.select_option("#kind", "law")
    drafter.fill("#jurisdiction", "tm")
    drafter.fill("#work_uri", "/akn/tm/act/2026/day-care")
    drafter.get_by_role("button", name="Check the file").click()
    drafter.get_by_role("button", name=re.compile(r"Import \d+ provisions")).click()
    drafter.wait_for_url(re.compile(r"/instruments/\d+"))
    instrument_id = int(re.search(r"/instruments/(\d+)", drafter.url)[1])
    assert drafter.locator("#art_3__para_1 .text").inner_text() == (
        "Parents pay a monthly fee for day care."
    )

    drafter.goto("/drafts/new")
    drafter.fill("#title", "Free day care")
    drafter.check(f"#target-{instrument_id}")
    drafter.get_by_role("button", name="Open the draft").click()
    drafter.wait_for_url(re.compile(r"/drafts/\d+$"))
    draft_id = int(drafter.url.rsplit("/", 1)[1])
    screenshot(drafter, "draft")

    free = propose(drafter, draft_id, "replace_text", "Article 3(1)", "Day care is free.")
    screenshot(drafter, "amendment")
    municipal = propose(drafter, draft_id, "delete", "Article 1(2)")
    drafter.goto(f"/drafts/{draft_id}")
    drafter.get_by_role("button", name="Move to working group").click()
    drafter.wait_for_url(re.compile(rf"/drafts/{draft_id}#stage$"))

    reviewer = sign_in("reviewer")
    reviewer.goto(f"/amendments/{free}")
    reviewer.get_by_role("button", name="Accept").click()
    reviewer.goto(f"/amendments/{municipal}")
    reviewer.fill("#decision-note", "The municipality keeps this duty.")
    reviewer.get_by_role("button", name="Reject").click()
    reviewer.goto(f"/drafts/{draft_id}")
    assert reviewer.locator("#consolidate-status strong").inner_text() == "draft"
    reviewer.get_by_role("button", name="Consolidate").click()
    consolidation = reviewer.locator("section[aria-labelledby=consolidation]")
    consolidation.get_by_text("The accepted amendments were applied").wait_for()

    reviewer.goto(f"/redline?from={instrument_id}:1&to={instrument_id}:2")
    screenshot(reviewer, "redline")
    assert "free" in reviewer.locator(".rl-text ins").first.inner_text()
    assert "monthly fee" in reviewer.locator(".rl-text del").first.inner_text()
    rejected_deletion_kept = "municipality" in reviewer.locator(".rl").inner_text()
    assert rejected_deletion_kept

    with reviewer.expect_download() as download:
        reviewer.goto(f"/drafts/{draft_id}")
        reviewer.get_by_role("link", name="Meeting pack (.docx)").click()
    pack = docx.Document(download.value.path())
    assert any("Day care is free." in p.text for p in pack.paragraphs)

    viewer = sign_in("viewer")
    viewer.goto(f"/drafts/{draft_id}")
    assert viewer.get_by_role("button", name="Consolidate").count() == 0
    assert viewer.get_by_role("link", name="Propose an amendment").count() == 0
    viewer.goto(f"/amendments/{free}")
    assert viewer.get_by_role("button", name="Accept").count() == 0
    token = json.loads(viewer.locator("body").get_attribute("hx-headers"))["X-CSRF-Token"]
    refused = viewer.request.post(
        f"/amendments/{municipal}/decision",
        form={"csrf_token": token, "decision": "accepted"},
    )
    assert refused.status == 403
