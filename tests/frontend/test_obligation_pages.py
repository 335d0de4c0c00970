"""The tracker pages: the counts per law, filters, proposals confirmed and linked in forms."""

from __future__ import annotations

from tests.api.drafting import open_draft
from tests.api.test_obligations import _law, _patch, _proposed


def text(node) -> str:
    return node.get_text(" ", strip=True)


def test_tracker_counts_filters_and_confirms(browser_for, drafter):
    instrument_id = _law(drafter, short_title="Social Services Law")
    first, second = _proposed(drafter, instrument_id)
    _patch(drafter, first["id"], review="confirmed", due_date="2020-01-01")

    page = browser_for("drafter")
    law = page.soup(f"/instruments/{instrument_id}/obligations")
    assert text(law.select_one("ul.summaries li")) == (
        "Social Services Law: 1 regulations required — 0 adopted, 0 in drafting, 1 overdue, "
        "0 not started"
    )
    rows = {row["id"]: row for row in law.select("table.obligations tbody tr")}
    assert text(rows[f"obligation-{first['id']}"].select_one(".badge")) == "overdue"
    assert text(rows[f"obligation-{second['id']}"].select_one(".badge")) == "proposed"

    form = rows[f"obligation-{second['id']}"].select_one("form")
    sent = page.post(
        form["action"],
        {"lock_version": form.select_one("[name=lock_version]")["value"], "review": "confirmed"},
    )
    assert sent.status_code == 303
    overdue = page.soup("/obligations", params={"status": "overdue"})
    assert [text(td) for td in overdue.select("td.body")] == ["Cabinet of Ministers"]
    linked = page.post(
        f"/obligations/{second['id']}",
        {
            "lock_version": str(_lock(drafter, second["id"])),
            "links": "1",
            "due_date": "2099-01-01",
            "adopted_instrument_id": str(instrument_id),
        },
    )
    assert linked.status_code == 303
    adopted = page.soup("/obligations", params={"status": "adopted"})
    assert [text(td) for td in adopted.select("td.body")] == ["authorised body"]


def _lock(client, obligation_id: int) -> int:
    tag = client.get(f"/api/v1/obligations/{obligation_id}").headers["etag"]
    return int(tag.strip('"').rsplit("-", 1)[1])


def test_viewers_see_no_forms(browser_for, drafter):
    instrument_id = _law(drafter)
    _proposed(drafter, instrument_id)
    page = browser_for("viewer").soup(f"/instruments/{instrument_id}/obligations")
    assert page.select("table.obligations form") == []
    assert page.select_one("table.obligations td.body") is not None


def test_the_draft_page_lists_its_target_laws_obligations(browser_for, drafter):
    instrument_id = _law(drafter)
    first, _ = _proposed(drafter, instrument_id)
    draft = open_draft(drafter, instrument_id)
    _patch(drafter, first["id"], review="confirmed", draft_id=draft["id"])
    page = browser_for("viewer").soup(f"/drafts/{draft['id']}")
    rows = page.select("#obligations + table tbody tr")
    assert [(text(r.select_one("td.body")), text(r.select_one(".badge"))) for r in rows] == [
        ("Cabinet of Ministers", "in drafting")
    ]
    assert rows[0]["class"] == ["this-draft"]


def test_a_bad_due_date_is_refused_with_a_sentence(browser_for, drafter):
    instrument_id = _law(drafter)
    first, _ = _proposed(drafter, instrument_id)
    _patch(drafter, first["id"], review="confirmed")
    sent = browser_for("drafter").post(
        f"/obligations/{first['id']}",
        {"lock_version": str(_lock(drafter, first["id"])), "links": "1", "due_date": "31.12.2026"},
    )
    assert sent.status_code == 422
    assert "is not a date" in sent.text
    assert drafter.get(f"/api/v1/obligations/{first['id']}").json()["due_date"] is None
