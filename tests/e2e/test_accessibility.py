"""The main pages, as a browser renders them: no serious or critical axe-core violations, and
a screenshot of each for people to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, screenshot

MAIN_PAGES = [
    ("dashboard", "/"),
    ("instruments", "/instruments"),
    ("instrument", "/instruments/1"),
    ("redline", "/redline?from=1:1&to=1:2"),
    ("instructions", "/redline?from=1:1&to=1:2&tab=instructions&lang=ru"),
    ("drafts", "/drafts"),
    ("draft-page", "/drafts/1"),
    ("amendment-page", "/amendments/2"),
    ("amendment-editor", "/drafts/1/amendments/new"),
    ("coverage", "/instruments/1/coverage?framework=CRC"),
    ("draft-coverage", "/drafts/1/coverage?framework=CRC"),
    ("treaty-article", "/treaties/CRC/12"),
    ("import", "/import"),
    ("search", "/search?q=child"),
    ("compare-form", "/redline"),
    ("historical-text", "/instruments/1?version=1"),
    ("as-at-before-first", "/instruments/1?at=2000-01-01"),
    ("inbox-page", "/inbox"),
    ("account", "/account"),
    ("obligations", "/obligations"),
    ("law-obligations", "/instruments/1/obligations"),
]


def test_sign_in_page_is_accessible(browser, server):
    page = browser.new_page(base_url=server)
    page.goto("/login")
    screenshot(page, "login")
    assert axe_violations(page) == []
    page.close()


@pytest.mark.parametrize(("name", "path"), MAIN_PAGES)
def test_main_pages_are_accessible(sign_in, name, path):
    page = sign_in("drafter")
    response = page.goto(path)
    assert response.status == (404 if "at=2000" in path else 200)
    screenshot(page, name)
    assert axe_violations(page) == []


def test_admin_page_is_accessible(sign_in):
    page = sign_in("admin")
    page.goto("/admin")
    screenshot(page, "admin")
    assert axe_violations(page) == []
