"""Treaty pages, the treaty links of provisions, and suggested articles, as people see them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from frontend.routes.suggested import marked
from tests.alignment.test_links import load_crc
from tests.api.drafting import law_with_version
from tests.api.test_alignment import created, reword

PARA = "chp_2__art_3__para_1"
"""'The best interests of the child come first.'"""
OTHER = "chp_1__art_2__para_2"
"""'Services are given without discrimination.'"""


def text_of(node) -> str:
    return node.get_text(" ", strip=True)


def rows(soup, selector: str) -> dict[str, list[str]]:
    """The rows of a table's body by their id, as the text of their cells."""
    return {
        row.get("id", ""): [text_of(cell) for cell in row.find_all(["th", "td"])]
        for row in soup.select(f"{selector} tbody tr")
    }


def crc_and_law(db, drafter) -> tuple[int, dict[str, str]]:
    """The CRC and a small recommendation set loaded, and a law: (id, provision ids by eId)."""
    load_crc(db)
    db.commit()
    iid, version = law_with_version(drafter)
    found, stack = {}, list(version["provisions"])
    while stack:
        node = stack.pop()
        found[node["eid"]] = node["provision_id"]
        stack.extend(node["children"])
    return iid, found


@pytest.fixture
def mapped(db, drafter):
    return crc_and_law(db, drafter)


def provision_url(iid: int, provision_id: str) -> str:
    return f"/instruments/{iid}/provisions/{provision_id}"


def test_treaties_list_their_articles(browser_for, mapped):
    viewer = browser_for("viewer")
    page = viewer.soup("/treaties")
    crc = next(row for row in page.select("table.treaties tbody tr") if "CRC" in text_of(row))
    assert crc.select_one("a")["href"] == "/treaties/CRC"
    assert text_of(crc.find_all("td")[-1]) == "54"
    assert [text_of(a) for a in page.select("table.sets tbody th a")] == ["TKM-CRC-2015"]
    articles = viewer.soup("/treaties/CRC").select("ul.articles a")
    assert len(articles) == 54
    assert articles[2]["href"] == "/treaties/CRC/3"


def test_article_page_shows_its_text_and_linked_provisions(browser_for, drafter, mapped):
    iid, ids = mapped
    link = created(drafter, ids[PARA], status="confirmed")
    page = browser_for("viewer").soup("/treaties/CRC/3")
    assert text_of(page.select_one("h1")) == "CRC · Article 3"
    assert text_of(page.select_one(".topic")) == "Best interests of the child"
    paragraphs = [text_of(p) for p in page.select(".article-text p")]
    assert len(paragraphs) == 3 and paragraphs[0].startswith("1. In all actions concerning")
    row = page.select_one(f"#link-{link['id']}")
    assert row.select_one("th a")["href"] == f"/instruments/{iid}"
    assert row.select_one("td a")["href"] == f"/instruments/{iid}#{PARA}"
    assert [text_of(cell) for cell in row.find_all("td")[1:]] == [
        "implements",
        "confirmed",
        "holds",
    ]


def test_article_page_flags_a_link_whose_provision_changed(browser_for, drafter, mapped):
    iid, ids = mapped
    link = created(drafter, ids[PARA], status="confirmed")
    version = drafter.get(f"/api/v1/instruments/{iid}/versions/1").json()
    reword(drafter, iid, version, PARA, "The best interests of every child come first.")
    row = browser_for("viewer").soup("/treaties/CRC/3").select_one(f"#link-{link['id']}")
    assert text_of(row.find_all("td")[-1]) == "needs re-check"


@pytest.mark.parametrize("url", ["/treaties/CRC/99", "/treaties/ICCPR", "/treaties/ICCPR/1"])
def test_missing_treaties_and_articles_are_not_found(browser_for, mapped, url):
    page = browser_for("viewer").soup(url, status=404)
    assert page.select_one("h1") is not None


def test_anonymous_is_sent_to_sign_in(anonymous, mapped):
    response = anonymous.get("/treaties/CRC/3", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=")


def test_recommendation_set_filters_by_words_and_number(browser_for, drafter, mapped):
    iid, ids = mapped
    created(drafter, ids[PARA], framework=None, article=None,
            recommendation_set="TKM-CRC-2015", recommendation="16(a)")  # fmt: skip
    viewer = browser_for("viewer")
    every = viewer.soup("/treaties/recommendations/TKM-CRC-2015")
    assert [text_of(h) for h in every.select(".rec-number")] == ["16(a)", "16(b)"]
    badge = every.select_one("ol.recommendation-list li a.badge")
    assert text_of(badge).endswith("implements · suggested")
    assert badge["href"].startswith(provision_url(iid, ids[PARA]))
    judges = viewer.soup("/treaties/recommendations/TKM-CRC-2015?q=judges")
    assert [text_of(h) for h in judges.select(".rec-number")] == ["16(b)"]
    assert judges.select_one("#q")["value"] == "judges"
    one = viewer.soup("/treaties/recommendations/TKM-CRC-2015?number=16%28a%29")
    assert [text_of(h) for h in one.select(".rec-number")] == ["16(a)"]
    viewer.soup("/treaties/recommendations/NOPE", status=404)


def test_instrument_page_shows_link_badges(browser_for, drafter, mapped):
    iid, ids = mapped
    created(drafter, ids[PARA], status="confirmed")
    created(drafter, ids[OTHER], article="2", relation="partially_implements")
    page = browser_for("viewer").soup(f"/instruments/{iid}")
    badges = {
        eid: [text_of(a) for a in page.select(f"[id='{eid}'] ul.link-badges a")]
        for eid in (PARA, OTHER)
    }
    assert badges == {
        PARA: ["CRC 3 · implements · confirmed"],
        OTHER: ["CRC 2 · partially implements · suggested"],
    }
    assert page.select_one(f"[id='{PARA}'] ul.link-badges a")["href"] == "/treaties/CRC/3"


def test_viewer_sees_links_but_no_forms(browser_for, drafter, mapped):
    iid, ids = mapped
    link = created(drafter, ids[PARA])
    viewer = browser_for("viewer")
    page = viewer.soup(provision_url(iid, ids[PARA]))
    assert rows(page, "table.links")[f"link-{link['id']}"][:3] == [
        "CRC 3 Best interests of the child",
        "implements",
        "suggested",
    ]
    assert page.select("form[action*='/links'], form[action*='/review']") == []
    add = viewer.post(
        f"{provision_url(iid, ids[PARA])}/links",
        {"target": "framework:CRC", "number": "2", "relation": "implements"},
    )
    assert add.status_code == 403
    review = viewer.post(f"/alignments/{link['id']}/review", {"status": "confirmed"})
    assert review.status_code == 403


def test_reviewer_reviews_links_but_does_not_add_them(browser_for, drafter, mapped):
    iid, ids = mapped
    created(drafter, ids[PARA])
    reviewer = browser_for("reviewer")
    page = reviewer.soup(provision_url(iid, ids[PARA]))
    assert page.select_one("#add-link") is None
    assert page.select_one("form[action$='/review'] button[value=confirmed]") is not None
    refused = reviewer.post(
        f"{provision_url(iid, ids[PARA])}/links",
        {"target": "framework:CRC", "number": "2", "relation": "implements"},
    )
    assert refused.status_code == 403


def test_add_a_link_from_the_provision_page(browser_for, viewer, mapped):
    iid, ids = mapped
    drafter = browser_for("drafter")
    form = drafter.soup(provision_url(iid, ids[PARA])).select_one("#add-link")
    for field in ("link-target", "link-number", "link-relation", "link-status", "link-note"):
        assert form.select_one(f"label[for={field}]") is not None
    made = drafter.post(
        f"{provision_url(iid, ids[PARA])}/links",
        {"target": "framework:CRC", "number": "3", "relation": "implements", "note": "Core."},
    )
    assert made.status_code == 303
    assert made.headers["location"].startswith(f"{provision_url(iid, ids[PARA])}#link-")
    links = viewer.get(f"/api/v1/provisions/{ids[PARA]}/alignments").json()["items"]
    assert [(x["article"], x["status"], x["note"]) for x in links] == [("3", "suggested", "Core.")]


@pytest.mark.parametrize(
    ("fields", "status", "sentence"),
    [
        ({"number": "99"}, 422, "There is no article 99 in the framework CRC."),
        ({"number": "3"}, 409, "is already linked to CRC article 3"),
        ({"number": "2", "relation": "ignores"}, 422, "Please check Relation"),
        ({"number": ""}, 422, "Please check Article or recommendation number"),
    ],
)
def test_a_refused_link_keeps_what_was_typed(
    browser_for, drafter, mapped, fields, status, sentence
):
    iid, ids = mapped
    created(drafter, ids[PARA])
    browser = browser_for("drafter")
    sent = {"target": "framework:CRC", "relation": "references", "note": "Kept."} | fields
    response = browser.post(f"{provision_url(iid, ids[PARA])}/links", sent)
    assert response.status_code == status
    form = BeautifulSoup(response.text, "html.parser").select_one("#add-link")
    assert sentence in text_of(form.select_one("[role=alert]"))
    assert form.select_one("#link-number")["value"] == fields["number"]
    assert text_of(form.select_one("#link-note")) == "Kept."
    assert form.select_one("#link-target option[selected]")["value"] == "framework:CRC"


def test_confirm_then_reject_from_the_provision_page(browser_for, viewer, drafter, mapped):
    iid, ids = mapped
    link = created(drafter, ids[PARA])
    reviewer = browser_for("reviewer")
    url = f"/alignments/{link['id']}/review"
    confirmed = reviewer.post(url, {"status": "confirmed", "lock_version": "1"})
    assert confirmed.status_code == 303
    assert confirmed.headers["location"] == f"{provision_url(iid, ids[PARA])}#link-{link['id']}"
    row = rows(reviewer.soup(provision_url(iid, ids[PARA])), "table.links")[f"link-{link['id']}"]
    assert row[2:4] == ["confirmed", "holds"]
    stale = reviewer.post(url, {"status": "rejected", "lock_version": "1"})
    assert stale.status_code == 409
    assert "Someone else changed this link" in stale.text
    assert reviewer.post(url, {"status": "rejected", "lock_version": "2"}).status_code == 303
    read = viewer.get(f"/api/v1/alignments/{link['id']}").json()
    assert read["status"] == "rejected"


def test_a_changed_provision_is_shown_for_a_fresh_look(browser_for, drafter, mapped):
    iid, ids = mapped
    link = created(drafter, ids[PARA], status="confirmed")
    version = drafter.get(f"/api/v1/instruments/{iid}/versions/1").json()
    reword(drafter, iid, version, PARA, "The best interests of every child come first.")
    reviewer = browser_for("reviewer")
    page = reviewer.soup(provision_url(iid, ids[PARA]))
    row = page.select_one(f"#link-{link['id']}")
    assert "needs re-check" in text_of(row)
    assert [text_of(ins) for ins in row.select(".recheck-redline ins")] == ["every"]
    again = row.select_one("button[value=confirmed]")
    assert text_of(again) == "Confirm again"
    lock = row.select_one("input[name=lock_version]")["value"]
    reviewer.post(f"/alignments/{link['id']}/review", {"status": "confirmed", "lock_version": lock})
    after = reviewer.soup(provision_url(iid, ids[PARA])).select_one(f"#link-{link['id']}")
    assert "needs re-check" not in text_of(after) and "holds" in text_of(after)


def test_marked_words_are_escaped():
    assert str(marked("a <b>child</b> Child's", ("child",))) == (
        "a &lt;b&gt;<mark>child</mark>&lt;/b&gt; <mark>Child</mark>&#39;s"
    )


@pytest.fixture
def indexed(mapped):
    """The treaty articles, found by search as soon as they are stored."""
    return mapped


def test_suggestions_rank_articles_with_their_words_marked(browser_for, indexed):
    iid, ids = indexed
    page = browser_for("viewer").soup(f"{provision_url(iid, ids[PARA])}/suggestions")
    first = page.select_one("ol.suggestions > li")
    assert first["id"] == "suggestion-CRC-3"
    assert text_of(first.select_one(".article-text strong")) == "CRC 3(1)"
    assert {"best", "interests"} <= {text_of(mark) for mark in first.select(".article-text mark")}
    assert {"best", "interests"} <= {text_of(m) for m in first.select(".provision-text mark")}
    concepts = [text_of(item) for item in first.select(".evidence strong")]
    assert "best interests of the child" in concepts
    assert "General Comment No. 14" in text_of(first.select_one(".evidence"))
    assert page.select("ol.suggestions form") == []


def test_confirm_and_reject_suggestions(browser_for, viewer, drafter, indexed):
    iid, ids = indexed
    waiting = created(drafter, ids[PARA], article="1")
    browser = browser_for("drafter")
    url = f"{provision_url(iid, ids[PARA])}/suggestions"
    page = browser.soup(url)
    assert f"link-{waiting['id']}" in rows(page, "table.links")
    suggestion = page.select_one("#suggestion-CRC-3")
    confirm = suggestion.select_one("form:has(input[name=status][value=confirmed])")
    fields = {field["name"]: field.get("value", "") for field in confirm.select("input")}
    made = browser.post(confirm["action"], fields | {"relation": "partially_implements"})
    assert made.status_code == 303 and made.headers["location"].startswith(f"{url}#link-")
    reject = page.select_one(
        "ol.suggestions > li:not(#suggestion-CRC-3) form:has(input[name=status][value=rejected])"
    )
    fields = {field["name"]: field.get("value", "") for field in reject.select("input")}
    assert browser.post(reject["action"], fields).status_code == 303
    links = viewer.get(f"/api/v1/provisions/{ids[PARA]}/alignments").json()["items"]
    assert sorted((x["article"], x["relation"], x["status"]) for x in links) == sorted(
        [
            ("1", "implements", "suggested"),
            ("3", "partially_implements", "confirmed"),
            (fields["number"], "implements", "rejected"),
        ]
    )
    again = browser.soup(url).select_one("#suggestion-CRC-3")
    assert "Already linked: confirmed" in text_of(again) and again.select("form") == []
    review = browser.post(
        f"/alignments/{waiting['id']}/review",
        {"status": "rejected", "lock_version": "1", "back": "suggestions"},
    )
    assert review.headers["location"] == f"{url}#link-{waiting['id']}"
