"""Every GET form of the pages, found by crawling them from the dashboard over the demo data,
works when submitted as it stands; a page refusing input says why in a sentence."""

from __future__ import annotations

from urllib.parse import urlsplit

from api.demo.seed import seed
from tests.api import test_search as search_api
from tests.frontend.crawl import crawl

searchable = search_api.searchable


def test_every_get_form_works_with_its_defaults(searchable, sessions, browser_for):
    with sessions() as session:
        seed(session)
        session.commit()
    admin = browser_for("admin")
    pages, forms = crawl(admin.get, "/")
    paths = {urlsplit(form.action).path for form in forms}
    assert len(pages) > 40
    for expected in ("/drafts", "/instruments", "/search", "/redline", "/admin/audit"):
        assert expected in paths, sorted(paths)
    assert any(path.endswith("/coverage") for path in paths)
    failed = []
    for form in forms:
        response = admin.get(form.action, params=list(form.fields), follow_redirects=True)
        if response.status_code != 200:
            failed.append((form.page, form.action, response.status_code))
    assert failed == []


def test_a_page_refuses_input_with_a_sentence(browser_for):
    viewer = browser_for("viewer")
    page = viewer.soup("/drafts?min_days=soon", status=422)
    alert = page.select_one("[role=alert]").get_text(" ", strip=True)
    assert alert == "The number of days in the stage must be a whole number; “soon” is not one."
    assert "query" not in page.select_one("main").get_text()
