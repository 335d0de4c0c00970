"""Compare, as a person reaches it: in the navigation, a form that works as it stands and takes
any two texts, and a long text's redline opening on its changes with their neighbours."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.api.test_instruments import add_version, create
from tests.factories import big_law, sample_provisions


def text(node) -> str:
    return node.get_text(" ", strip=True)


def long_law(drafter) -> int:
    """100 provisions in version 1; version 2 changes one paragraph of article 10."""
    iid = create(drafter).json()["id"]
    first = big_law(20)
    made = add_version(drafter, iid, first, status="in_force", effective_date="2021-01-01")
    assert made.status_code == 201
    first[9]["children"][1]["text"] = first[9]["children"][1]["text"].replace(
        "applies for it", "applies for it, free of charge"
    )
    made = add_version(drafter, iid, first, status="in_force", effective_date="2024-01-01")
    assert made.status_code == 201
    return iid


def test_compare_is_in_the_navigation_and_its_form_works_as_it_stands(browser_for, drafter):
    iid = create(drafter).json()["id"]
    add_version(drafter, iid, sample_provisions(), status="in_force", effective_date="2021-01-01")
    viewer = browser_for("viewer")
    nav = viewer.soup("/").select_one("nav[aria-label=Main]")
    assert [a["href"] for a in nav.select("a") if text(a) == "Compare"] == ["/redline"]
    form = viewer.soup("/redline").select_one("form[action='/redline']")
    for side in ("from", "to"):
        chosen = form.select_one(f"#{side}-instrument option[selected]")
        assert chosen is not None and chosen["value"]
        assert form.select_one(f"#{side}-date")["type"] == "date"
    assert form.select_one("#changes option[selected]")["value"] == ""
    other = create(drafter, title="Another law").json()["id"]
    add_version(drafter, other, sample_provisions(), status="in_force", effective_date="2022-01-01")
    across = viewer.get(
        "/redline",
        params={
            "from_instrument": iid,
            "from_version": "latest",
            "from_date": "",
            "to_instrument": other,
            "to_version": "",
            "to_date": "2023-01-01",
            "changes": "",
        },
    )
    assert across.status_code == 303
    assert parse_qs(urlsplit(across.headers["location"]).query) == {
        "from": [f"{iid}:latest"],
        "to": [f"{other}:2023-01-01"],
    }


def test_a_long_redline_opens_on_its_changes_and_expands(browser_for, drafter):
    iid = long_law(drafter)
    viewer = browser_for("viewer")
    page = viewer.soup(f"/redline?from={iid}:1&to={iid}:2")
    entries = page.select(".rl-panel .rl-entry")
    assert len(entries) == 5
    assert [e.get("data-new-eid") for e in entries if "rl-changed" in e["class"]] == [
        "art_10__para_2"
    ]
    notice = page.select_one("#changes-only")
    assert "95 unchanged provisions are left out" in text(notice)
    whole = viewer.soup(notice.a["href"])
    assert len(whole.select(".rl-panel .rl-entry")) == 100
    assert parse_qs(urlsplit(whole.select_one("#changes-only a")["href"]).query)["changes"] == [
        "only"
    ]
    side = viewer.soup(f"/redline?from={iid}:1&to={iid}:2&layout=side-by-side")
    assert len(side.select(".rl-panel tbody tr")) == 5
