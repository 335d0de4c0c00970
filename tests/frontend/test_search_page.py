"""The search page as a person sees it: hits with their words marked, facets that narrow the
search, links to where each hit lives, filters, pages, and a query it cannot read."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api import test_search as search_api
from tests.api.drafting import open_draft, propose

SEARCH = "/search"
searchable = search_api.searchable
demo_law = search_api.demo_law


def text_of(node) -> str:
    return node.get_text(" ", strip=True)


def facet(page, name: str) -> dict[str, tuple[int, str]]:
    """A facet's entries: label → (count, the link's address)."""
    found = {}
    for link in page.select(f"#facet-{name} + ul a"):
        label = text_of(link.select_one(".facet-label"))
        found[label] = (int(text_of(link.select_one(".count"))), link["href"])
    return found


def hits(page) -> list[dict]:
    return [
        {
            "title": text_of(item.h3),
            "href": item.h3.a["href"],
            "snippet": text_of(item.select_one(".snippet")) if item.select_one(".snippet") else "",
            "marks": [text_of(mark) for mark in item.select(".snippet mark")],
            "meta": text_of(item.select_one(".hit-meta")),
        }
        for item in page.select("ol.hits > li")
    ]


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


@pytest.fixture
def person(demo_law, browser_for):
    return browser_for("viewer")


def test_hits_with_marked_words_facets_and_links(demo_law, person, viewer):
    page = person.soup(SEARCH, params={"q": "child"})
    found = hits(page)
    assert len(found) == 20
    assert all(hit["marks"] for hit in found if hit["snippet"])
    marked = {mark.lower() for hit in found for mark in hit["marks"]}
    assert marked == {"child", "children", "child's"}
    assert page.select_one("#q")["value"] == "child"
    assert page.select_one("form[role=search]")["method"] == "get"

    api = viewer.get("/api/v1/search", params={"q": "child"}).json()
    assert text_of(page.select_one("[role=status]")) == f"{api['total']} results"
    types = facet(page, "type")
    assert {label: count for label, (count, _) in types.items()} == api["facets"]["type"]
    assert query(types["provision"][1]) == {"q": ["child"], "type": ["provision"]}
    laws = facet(page, "instrument_id")
    (title,) = laws
    law = viewer.get(f"/api/v1/instruments/{demo_law['en']}").json()
    assert title == (law["short_title"] or law["title"])
    assert laws[title][0] == api["facets"]["instrument_id"][str(demo_law["en"])]
    assert query(laws[title][1])["instrument"] == [str(demo_law["en"])]
    assert facet(page, "framework")["CRC"][0] == api["facets"]["framework"]["CRC"]

    articles = hits(person.soup(SEARCH, params={"q": "best interests", "type": "article"}))
    assert articles[0]["href"] == "/treaties/CRC/3"
    provisions = hits(
        person.soup(SEARCH, params={"q": "primary consideration", "instrument": demo_law["en"]})
    )
    assert provisions[0]["title"] == f"{title} · 1."
    assert provisions[0]["href"] == (f"/instruments/{demo_law['en']}#chp_II__art_5__para_1")
    assert "from 2025-01-01" in provisions[0]["meta"]
    law_hits = {"q": "primary consideration", "instrument": demo_law["en"]}
    dated = hits(person.soup(SEARCH, params=law_hits | {"as_at": "2025-06-01"}))
    assert dated[0]["href"] == f"/instruments/{demo_law['en']}?at=2025-06-01#chp_II__art_5__para_1"
    asked = hits(person.soup(SEARCH, params=law_hits | {"version": "2"}))
    assert asked[0]["href"] == f"/instruments/{demo_law['en']}?version=2#chp_II__art_5__para_1"
    recommendation = hits(person.soup(SEARCH, params={"q": "child", "type": "recommendation"}))[0]
    code, number = recommendation["title"].split(" ", 1)
    assert recommendation["href"].startswith(f"/treaties/recommendations/{code}?")
    assert query(recommendation["href"]) == {"number": [number]}


def test_an_amendment_links_to_its_page(demo_law, person, drafter):
    draft = open_draft(drafter, demo_law["en"])
    provision = search_api.first_provision(
        drafter, demo_law["en"], "habilitation and rehabilitation"
    )
    created = propose(
        drafter,
        draft["id"],
        instrument_id=demo_law["en"],
        kind="replace_text",
        provision_id=provision,
        text="Ombudsperson offices shall hear complaints about social services.",
        rationale="Independent complaint handling.",
    )
    assert created.status_code == 201, created.text
    (hit,) = hits(person.soup(SEARCH, params={"q": "ombudsperson"}))
    assert hit["href"] == f"/amendments/{created.json()['id']}"
    assert hit["marks"] == ["Ombudsperson"]


def test_type_and_as_at_filters(demo_law, person):
    law = demo_law["en"]
    wanted = {"q": "interests child", "type": "provision", "instrument": law}
    before = person.soup(SEARCH, params={**wanted, "as_at": "2022-01-01"})
    old = {hit["href"]: hit for hit in hits(before)}
    para = old[f"/instruments/{law}?at=2022-01-01#chp_II__art_5__para_1"]
    assert "the child shall be taken into" in para["snippet"]
    assert "from 2021-07-01 to 2025-01-01" in para["meta"]
    assert before.select_one("#type option[selected]")["value"] == "provision"
    assert before.select_one("#as_at")["value"] == "2022-01-01"
    later = person.soup(SEARCH, params={**wanted, "as_at": "2025-06-01"})
    after = {hit["href"]: hit for hit in hits(later)}
    para = after[f"/instruments/{law}?at=2025-06-01#chp_II__art_5__para_1"]
    assert "the best interests of the child" in para["snippet"]
    assert "from 2025-01-01" in para["meta"]
    assert hits(person.soup(SEARCH, params={**wanted, "as_at": "2020-01-01"})) == []
    only = person.soup(SEARCH, params={"q": "child", "type": "article"})
    assert set(facet(only, "type")) == {"article"}
    chosen = only.select_one("#facet-type + ul a[aria-current]")
    assert query(chosen["href"]) == {"q": ["child"]}


def test_pages_keep_the_search(demo_law, person):
    first = person.soup(SEARCH, params={"type": "article", "framework": "CRC"})
    assert text_of(first.select_one("[role=status]")) == "54 results"
    pager = first.select_one("nav .pager")
    assert "Page 1 of 3" in text_of(pager)
    following = pager.select_one("a[rel=next]")["href"]
    assert query(following) == {"type": ["article"], "framework": ["CRC"], "page": ["2"]}
    second = person.soup(following)
    assert second.select_one("ol.hits")["start"] == "21"
    assert len(hits(second)) == 20
    assert {hit["href"] for hit in hits(second)}.isdisjoint(hit["href"] for hit in hits(first))
    assert query(second.select_one("a[rel=prev]")["href"]) == {
        "type": ["article"],
        "framework": ["CRC"],
    }


@pytest.mark.parametrize(
    ("params", "sentence"),
    [
        ({"q": '"best interests'}, 'The query opens a quote (") that it does not close.'),
        ({"q": "colour:red child"}, 'The query names an unknown field "colour"'),
        ({"q": "child", "as_at": "yesterday"}, "yesterday is not a date"),
        ({"q": "child", "version": "two"}, "The version must be a whole number"),
    ],
)
def test_a_query_it_cannot_read_is_a_sentence(demo_law, person, params, sentence):
    page = person.soup(SEARCH, status=422, params=params)
    assert sentence in text_of(page.select_one("#results [role=alert]"))
    assert page.select_one("#q")["value"] == params["q"]
    assert page.select("ol.hits") == []


def test_anonymous_people_are_sent_to_sign_in(searchable, anonymous):
    response = anonymous.get(SEARCH, params={"q": "child"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/search%3Fq%3Dchild"
