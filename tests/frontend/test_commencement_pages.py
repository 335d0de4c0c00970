"""A law's page marks the provisions that have not commenced; the text at a date leaves them out."""

from __future__ import annotations

from tests.api.test_commencement import _law


def test_uncommenced_provisions_are_marked_and_left_out_as_at(browser_for, drafter):
    instrument_id, _ = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    assert drafter.post(url, json={"provisions": ["chp_2__art_13"]}).status_code == 201
    later = {"provisions": ["chp_2__art_14"], "commences_on": "2099-01-01"}
    assert drafter.post(url, json=later).status_code == 201

    viewer = browser_for("viewer")
    page = viewer.soup(f"/instruments/{instrument_id}")
    marks = {
        badge.find_parent("div", class_="provision")["id"]: badge.get_text(" ", strip=True)
        for badge in page.select(".badge.uncommenced")
    }
    assert marks["chp_2__art_13"] == "Not yet in force: commences on a date still to be set"
    assert marks["chp_2__art_14"] == "Not yet in force: commences on 2099-01-01"
    assert "chp_2__art_12" not in marks

    as_at = viewer.soup(f"/instruments/{instrument_id}?at=2025-06-01")
    shown = {div["id"] for div in as_at.select("div.provision")}
    assert "chp_2__art_12" in shown
    assert not {"chp_2__art_13", "chp_2__art_14"} & shown
