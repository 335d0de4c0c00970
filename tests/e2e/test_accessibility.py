"""The main pages, as a browser renders them: no serious or critical axe-core violations, and
a screenshot of each for people to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, screenshot

MAIN_PAGES = [
    ("dashboard", "/"),
    ("instruments", "/instruments"),
    ("instrument", "/instruments/1"),
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
    page.goto(path)
    screenshot(page, name)
    assert axe_violations(page) == []
