"""A long law's page opens on its contents; each part loads on its own, as the fragment the
contents asks for (htmx) or as a page of its own for a reader without JavaScript."""

from __future__ import annotations

from tests.api.test_instruments import add_version, create
from tests.factories import big_law


def test_a_long_law_opens_on_its_contents_and_loads_a_part(browser_for, drafter):
    iid = create(drafter).json()["id"]
    made = add_version(drafter, iid, big_law(70), status="in_force", effective_date="2021-01-01")
    assert made.status_code == 201, made.text
    viewer = browser_for("viewer")
    page = viewer.soup(f"/instruments/{iid}")
    assert page.select(".provision") == []
    parts = page.select("details.part")
    assert len(parts) == 70
    first = parts[0]
    assert first.summary.get_text(" ", strip=True) == "Article 1. Service 1 (5 provisions)"
    href = f"/instruments/{iid}/parts/art_1?version=1"
    assert first["hx-get"] == href and first["hx-trigger"] == "toggle once"
    assert first.select_one(".part-body a")["href"] == href

    fragment = viewer.get(href, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    alone = viewer.soup(href)
    assert alone.select_one("h1").get_text(" ", strip=True) == "Article 1. Service 1"
    assert [p["id"] for p in alone.select(".provision")] == [
        "art_1",
        *(f"art_1__para_{n}" for n in range(1, 5)),
    ]
    assert viewer.soup(f"/instruments/{iid}/parts/art_99?version=1", status=404)


def test_a_short_law_shows_its_whole_text(browser_for, drafter):
    iid = create(drafter).json()["id"]
    add_version(drafter, iid, big_law(10), status="in_force", effective_date="2021-01-01")
    page = browser_for("viewer").soup(f"/instruments/{iid}")
    assert len(page.select(".provision")) == 50 and page.select("details.part") == []
