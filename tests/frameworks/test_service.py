"""Reading frameworks, articles and recommendations, and the plain search inside a treaty."""

from __future__ import annotations

import pytest

from drafts.errors import NotFound
from frameworks import loader, service


@pytest.fixture
def shipped(db):
    loader.load_shipped(db)
    return db


def crc(db):
    return service.get_framework(session=db, code="CRC")


def test_list_frameworks_counts_their_articles(shipped):
    rows = service.list_frameworks(session=shipped)
    assert [(framework.code, count) for framework, count in rows] == [
        ("CEDAW", 30),
        ("CRC", 54),
        ("CRPD", 50),
    ]


def test_unknown_framework_is_a_sentence(shipped):
    with pytest.raises(NotFound, match=r"There is no framework with the code ICCPR\."):
        service.get_framework(session=shipped, code="ICCPR")


def test_articles_come_in_treaty_order_and_by_page(shipped):
    items, total = service.list_articles(
        session=shipped, framework=crc(shipped), offset=50, limit=10
    )
    assert total == 54
    assert [article.number for article in items] == ["51", "52", "53", "54"]
    assert {article.part for article in items} == {"Part III"}


def test_get_article_and_a_missing_one(shipped):
    article = service.get_article(session=shipped, framework=crc(shipped), number="12")
    assert article.topic and "views" in article.text
    with pytest.raises(NotFound, match=r"CRC has no article 55\."):
        service.get_article(session=shipped, framework=crc(shipped), number="55")


def test_search_matches_every_word_in_any_case(shipped):
    hits = service.search_articles(session=shipped, framework=crc(shipped), q="BEST Interests")
    numbers = [hit.article.number for hit in hits]
    assert numbers[0] == "3" and "21" in numbers
    assert "best interests" in hits[0].snippet.lower()
    assert len(hits[0].snippet) <= service.SNIPPET_CHARS + 2


def test_search_looks_at_titles_and_topics(shipped):
    hits = service.search_articles(session=shipped, framework=crc(shipped), q="definition")
    assert [hit.article.number for hit in hits] == ["1"]
    assert "definition" not in hits[0].article.text.lower()
    crpd = service.get_framework(session=shipped, code="CRPD")
    titled = service.search_articles(session=shipped, framework=crpd, q="Accessibility")
    assert [hit.article.number for hit in titled] == ["3", "9", "31"]


def test_search_without_a_match_or_words(shipped):
    assert service.search_articles(session=shipped, framework=crc(shipped), q="spaceship") == []
    assert service.search_articles(session=shipped, framework=crc(shipped), q="   ") == []


def test_snippet_marks_what_it_leaves_out():
    text = " ".join(f"word{i}" for i in range(200)) + " needle " + "tail " * 100
    cut = service.snippet(text, ["needle"], width=60)
    assert cut.startswith("…") and cut.endswith("…") and "needle" in cut
    assert service.snippet("Short text.", ["short"]) == "Short text."


def test_recommendation_sets_and_their_counts(shipped):
    rows = service.list_recommendation_sets(session=shipped)
    assert [(rec_set.code, rec_set.mechanism, count) for rec_set, count in rows] == [
        ("TKM-UPR", "UPR", 226)
    ]


def test_recommendations_filtered_by_set_and_words(shipped):
    upr = service.get_recommendation_set(session=shipped, code="TKM-UPR")
    items, total = service.list_recommendations(
        session=shipped, recommendation_set=upr, q="Torture", offset=0, limit=200
    )
    assert 0 < total == len(items) < 226
    assert all("torture" in item.text.lower() for item in items)
    first, _ = service.list_recommendations(session=shipped, offset=0, limit=2)
    assert [item.number for item in first] == ["A/HRC/10/79 para. 69.1", "A/HRC/10/79 para. 69.2"]
    _, none = service.list_recommendations(session=shipped, q="100%", offset=0, limit=5)
    assert none == 0


def test_get_recommendation_and_a_missing_one(shipped):
    upr = service.get_recommendation_set(session=shipped, code="TKM-UPR")
    item = service.get_recommendation(
        session=shipped, recommendation_set=upr, number="A/HRC/24/3 para. 112.37"
    )
    assert item.details["footnote"].startswith("The recommendation as read")
    with pytest.raises(NotFound, match=r"TKM-UPR has no recommendation 1\."):
        service.get_recommendation(session=shipped, recommendation_set=upr, number="1")
    with pytest.raises(NotFound, match=r"There is no recommendation set with the code UPR\."):
        service.get_recommendation_set(session=shipped, code="UPR")
