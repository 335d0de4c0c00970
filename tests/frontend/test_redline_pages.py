"""The redline page: choosing two texts, the two layouts, the change links, the instructions."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from tests.api.drafting import law_with_version
from tests.api.test_instruments import add_version, create
from tests.factories import sample_provisions


def text_of(soup, selector: str) -> str:
    return soup.select_one(selector).get_text(" ", strip=True)


def amended_law(client) -> int:
    """A law whose version 2 repeals Article 1, rewords a paragraph and adds Article 4."""
    iid, _ = law_with_version(client)
    second = sample_provisions()
    general = second[1]["children"]
    general[1]["children"][0]["text"] = "Everyone has the right to free social services."
    del general[0]
    second[2]["children"].append(
        {"kind": "article", "num": "4", "heading": "Inclusion", "text": "Nobody is left out."}
    )
    response = add_version(client, iid, second, status="in_force", effective_date="2024-01-01")
    assert response.status_code == 201, response.text
    return iid


def test_the_empty_page_offers_two_texts_to_choose(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    page = browser_for("viewer").soup("/redline")
    assert text_of(page, "h1") == "Compare two texts"
    assert [legend.get_text() for legend in page.select("fieldset legend")] == [
        "Old text",
        "New text",
    ]
    for field in (
        "from-instrument",
        "from-version",
        "from-date",
        "to-instrument",
        "to-version",
        "to-date",
        "provision",
    ):
        assert page.select_one(f"label[for={field}]") is not None, field
        assert page.select_one(f"#{field}") is not None, field
    laws = [option["value"] for option in page.select("#from-instrument option")]
    assert str(iid) in laws
    assert page.select_one("#result-heading") is None


def test_the_form_leads_to_the_canonical_address(browser_for, drafter):
    iid = amended_law(drafter)
    viewer = browser_for("viewer")
    response = viewer.get(
        "/redline",
        params={
            "from_instrument": iid,
            "from_version": "1",
            "from_date": "",
            "to_instrument": iid,
            "to_version": "latest",
            "to_date": "",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/redline?from={iid}%3A1&to={iid}%3Alatest"
    by_date = viewer.get(
        "/redline",
        params={
            "from_instrument": iid,
            "from_version": "latest",
            "from_date": "2022-05-01",
            "to_instrument": iid,
            "to_version": "2",
            "layout": "side-by-side",
        },
    )
    assert by_date.headers["location"] == (
        f"/redline?from={iid}%3A2022-05-01&to={iid}%3A2&layout=side-by-side"
    )


def test_inline_redline_shows_insertions_deletions_and_change_links(browser_for, drafter):
    iid = amended_law(drafter)
    page = browser_for("viewer").soup(f"/redline?from={iid}:1&to={iid}:2")
    assert text_of(page, "#result-heading").endswith("version 1 → version 2")
    assert page.select_one(".rl-inline") is not None
    assert "free" in [ins.get_text(strip=True) for ins in page.select(".rl-text ins")]
    assert "This Law governs social services." in [d.get_text() for d in page.select("del")]
    anchors = [element["id"] for element in page.select("[data-change]")]
    assert anchors[:2] == ["change-1", "change-2"]
    listed = [a["href"] for a in page.select(".rl-changes a")]
    assert listed == [f"#{anchor}" for anchor in anchors]
    assert page.select_one("a[data-step='1']").get_text(" ", strip=True).startswith("Next change")
    assert page.select_one("a[data-step='1']")["href"] == "#change-1"
    counts = {text_of(div, "dt"): text_of(div, "dd") for div in page.select(".rl-summary div")}
    assert counts["inserted"] == "1" and counts["deleted"] == "2" and counts["changed"] == "1"
    current = page.select_one(".tabs a[aria-current=page]")
    assert current.get_text() == "Inline"
    assert page.select_one("#from-instrument option[selected]")["value"] == str(iid)
    assert page.select_one("#to-version option[selected]")["value"] == "2"


def test_side_by_side_layout_and_moved_marks(browser_for, drafter):
    iid, _ = law_with_version(drafter)
    moved = sample_provisions()
    first, second = moved[1], moved[2]
    second["children"].insert(0, first["children"].pop(0))
    add_version(drafter, iid, moved)
    page = browser_for("viewer").soup(f"/redline?from={iid}:1&to={iid}:2&layout=side-by-side")
    assert page.select_one("table.rl-side") is not None
    assert page.select_one(".tabs a[aria-current=page]").get_text() == "Side by side"
    assert "moved" in [mark.get_text() for mark in page.select(".rl-mark")]
    assert page.select_one("input[name=layout]")["value"] == "side-by-side"


def test_instructions_tab_in_english_and_russian(browser_for, drafter):
    iid = amended_law(drafter)
    viewer = browser_for("viewer")
    page = viewer.soup(f"/redline?from={iid}:1&to={iid}:2&tab=instructions")
    sentences = [li.get_text(" ", strip=True) for li in page.select("ol.instructions li")]
    assert "Article 1 shall be repealed." in sentences
    assert page.select_one(".tabs a[aria-current=page]").get_text() == "Amending instructions"
    assert page.select_one("#instructions-text").get_text().startswith("1. ")
    russian = viewer.soup(f"/redline?from={iid}:1&to={iid}:2&tab=instructions&lang=ru")
    assert russian.select_one("ol.instructions")["lang"] == "ru"
    assert any("утратившей силу" in li.get_text() for li in russian.select("ol.instructions li"))
    chosen = russian.select_one("[aria-label='Language of the instructions'] a[aria-current]")
    assert chosen.get_text() == "Русский"


def test_a_subtree_and_two_instruments(browser_for, drafter):
    iid = amended_law(drafter)
    other = create(drafter).json()["id"]
    add_version(drafter, other, sample_provisions())
    viewer = browser_for("viewer")
    subtree = viewer.soup(f"/redline?from={iid}:1&to={iid}:2&provision=chp_2")
    assert {e.get("data-new-eid") for e in subtree.select(".rl-entry")} >= {"chp_2__art_4"}
    assert not any(e.get("data-old-eid") == "chp_1__art_1" for e in subtree.select(".rl-entry"))
    across = viewer.soup(f"/redline?from={iid}:2&to={other}:1")
    assert "matched by number, heading and wording" in text_of(across, ".notice")


@pytest.mark.parametrize(
    ("query", "status", "sentence"),
    [
        ("from=12&to=13:1", 422, "must be written as instrument:version"),
        ("from={iid}:1&to={iid}:9", 404, "no version 9"),
        ("from={iid}:1&to=999999:1", 404, "999999"),
        ("from={iid}:1&to={iid}:2&provision=art_77", 404, "Neither text has a provision art_77"),
        ("from={iid}:1&to={iid}:2&tab=instructions&lang=xx", 422, "'xx'"),
        ("from_instrument={iid}&from_version=1&to_version=2", 422, "Choose a law on both sides"),
    ],
)
def test_bad_references_show_the_form_with_the_sentence(
    browser_for, drafter, query, status, sentence
):
    iid = amended_law(drafter)
    page = browser_for("viewer").soup("/redline?" + query.format(iid=iid), status=status)
    assert sentence in text_of(page, "[role=alert]")
    assert page.select_one("form[action='/redline']") is not None
    assert page.select_one("#result-heading") is None


def test_version_options_follow_the_chosen_law(browser_for, drafter):
    iid = amended_law(drafter)
    viewer = browser_for("viewer")
    response = viewer.get("/redline/versions", params={"to_instrument": iid})
    options = BeautifulSoup(response.text, "html.parser").select("option")
    assert [option["value"] for option in options] == ["latest", "1", "2"]


def test_the_redline_needs_sign_in(app):
    with TestClient(app, follow_redirects=False) as client:
        assert client.get("/redline?from=1:1&to=1:2").status_code == 303
