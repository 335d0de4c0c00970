"""Commencement through the API: the text in force at a date holds only what has commenced,
and recording a commencement later changes that, never the version or its hash."""

from __future__ import annotations

from lxml import etree

from exports.akn_names import A, validation_errors
from tests.api.test_instruments import add_version, assert_problem, create
from tests.factories import article

LAW = [
    {
        "kind": "chapter",
        "num": "1",
        "heading": "General provisions",
        "children": [article("1", "This Law governs social services.")],
    },
    {
        "kind": "chapter",
        "num": "2",
        "heading": "Social service centres",
        "children": [
            article("12", "Centres are licensed."),
            article("13", "Licences last five years."),
            article("14", "Inspections are yearly."),
        ],
    },
]


def _law(drafter) -> tuple[int, str]:
    instrument_id = create(drafter).json()["id"]
    response = add_version(
        drafter, instrument_id, LAW, status="in_force", effective_date="2025-01-01"
    )
    assert response.status_code == 201, response.text
    return instrument_id, response.json()["content_hash"]


def _articles(client, instrument_id: int, on: str) -> list[str]:
    body = client.get(f"/api/v1/instruments/{instrument_id}/as-at/{on}").json()
    return [a["num"] for chapter in body["provisions"] for a in chapter["children"]]


def test_partial_commencement_then_a_decree_brings_articles_in(drafter, viewer):
    instrument_id, content_hash = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    pending = drafter.post(
        url,
        json={"provisions": ["chp_2__art_13", "chp_2__art_14"], "note": "on a date set later"},
    )
    assert pending.status_code == 201, pending.text
    assert [p["citation"] for p in pending.json()["provisions"]] == ["Article 13", "Article 14"]
    assert _articles(viewer, instrument_id, "2025-06-01") == ["1", "12"]

    decree = drafter.post(
        url,
        json={
            "provisions": ["chp_2__art_13"],
            "commences_on": "2025-09-01",
            "by_title": "Decree No. 45 of 1 August 2025",
        },
    )
    assert decree.status_code == 201, decree.text
    assert _articles(viewer, instrument_id, "2025-08-31") == ["1", "12"]
    assert _articles(viewer, instrument_id, "2025-09-01") == ["1", "12", "13"]

    version = viewer.get(f"/api/v1/instruments/{instrument_id}/versions/1").json()
    assert version["content_hash"] == content_hash
    assert [a["num"] for a in version["provisions"][1]["children"]] == ["12", "13", "14"]

    listed = viewer.get(url, params={"on": "2025-09-01"}).json()
    assert [item["by_title"] for item in listed["items"]] == ["", "Decree No. 45 of 1 August 2025"]
    assert [(p["citation"], p["commences_on"]) for p in listed["pending"]] == [("Article 14", None)]


def test_the_whole_version_can_commence_later_than_its_effective_date(drafter, viewer):
    instrument_id, _ = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    assert drafter.post(url, json={"commences_on": "2025-03-01"}).status_code == 201
    assert _articles(viewer, instrument_id, "2025-02-01") == []
    assert _articles(viewer, instrument_id, "2025-03-01") == ["1", "12", "13", "14"]


def test_unknown_provision_or_version_is_refused_and_nothing_is_stored(drafter):
    instrument_id, _ = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    body = assert_problem(drafter.post(url, json={"provisions": ["art_99"]}), 422)
    assert "art_99" in body["detail"]
    assert drafter.get(url).json()["items"] == []
    missing = f"/api/v1/instruments/{instrument_id}/versions/7/commencements"
    assert_problem(drafter.post(missing, json={}), 404)
    assert_problem(drafter.post(url, json={"by_instrument_id": 999999}), 422)


def test_viewers_may_not_record_commencements(drafter, viewer):
    instrument_id, _ = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    assert_problem(viewer.post(url, json={"commences_on": "2025-03-01"}), 403)


def test_the_akoma_ntoso_export_carries_the_commencement(drafter):
    instrument_id, _ = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    body = {"provisions": ["chp_2__art_13"], "commences_on": "2025-09-01", "by_title": "Decree 45"}
    assert drafter.post(url, json=body).status_code == 201
    exported = drafter.get(
        f"/api/v1/instruments/{instrument_id}/versions/1/export", params={"format": "akn"}
    )
    assert exported.status_code == 200
    root = etree.fromstring(exported.content)
    assert validation_errors(root) == []
    events = [e.get("date") for e in root.iter(f"{A}eventRef")]
    assert events == ["2025-01-01", "2025-09-01"]
    marked = [e.get("eId") for e in root.iter() if e.get("period")]
    assert marked == ["chp_2__art_13"]


def test_exported_texts_note_the_provisions_not_in_force(drafter):
    instrument_id, _ = _law(drafter)
    url = f"/api/v1/instruments/{instrument_id}/versions/1/commencements"
    assert drafter.post(url, json={"provisions": ["chp_2__art_13"]}).status_code == 201
    export = f"/api/v1/instruments/{instrument_id}/versions/1/export"
    page = drafter.get(export, params={"format": "html"}).text
    assert (
        page.index("Article 13")
        < page.index("Not yet in force: commences on a date still to be set.")
        < page.index("Licences last five years.")
    )
    assert page.count("Not yet in force") == 1
    text = drafter.get(export, params={"format": "txt"}).text
    assert "> Not yet in force: commences on a date still to be set." in text
