"""The suggested treaty articles of a demo provision, as a browser renders them: the evidence
marked in both texts, no serious or critical axe-core violations, and a screenshot."""

from __future__ import annotations

from tests.e2e.conftest import axe_violations, screenshot


def test_suggestions_show_their_evidence(sign_in):
    page = sign_in("drafter")
    page.goto("/instruments/1")
    row = page.locator("div.provision", has_text="habilitation and rehabilitation")
    history = row.locator("a.eid", has_text="history")
    page.goto(history.first.get_attribute("href") + "/suggestions")
    first = page.locator("ol.suggestions > li").first
    assert first.get_attribute("id") == "suggestion-CRPD-26"
    assert first.locator(".evidence strong").first.inner_text() == "habilitation and rehabilitation"
    assert first.locator(".article-text mark").count() > 0
    assert first.locator(".provision-text mark").count() > 0
    screenshot(page, "suggestions")
    assert axe_violations(page) == []
