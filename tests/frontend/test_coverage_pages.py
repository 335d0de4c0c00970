"""Coverage pages: a law's heatmap, gaps and the provisions behind each article, and a draft's
coverage before and after, as people see them."""

from __future__ import annotations

import pytest

from tests.api.drafting import decide, open_draft, propose, to_review
from tests.api.test_alignment import created
from tests.frontend.test_treaty_pages import OTHER, PARA, crc_and_law, text_of


@pytest.fixture
def mapped(db, drafter):
    return crc_and_law(db, drafter)


def cell(page, code: str, number: str):
    return page.select_one(f"ul.heatmap a[href='#{code}-{number}']")


@pytest.fixture
def linked(drafter, mapped):
    """CRC 3 covered, CRC 2 partly, CRC 12 referenced, CRC 19 in conflict, CRC 4 suggested."""
    iid, ids = mapped
    for article, relation, provision in (
        ("3", "implements", PARA),
        ("2", "partially_implements", OTHER),
        ("12", "references", PARA),
        ("19", "conflicts_with", OTHER),
    ):
        created(drafter, ids[provision], article=article, relation=relation, status="confirmed")
    created(drafter, ids[PARA], article="4")
    return iid, ids


def test_heatmap_shows_each_article_by_colour_and_word(browser_for, linked):
    iid, _ = linked
    page = browser_for("viewer").soup(f"/instruments/{iid}/coverage?framework=CRC")
    assert len(page.select("#cov-CRC ~ ul.heatmap li")) == 42
    assert "12 procedural articles not counted" in text_of(page.select_one(".coverage-summary"))
    expected = {"3": "covered", "2": "partial", "12": "referenced", "19": "conflict", "4": "gap"}
    for number, status in expected.items():
        link = cell(page, "CRC", number)
        assert link["class"] == [f"heat-{status}"]
        assert text_of(link) == f"Article {number} {status}"
    legend = [text_of(item) for item in page.select(".heat-legend li")]
    assert legend == ["covered (1)", "partial (1)", "referenced (1)", "conflict (1)", "gap (38)"]
    assert "4.8% of the articles covered or partly covered" in text_of(page.select_one("#main"))
    url = f"/instruments/{iid}/coverage?framework=CRC&procedural=true"
    everything = browser_for("viewer").soup(url)
    assert len(everything.select("#cov-CRC ~ ul.heatmap li")) == 54
    assert everything.select_one("input#procedural")["checked"] is not None
    assert "3.7% of the articles" in text_of(everything.select_one("#main"))


def test_gap_list_and_the_provisions_behind_each_article(browser_for, linked):
    iid, _ = linked
    page = browser_for("viewer").soup(f"/instruments/{iid}/coverage?framework=CRC")
    gaps = [text_of(item) for item in page.select("ul.gaps li")]
    assert len(gaps) == 38
    assert gaps[0] == "Article 1 — Definition of a child"
    assert "Article 4 — Making rights real (1 suggested link)" in gaps
    assert not any(item.startswith("Article 3 ") for item in gaps)
    row = page.select_one("tr#CRC-3")
    backing = row.select_one("td ul.backings a")
    assert backing["href"] == f"/instruments/{iid}?version=1#{PARA}"
    assert "implements" in text_of(row.find_all("td")[1])
    suggested = page.select_one("tr#CRC-4").find_all("td")
    assert text_of(suggested[0]) == "gap" and "Article 3(1)" in text_of(suggested[2])
    csv = page.select_one("a[href^='/api/v1/instruments']")
    assert csv["href"] == f"/api/v1/instruments/{iid}/coverage?format=csv&framework=CRC&version=1"


def test_every_treaty_is_shown_when_none_is_chosen(browser_for, linked):
    iid, _ = linked
    page = browser_for("viewer").soup(f"/instruments/{iid}/coverage")
    assert [h["id"] for h in page.select("section.coverage h2")] == ["cov-CRC"]
    assert page.select_one("#framework option[selected]")["value"] == ""


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("at=2020-01-01", "was in force on 2020-01-01"),
        ("at=soon", "soon is not a date; use the form YYYY-MM-DD."),
        ("at=2022-01-01&version=1", "Choose a version or a date, not both."),
        ("version=7", "has no version 7"),
    ],
)
def test_a_version_that_cannot_be_read_is_explained(browser_for, linked, query, sentence):
    iid, _ = linked
    page = browser_for("viewer").soup(
        f"/instruments/{iid}/coverage?framework=CRC&{query}", status=422
    )
    assert sentence in text_of(page.select_one("[role=alert]"))
    assert page.select("ul.heatmap") == []
    typed = dict(part.split("=") for part in query.split("&"))
    if "at" in typed:
        assert page.select_one("#at")["value"] == typed["at"]


def test_the_text_in_force_on_a_date(browser_for, linked):
    iid, _ = linked
    page = browser_for("viewer").soup(f"/instruments/{iid}/coverage?framework=CRC&at=2022-01-01")
    assert cell(page, "CRC", "3")["class"] == ["heat-covered"]


@pytest.mark.parametrize(
    "url", ["/instruments/0/coverage", "/instruments/{iid}/coverage?framework=ICCPR"]
)
def test_missing_instrument_or_treaty(browser_for, linked, url):
    browser_for("viewer").soup(url.format(iid=linked[0]), status=404)


def test_draft_coverage_before_and_after(browser_for, drafter, reviewer, linked):
    iid, ids = linked
    draft = open_draft(drafter, iid)
    deleting = propose(
        drafter, draft["id"], instrument_id=iid, kind="delete", provision_id=ids[PARA]
    ).json()
    rewording = propose(
        drafter,
        draft["id"],
        instrument_id=iid,
        kind="replace_text",
        provision_id=ids[OTHER],
        text="Services are given to everyone without discrimination.",
        treaty_refs=[{"framework": "CRC", "articles": [28]}],
    ).json()
    viewer = browser_for("viewer")
    url = f"/drafts/{draft['id']}/coverage?framework=CRC"
    proposed = viewer.soup(f"{url}&include_proposed=true")
    assert proposed.select_one("#include_proposed").has_attr("checked")
    changes = [text_of(item) for item in proposed.select("ul.coverage-changes li")]
    assert (
        f"Article 28 — Access to education: gap → gap · referred to by Amendment {rewording['id']}"
        in changes
    )
    to_review(drafter, draft["id"])
    decide(reviewer, deleting["id"], "accepted")
    decide(reviewer, rewording["id"], "accepted")
    page = viewer.soup(url)
    before, after = (
        page.select(".side-by-side .before ul.heatmap"),
        page.select(".after ul.heatmap"),
    )
    assert before[0].select_one("a[href='#CRC-3']")["class"] == ["heat-covered"]
    assert after[0].select_one("a[href='#CRC-3']")["class"] == ["heat-gap"]
    changes = [text_of(item) for item in page.select("ul.coverage-changes li")]
    assert "Article 3 — Best interests of the child: covered → gap" in changes
    assert "Article 12 — Respect for children's views: referenced → gap" in changes
    row = [text_of(td) for td in page.select_one("tr#CRC-2").find_all("td")]
    assert row[:2] == ["partial", "partial"] and "needs re-check" in row[2]
    assert page.select_one(f"a[href^='/api/v1/drafts/{draft['id']}/coverage?format=csv']")


def test_draft_page_leads_to_its_coverage(browser_for, drafter, mapped):
    draft = open_draft(drafter, mapped[0])
    page = browser_for("viewer").soup(f"/drafts/{draft['id']}")
    assert page.select_one(f"a[href='/drafts/{draft['id']}/coverage']") is not None


def test_draft_coverage_of_a_missing_draft(browser_for, mapped):
    browser_for("viewer").soup("/drafts/0/coverage", status=404)
