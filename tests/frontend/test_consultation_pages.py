"""The consultation page: a guest comments there and reaches no other page; a drafter answers."""

from __future__ import annotations

from sqlalchemy import select

from drafts.consultation_models import ConsultationComment
from tests.api.drafting import advance
from tests.api.test_consultation import _consultation


def text(node) -> str:
    return node.get_text(" ", strip=True)


def test_guest_comments_and_drafter_answers(
    browser_for,
    drafter,
    reviewer,
    guests,
    sessions,
    app,
):
    _, draft_id = _consultation(drafter, reviewer, guests)
    advance(drafter, reviewer, draft_id, "consultation")
    union = guests["union"][1]
    page = union.get(f"/drafts/{draft_id}/consultation")
    assert page.status_code == 200, page.text[:500]
    assert union.get(f"/drafts/{draft_id}").status_code == 403
    assert union.get("/instruments").status_code == 403
    sent = union.post(
        f"/drafts/{draft_id}/consultation/comments",
        data={
            "csrf_token": union.headers["X-CSRF-Token"],
            "provision": "chp_1__art_2__para_1",
            "body": "Too vague.",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text[:500]

    with sessions() as session:
        said = session.scalar(
            select(ConsultationComment).where(ConsultationComment.draft_id == draft_id)
        )
        lock = said.lock_version
    browser = browser_for("drafter")
    answered = browser.post(
        f"/consultation-comments/{said.id}/response",
        {"response": "Named in Article 2.", "outcome": "accepted", "lock_version": str(lock)},
    )
    assert answered.status_code == 303, answered.text[:500]
    shown = browser.soup(f"/drafts/{draft_id}/consultation")
    article = shown.select_one(f"#consultation-comment-{said.id}")
    assert text(article.select_one("h3")) == "Disability Union — Article 2(1)"
    assert "Named in Article 2." in text(article.select_one(".response"))
    assert shown.select_one("#consultation-report")["href"].endswith("report?format=docx")
