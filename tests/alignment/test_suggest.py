import pytest

from alignment.indexing import rebuild
from alignment.search import SearchDocument, SearchIndex
from alignment.suggest import suggest_articles, suggest_provisions, topics_of
from frameworks.loader import load_shipped
from tests.conftest import SYSTEM


@pytest.fixture
def treaties(db, tmp_path) -> SearchIndex:
    load_shipped(db, actor=SYSTEM)
    index = SearchIndex.create(tmp_path / "search")
    rebuild(db, index)
    return index


def test_topics_are_found_in_any_language():
    found = {word for _, word in topics_of("Инвалиды имеют право на реабилитацию.")}
    assert found == {"инвалиды", "реабилитацию"}
    assert topics_of("Nothing here at all.") == []


@pytest.mark.parametrize(
    ("text", "article"),
    [
        (
            "In all decisions about a child, the best interests of the child come first.",
            "CRC:3",
        ),
        (
            "Buildings, transport and information shall be accessible to persons with disabilities",
            "CRPD:9",
        ),
        ("Primary education is compulsory and free of charge for every child.", "CRC:28"),
        ("Инвалиды имеют право на абилитацию и реабилитацию.", "CRPD:26"),
    ],
)
def test_the_right_article_comes_first(treaties, text, article):
    suggestions = suggest_articles(treaties, text=text, limit=5)
    assert suggestions[0].document.article == article
    assert suggestions[0].matched_terms
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_suggestions_keep_to_one_framework(treaties):
    suggestions = suggest_articles(treaties, text="Women receive equal pay.", framework="CEDAW")
    assert {s.document.framework for s in suggestions} == {"CEDAW"}


def test_provisions_of_a_version_are_ranked_for_an_article(tmp_path):
    index = SearchIndex.create(tmp_path / "search")
    docs = [
        ("r:1", "en", "Schools admit every child free of charge."),
        ("r:2", "en", "The ministry publishes an annual report."),
        ("r:3", "ru", "Инвалиды имеют право на реабилитацию."),
        ("r:4", "ru", "Министерство публикует ежегодный доклад."),
    ]
    index.add(
        SearchDocument(doc_id, "provision", language, "", text, instrument_id="1",
                       version_from=1)
        for doc_id, language, text in docs
    )  # fmt: skip
    english = suggest_provisions(
        index, text="The right of the child to free education in schools.", instrument_id=1,
        version=1, language="en",
    )  # fmt: skip
    assert english[0].document.doc_id == "r:1"
    russian = suggest_provisions(
        index, text="Habilitation and rehabilitation of persons with disabilities.",
        instrument_id=1, version=1, language="ru",
    )  # fmt: skip
    assert [s.document.doc_id for s in russian] == ["r:3"]
    assert russian[0].matched_terms
