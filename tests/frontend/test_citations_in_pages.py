"""People read legal citations, not eIds: the pages of the main flow over the demo data, in
English, Russian and Turkmen, show no eId in their visible text; structure labels follow the
law's language; and the citations the pages use, case by case."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from api.demo.seed import seed
from drafts.models import Instrument
from drafts.packages.models import Amendment, Draft
from frontend.citing import cite, heading, place
from frontend.i18n import translations
from tests.api import test_search as search_api

searchable = search_api.searchable

EID = re.compile(r"\b(?:chp|art|para|sec|point|subpoint|part|hcontainer)_\w+")


def visible_text(html: str) -> str:
    """What a person reads: the text of the page without tags, attributes, scripts or styles."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    return soup.get_text(" ")


@pytest.fixture
def demo(searchable, sessions) -> dict:
    with sessions() as session:
        seed(session)
        session.commit()
        laws: dict[str, int] = {}
        for instrument in session.scalars(select(Instrument).order_by(Instrument.id)):
            laws.setdefault(instrument.language, instrument.id)  # the sample law of each language
        draft = session.scalar(select(Draft.id))
        amendments = list(session.scalars(select(Amendment.id).order_by(Amendment.id)))
    return {"laws": laws, "draft": draft, "amendments": amendments}


def main_flow(demo: dict) -> list[str]:
    law, russian, draft = demo["laws"]["en"], demo["laws"]["ru"], demo["draft"]
    return [
        "/",
        "/instruments",
        f"/instruments/{law}",
        f"/instruments/{law}?version=1",
        f"/instruments/{russian}",
        f"/instruments/{law}/coverage",
        f"/drafts/{draft}",
        f"/drafts/{draft}/coverage",
        f"/drafts/{draft}/amendments/new",
        *(f"/amendments/{a}" for a in demo["amendments"]),
        f"/redline?from={law}:1&to={law}:2",
        f"/redline?from={law}:1&to={law}:2&layout=side-by-side",
        "/search?q=child",
        "/search?instrument=" + str(law),
        "/treaties/CRC/3",
        "/treaties/CRPD/5",
    ]


def test_no_page_of_the_main_flow_shows_an_eid(demo, browser_for):
    drafter = browser_for("drafter")
    pages = main_flow(demo)
    seen = []
    for lang in ("en", "ru", "tk"):
        drafter.post("/language", {"language": lang, "next": "/"})
        for url in pages:
            response = drafter.get(url)
            assert response.status_code == 200, (lang, url)
            found = sorted(set(EID.findall(visible_text(response.text))))
            assert found == [], (lang, url, found[:5])
            seen.append(url)
    assert len(seen) == 3 * len(pages)


def test_amendments_and_provisions_are_cited_in_the_page_language(demo, browser_for):
    drafter = browser_for("drafter")
    draft = demo["draft"]
    expected = {"en": "Article", "ru": "стать", "tk": "madda"}
    for lang, word in expected.items():
        drafter.post("/language", {"language": lang, "next": "/"})
        page = drafter.soup(f"/drafts/{draft}")
        places = [
            row.select("td")[1].get_text(" ", strip=True)
            for row in page.select("tr[id^=amendment-]")
        ]
        assert places and all(word in place.lower() or word in place for place in places), (
            lang,
            places,
        )


def test_structure_labels_follow_the_language_of_the_law(demo, browser_for):
    viewer = browser_for("viewer")
    viewer.post("/language", {"language": "en", "next": "/"})
    page = viewer.soup(f"/instruments/{demo['laws']['ru']}")
    labels = [h.select_one(".num").get_text() for h in page.select(".provision h3")]
    assert labels[:2] == ["Глава I", "Статья 1"]
    assert "Глава I. Общие положения" in [a.get_text() for a in page.select("a")]
    assert "Chapter" not in " ".join(labels)
    viewer.post("/language", {"language": "tk", "next": "/"})
    page = viewer.soup(f"/instruments/{demo['laws']['en']}")
    labels = [h.select_one(".num").get_text() for h in page.select(".provision h3")]
    assert labels[:2] == ["Chapter I", "Article 1"]


@pytest.mark.parametrize(
    ("eid", "lang", "expected"),
    [
        ("chp_II__art_6__para_3", "en", "Article 6(3)"),
        ("chp_II__art_6__para_3", "ru", "часть 3 статьи 6"),
        ("chp_II__art_6__para_3", "tk", "6-njy maddanyň 3-nji bölegi"),
        ("chp_I__art_2__point_a", "en", "Article 2(a)"),
        ("chp_I__art_2__point_a", "ru", "пункт «a» статьи 2"),
        ("chp_III", "ru", "глава III"),
        ("chp_III", "tk", "III bap"),
        ("preamble", "en", "the preamble"),
        ("chp_1__art_8-1", "tk", "8-1-nji madda"),
        ("chp_1__art_5__para_2_2", "en", "Article 5(2)"),
        ("", "en", ""),
    ],
)
def test_cite(eid, lang, expected):
    assert cite(eid, lang) == expected


def test_cite_in_the_style_of_the_jurisdiction():
    assert cite("sec_8__subsec_3", "en", jurisdiction="gb") == "section 8, subsec 3"
    assert cite("sec_105__para_3", "de", jurisdiction="de", language="de") == "§ 105 Abs. 3"


@pytest.mark.parametrize(
    ("position", "lang", "expected"),
    [
        ("after", "en", "after Article 8(2)"),
        ("before", "ru", "перед частью 2 статьи 8"),
        ("after", "ru", "после части 2 статьи 8"),
        ("last_child", "ru", "в конце части 2 статьи 8"),
        ("after", "tk", "8-nji maddanyň 2-nji böleginiň yzynda"),
    ],
)
def test_place(position, lang, expected):
    gettext = translations(lang).gettext
    assert place(gettext, position, "chp_III__art_8__para_2", lang) == expected


@pytest.mark.parametrize(
    ("kind", "num", "language", "expected"),
    [
        ("chapter", "I", "ru", "Глава I"),
        ("article", "1", "ru", "Статья 1"),
        ("chapter", "III", "tk", "III bap"),
        ("article", "6", "tk", "6-njy madda"),
        ("article", "6", "en", "Article 6"),
        ("preamble", "", "ru", "Преамбула"),
        ("preamble", "", "en", "Preamble"),
    ],
)
def test_heading(kind, num, language, expected):
    assert heading(kind, num, language) == expected


def test_coverage_cites_the_provisions_in_the_page_language(demo, browser_for):
    viewer = browser_for("viewer")
    viewer.post("/language", {"language": "ru", "next": "/"})
    page = viewer.soup(f"/instruments/{demo['laws']['en']}/coverage")
    backings = [li.get_text(" ", strip=True) for li in page.select("ul.backings li")]
    assert backings and any(b.startswith("часть 1 статьи 4 ·") for b in backings), backings[:3]


def test_the_turkmen_demo_law_reads_in_turkmen_whatever_the_interface(demo, browser_for):
    viewer = browser_for("viewer")
    viewer.post("/language", {"language": "en", "next": "/"})
    page = viewer.soup(f"/instruments/{demo['laws']['tk']}")
    labels = [h.select_one(".num").get_text() for h in page.select(".provision h3")]
    assert labels[:3] == ["I bap", "1-nji madda", "2-nji madda"]
    assert labels[-1] == "15-nji madda"
    assert "I bap. Umumy düzgünler" in [a.get_text() for a in page.select("a")]


def test_redline_labels_follow_the_law_and_statuses_the_reader(demo, browser_for):
    viewer = browser_for("viewer")
    russian = demo["laws"]["ru"]
    viewer.post("/language", {"language": "en", "next": "/"})
    page = viewer.soup(f"/redline?from={russian}:1&to={demo['laws']['tk']}:1&layout=side-by-side")
    heads = [" ".join(h.get_text().split()) for h in page.select(".rl-new .rl-head")]
    assert heads[1].startswith("I bap") and heads[2].startswith("1-nji madda"), heads[:3]
    assert [th.get_text() for th in page.select(".rl thead th")] == ["Old text", "New text"]
    viewer.post("/language", {"language": "tk", "next": "/"})
    law = demo["laws"]["en"]
    page = viewer.soup(f"/redline?from={law}:1&to={law}:2")
    heads = [" ".join(h.get_text().split()) for h in page.select(".rl-head")]
    assert "Chapter I General provisions" in heads
    marks = {mark.get_text() for mark in page.select(".rl-mark")}
    tk_names = {"üýtgedildi", "goşuldy", "aýryldy", "ýeri üýtgedildi", "belgisi üýtgedildi"}
    assert marks and marks <= tk_names, marks


def test_redline_marks_explain_in_the_reader_language_with_citations(demo, browser_for):
    viewer = browser_for("viewer")
    viewer.post("/language", {"language": "ru", "next": "/"})
    law = demo["laws"]["en"]
    page = viewer.soup(f"/redline?from={law}:1&to={law}:2")
    titles = [mark["title"] for mark in page.select(".rl-mark[title]")]
    assert any(title.startswith("Изменено: текст") for title in titles), titles
    assert [title for title in titles if EID.search(title)] == []
    moved = [title for title in titles if title.startswith("Перемещено из ")]
    assert all("стать" in title for title in moved), moved
