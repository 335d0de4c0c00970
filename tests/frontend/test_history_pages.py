"""A law's history as a person reads it: badges from dates and successors, the banner over a
historical text, the as-at date kept, and a date before the first version explained."""

from __future__ import annotations

import pytest

from tests.api.test_instruments import add_version, create
from tests.factories import sample_provisions


def text(node) -> str:
    return node.get_text(" ", strip=True)


@pytest.fixture
def law(drafter) -> int:
    """Version 1 in force from 2021, version 2 from 2024, version 3 only from 2099, a draft 4."""
    iid = create(drafter).json()["id"]
    provisions = sample_provisions()
    for status, day in (
        ("in_force", "2021-01-01"),
        ("in_force", "2024-01-01"),
        ("in_force", "2099-01-01"),
        ("draft", None),
    ):
        provisions[0]["text"] = f"Preamble as from {day}."
        made = add_version(drafter, iid, provisions, status=status, effective_date=day)
        assert made.status_code == 201, made.text
    return iid


def test_badges_come_from_dates_and_successors(browser_for, drafter, law):
    page = browser_for("viewer").soup(f"/instruments/{law}")
    badges = [text(li.select_one(".badge")) for li in page.select("ol.versions li")]
    assert badges == ["superseded", "in force", "not yet in force", "draft"]
    assert page.select_one("ol.versions a[aria-current=page]")["href"].endswith("?version=2")
    assert page.select_one("#standing-banner") is None
    newer = text(page.select_one("#newer-versions"))
    assert "version 3" in newer and "2099-01-01" in newer and "version 4" in newer
    listed = drafter.get(f"/api/v1/instruments/{law}/versions").json()["items"]
    assert [v["standing"] for v in listed] == [
        "superseded",
        "in_force",
        "not_yet_in_force",
        "draft",
    ]
    listing = browser_for("viewer").soup("/instruments", params={"q": "social"})
    row = next(tr for tr in listing.select("tbody tr") if tr.a["href"] == f"/instruments/{law}")
    assert "version 2" in text(row) and text(row.select_one(".badge")) == "in force"


def test_a_superseded_version_carries_the_historical_banner(browser_for, law):
    viewer = browser_for("viewer")
    page = viewer.soup(f"/instruments/{law}?version=1")
    banner = page.select_one("#standing-banner")
    assert text(banner).startswith("Historical text. Version 1 was in force from 2021-01-01 to")
    assert "2023-12-31" in text(banner)
    assert banner.select_one("a")["href"] == f"/instruments/{law}"
    as_at = viewer.soup(f"/instruments/{law}?at=2022-05-01")
    assert as_at.select_one("#at")["value"] == "2022-05-01"
    assert text(as_at.select_one("#standing-banner")).startswith(
        "Historical text as at 2022-05-01."
    )
    assert text(as_at.select_one(".version-line")).startswith("Version 1")
    assert "Preamble as from 2021-01-01." in text(as_at.select_one("#text").parent)
    later = viewer.soup(f"/instruments/{law}?at=2099-02-01")
    assert "Not yet in force" in text(later.select_one("#standing-banner"))
    draft = viewer.soup(f"/instruments/{law}?version=4")
    assert "never been in force" in text(draft.select_one("#standing-banner"))


def test_a_date_before_the_first_version_is_explained(browser_for, law, drafter):
    viewer = browser_for("viewer")
    page = viewer.soup(f"/instruments/{law}?at=2019-03-01", status=404)
    title = drafter.get(f"/api/v1/instruments/{law}").json()["short_title"]
    assert text(page.select_one("#text-error")) == (
        f"{title} was not yet in force on 2019-03-01: its first version took effect on 2021-01-01."
    )
    assert page.select_one("#at")["value"] == "2019-03-01"
    assert page.select("ol.versions li")
    bad = viewer.soup(f"/instruments/{law}?at=2019-02-30", status=422)
    assert "not a date" in text(bad.select_one("#text-error"))
    assert bad.select_one("#at")["value"] == "2019-02-30"
    wrong = viewer.soup(f"/instruments/{law}?version=abc", status=422)
    assert text(wrong.select_one("[role=alert]")) == (
        "The version must be a whole number; “abc” is not one."
    )
