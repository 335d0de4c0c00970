"""Ranking treaty articles for a provision (and provisions for an article) in memory, with the
evidence a lawyer reads, and the concept lists it rests on."""

import pytest

from alignment.concepts import ConceptIndex, strongest
from alignment.decisions import Decision, Memory
from alignment.passages import article_passages
from alignment.suggest import ArticleText, Catalogue, RecommendationText
from alignment.suggest_provisions import ProvisionText, suggest_provisions
from alignment.wording import words
from frameworks.concepts import read_concepts, shipped_concepts
from frameworks.loader import DATA, SHIPPED_FRAMEWORKS
from frameworks.readers import read_framework, read_json


def shipped_articles() -> list[ArticleText]:
    found = []
    for name in SHIPPED_FRAMEWORKS:
        data = read_framework(read_json((DATA / name).read_bytes()))
        found += [
            ArticleText(data.code, a.number, a.title, a.topic, a.text, a.procedural)
            for a in data.articles
        ]
    return found


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    recommendations = [
        RecommendationText(1, "SET", "1", "Ensure access to inclusive education for children."),
        RecommendationText(2, "SET", "2", "Ratify the Optional Protocol on communications."),
    ]
    return Catalogue(shipped_articles(), recommendations, shipped_concepts())


def test_filler_and_numbers_are_never_evidence():
    text = "States Parties shall make an order under Article 12(1)(a) of the Law of 2021"
    assert [word.surface for word in words(text, "en")] == []
    assert [w.surface for w in words("Статья 5. Настоящий Закон о детях", "ru")] == ["детях"]


@pytest.mark.parametrize(
    ("text", "language", "article"),
    [
        ("In all decisions about a child, his or her best interests come first.", "en", "CRC:3"),
        ("Buildings, roads and transport shall be accessible to disabled people.", "en", "CRPD:9"),
        ("Primary education is compulsory and free of charge for every child.", "en", "CRC:28"),
        ("The court shall ascertain the wishes and feelings of the child.", "en", "CRC:12"),
        ("A person may appeal against the decision to a tribunal.", "en", "CRPD:13"),
        ("Инвалиды имеют право на абилитацию и реабилитацию.", "ru", "CRPD:26"),
        ("Kinder haben ein Recht auf gewaltfreie Erziehung.", "de", "CRC:19"),
        ("Das Kind hat das Recht auf Umgang mit jedem Elternteil.", "de", "CRC:9"),
    ],
)  # fmt: skip
def test_the_right_article_comes_first(catalogue, text, language, article):
    ranked = catalogue.suggest_articles(text, language=language, limit=5).items
    assert ranked[0].key == article
    assert ranked[0].matched_terms
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)


def test_ordinary_legal_words_fire_no_concept(catalogue):
    found = catalogue.concepts.hits(
        words("The public officer shall hear the proceeding without prejudice to fraud.", "en"),
        "en",
    )
    assert {hit.concept.article for hit in found} == set()
    barring = catalogue.suggest_articles("An emergency barring order may be made.", language="en")
    barring = barring.items
    assert barring[0].key == "CEDAW:2"
    assert barring[0].evidence[0].provision_words == ("emergency", "barring")


def test_evidence_names_the_passage_the_concept_and_both_texts_words(catalogue):
    text = "Buildings, roads and other facilities shall be accessible; signs shall be in Braille."
    first = catalogue.suggest_articles(text, language="en", limit=1).items[0]
    assert first.key == "CRPD:9" and first.passage in {"9(1)", "9(2)(d)"}
    concepts = {item.concept: item for item in first.evidence if item.concept}
    assert concepts, first.evidence
    for item in first.evidence:
        assert item.provision_words
        assert all(
            word.casefold() not in {"shall", "article", "12"} for word in item.provision_words
        )
    assert any(item.target_words for item in first.evidence)
    assert all("own words" in source or "/" in source or "General" in source
               for item in concepts.values() for source in item.sources)  # fmt: skip


def test_procedural_articles_are_never_suggested(catalogue):
    text = (
        "The Committee shall consist of experts; States Parties submit reports to the Committee "
        "on the measures adopted, through the Secretary-General of the United Nations."
    )
    keys = [item.key for item in catalogue.suggest_articles(text, language="en", limit=20).items]
    procedural = {a.key for a in shipped_articles() if a.procedural}
    assert len(procedural) == 12 + 17 + 14
    assert not set(keys) & procedural


def test_suggestions_keep_to_one_framework(catalogue):
    ranked = catalogue.suggest_articles(
        "Women receive equal pay.", language="en", framework="CEDAW"
    ).items
    assert ranked and {item.key.split(":")[0] for item in ranked} == {"CEDAW"}


def test_a_long_provision_is_scored_by_its_best_part(catalogue):
    boilerplate = (
        "In section 3 of the Principal Act, for the words omit the words and substitute. " * 120
    )
    text = (
        boilerplate
        + "Sign language interpreters and readers shall be provided in public buildings. "
        + boilerplate
    )
    ranked = catalogue.suggest_articles(text, language="en", limit=3).items
    assert ranked[0].key == "CRPD:9" and ranked[0].passage == "9(2)(e)"


def test_recommendations_are_ranked_by_words_and_shared_concepts(catalogue):
    ranked = catalogue.suggest_recommendations(
        "Дети-инвалиды получают инклюзивное образование.", language="ru"
    ).items
    assert ranked[0].key == "SET:1"


def test_decisions_on_similar_provisions_vote_and_say_so(catalogue):
    said = "Foster carers receive a monthly allowance for the child."
    confirmed = Decision(
        "p1", 7, said, "en", "CRC:27", True, "implements", "Paragraph 2 of Article 7", "Law"
    )
    rejected = Decision("p2", 7, "Foster carers receive training.", "en", "CRC:20", False,
                        "implements", "Article 8", "Law")  # fmt: skip
    memory = Memory([confirmed, rejected], catalogue.concepts)
    text = "Foster carers receive an allowance for each child placed with them."
    votes = memory.votes(text, language="en", provision_id="p3", instrument_id=7)
    assert votes.scores["CRC:27"] > 0
    assert [str(r) for r in votes.reasons["CRC:27"]] == [
        "confirmed for Paragraph 2 of Article 7 of this law"
    ]
    assert votes.scores["CRC:20"] < 0
    before = [item.key for item in catalogue.suggest_articles(text, language="en", limit=20).items]
    after = catalogue.suggest_articles(text, language="en", votes=votes, limit=20).items
    raised = next(item for item in after if item.key == "CRC:27")
    assert raised.reasons == votes.reasons["CRC:27"]
    was = before.index("CRC:27") if "CRC:27" in before else len(before)
    assert [item.key for item in after].index("CRC:27") < was
    own = memory.votes("Foster carers receive training.", language="en", provision_id="p2")
    assert own.scores["CRC:20"] <= -2
    assert "rejected for this provision" in [str(r) for r in own.reasons["CRC:20"]]
    elsewhere = memory.votes(text, language="en", provision_id="p3", instrument_id=8)
    assert [str(r) for r in elsewhere.reasons["CRC:27"]] == [
        "confirmed for Paragraph 2 of Article 7 of Law"
    ]


def test_provisions_of_a_version_are_ranked_for_an_article(catalogue):
    english = [
        ProvisionText("a", "1", "Schools admit every child free of charge."),
        ProvisionText("b", "2", "The ministry publishes an annual report."),
    ]
    ranked = suggest_provisions(
        catalogue, article="CRC:28", provisions=english, language="en"
    ).items
    assert [item.key for item in ranked] == ["a"] and ranked[0].matched_terms
    russian = [
        ProvisionText("c", "1", "Инвалиды имеют право на реабилитацию."),
        ProvisionText("d", "2", "Министерство публикует ежегодный доклад."),
    ]
    ranked = suggest_provisions(
        catalogue, article="CRPD:26", provisions=russian, language="ru"
    ).items
    assert [item.key for item in ranked] == ["c"]
    assert ranked[0].evidence[0].concept == "habilitation and rehabilitation"


@pytest.mark.parametrize("rank", ["articles", "recommendations", "provisions"])
def test_a_ranking_is_read_in_windows_and_counts_every_candidate(catalogue, rank):
    """Windows of a ranking follow each other without a gap or a repeat; `total` counts every
    candidate that scored, whichever window is read."""
    text = (
        "Children with disabilities receive free education, health care and rehabilitation; "
        "the Optional Protocol on communications is ratified."
    )
    provisions = [
        ProvisionText(str(n), str(n), words)
        for n, words in enumerate(
            ["Schools admit every child free of charge.", "Education is free for all pupils.",
             "The ministry publishes an annual report.", "Primary school is compulsory."]
        )
    ]  # fmt: skip

    def ranked(offset: int, limit: int):
        if rank == "articles":
            return catalogue.suggest_articles(text, language="en", offset=offset, limit=limit)
        if rank == "recommendations":
            window = {"offset": offset, "limit": limit}
            return catalogue.suggest_recommendations(text, language="en", **window)
        return suggest_provisions(
            catalogue,
            article="CRC:28",
            provisions=provisions,
            language="en",
            offset=offset,
            limit=limit,
        )

    whole = ranked(0, 100)
    assert 1 < whole.total == len(whole.items) < 100
    pieces = [ranked(offset, 1) for offset in range(whole.total + 1)]
    assert {piece.total for piece in pieces} == {whole.total}
    assert [item.key for piece in pieces for item in piece.items] == [
        item.key for item in whole.items
    ]
    assert pieces[-1].items == []


def test_every_substantive_article_has_concepts_and_every_passage_exists():
    articles = {a.key: a for a in shipped_articles()}
    concepts = shipped_concepts()
    ConceptIndex(concepts)  # every term compiles
    with_concepts = {concept.article for concept in concepts}
    substantive = {key for key, article in articles.items() if not article.procedural}
    assert substantive - with_concepts == set()
    assert with_concepts - substantive == set()
    for concept in concepts:
        article = articles[concept.article]
        labels = {
            p.label for p in article_passages(article.framework, article.number, article.text)
        }
        if concept.passage:
            assert f"{article.number}({concept.passage})" in labels, concept
        assert concept.sources and concept.terms


def test_a_concept_list_naming_an_unknown_source_is_refused():
    from drafts.errors import InvalidInput

    concept = {"concept": "thing", "sources": ["GC 99"], "en": ["thing"]}
    raw = {"treaty": "X", "sources": {"article": "own words"}, "articles": {"1": [concept]}}
    with pytest.raises(InvalidInput, match="GC 99"):
        read_concepts(raw)
    assert strongest([]) == {}
