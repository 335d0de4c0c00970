import contextlib
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.search import SearchDocument, SearchFilters, SearchIndex
from alignment.search_analysis import turkmen_stem
from drafts.errors import Conflict, InvalidInput

DOCS = (
    SearchDocument(
        "rev:1", "provision", "en", "Right to education", "Every child has the right to education.",
        instrument_id="law:1", version_from=1, version_to=3, valid_from=date(2020, 1, 1),
        valid_to=date(2022, 1, 1), status="in_force", eid="art_5", provision_id="prov:5",
    ),
    SearchDocument(
        "rev:2", "provision", "en", "Right to education",
        "Every child has the right to free primary education.", instrument_id="law:1",
        version_from=3, valid_from=date(2022, 1, 1), status="in_force", eid="art_5",
        provision_id="prov:5",
    ),
    SearchDocument(
        "rev:3", "provision", "en", "Equal pay", "Women and men receive equal pay for equal work.",
        instrument_id="law:2", version_from=1, valid_from=date(2019, 5, 1), status="in_force",
        framework="CEDAW",
    ),
    SearchDocument(
        "rev:4", "provision", "ru", "Защита детей", "Государство защищает права детей.",
        instrument_id="law:1", version_from=1, status="in_force",
    ),
    SearchDocument(
        "rev:5", "provision", "ru", "Пособия", "Пособие выплачивается детям ежемесячно.",
        instrument_id="law:1", version_from=2, status="draft",
    ),
    SearchDocument(
        "rev:6", "provision", "tk", "Çagalaryň hukuklary",
        "Çagalaryň hukuklary döwlet tarapyndan goralýar.", instrument_id="law:3",
        version_from=1, status="in_force",
    ),
    SearchDocument(
        "rev:7", "provision", "tk", "Sosial kömek", "Sosial kömek pullary her aý tölenýär.",
        instrument_id="law:3", version_from=1, status="in_force",
    ),
    SearchDocument(
        "art:CRC:3", "article", "en", "Best interests of the child",
        "In all actions concerning children, the best interests of the child shall be a primary "
        "consideration.", framework="CRC", article="CRC:3",
    ),
    SearchDocument(
        "art:CRC:12", "article", "en", "Respect for the views of the child",
        "The child who is capable of forming his or her own views has the right to express those "
        "views freely and to be heard in proceedings affecting the child.",
        framework="CRC", article="CRC:12",
    ),
    SearchDocument(
        "art:CRC:28", "article", "en", "Right to education",
        "The right of the child to education: primary education shall be compulsory and "
        "available free to all.", framework="CRC", article="CRC:28",
    ),
    SearchDocument(
        "art:CRPD:24", "article", "en", "Education",
        "Persons with disabilities have the right to an inclusive education system at all levels.",
        framework="CRPD", article="CRPD:24",
    ),
    SearchDocument(
        "art:CRC:3:ru", "article", "ru", "Наилучшие интересы ребёнка",
        "Во всех действиях в отношении детей первоочередное внимание уделяется наилучшему "
        "обеспечению интересов ребёнка.", framework="CRC", article="CRC:3",
    ),
    SearchDocument(
        "rec:1", "recommendation", "en", "Concluding observation",
        "The Committee recommends <script>alert('x')</script> & more support for families.",
        framework="CRC",
    ),
)  # fmt: skip
IDS = {doc.doc_id for doc in DOCS}
ARTICLES_EN = ("art:CRC:3", "art:CRC:12", "art:CRC:28")


@pytest.fixture
def index(db) -> SearchIndex:
    search_index = SearchIndex(db)
    search_index.clear()
    search_index.add(DOCS)
    return search_index


@pytest.fixture
def fresh(index) -> SearchIndex:
    return index


def found(index: SearchIndex, query: str, **filters) -> set[str]:
    results = index.search(query, filters=SearchFilters(**filters), per_page=100)
    return {hit.document.doc_id for hit in results.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("children", {"rev:1", "rev:2", "art:CRC:3", "art:CRC:12", "art:CRC:28"}),
        ("Child", {"rev:1", "rev:2", "art:CRC:3", "art:CRC:12", "art:CRC:28"}),
        ("woman", {"rev:3"}),
        ("детей", {"rev:4", "rev:5", "art:CRC:3:ru"}),
        ("дети", {"rev:4", "rev:5", "art:CRC:3:ru"}),
        ("ребенка", {"art:CRC:3:ru"}),
        ("cagalar", {"rev:6"}),
        ("çagalaryň", {"rev:6"}),
        ("ÇAGA", {"rev:6"}),
        ("hukuk", {"rev:6"}),
        ("hukugy", {"rev:6"}),
        ("sosial", {"rev:7"}),
        ("Sosial komek", {"rev:7"}),
        ('"best interests"', {"art:CRC:3"}),
        ('"interests best"', set()),
        ('"free primary education"', {"rev:2"}),
        ('"primary education"', {"rev:2", "art:CRC:28"}),
        ('"education free"', set()),
        ('"free education"', set()),
        ('"primary education free"', set()),
        ('title:"right to education"', {"rev:1", "rev:2", "art:CRC:28"}),
        ('"правах детей"', {"rev:4"}),
        ('"детей права"', set()),
        ('"sosial kömek"', {"rev:7"}),
        ("title:views", {"art:CRC:12"}),
        ("text:views", {"art:CRC:12"}),
        ("education framework:crc", {"art:CRC:28"}),
        ("education framework:CRPD", {"art:CRPD:24"}),
        ('article:"CRC:3"', {"art:CRC:3", "art:CRC:3:ru"}),
        ("type:recommendation", {"rec:1"}),
        ("child NOT education", {"art:CRC:3", "art:CRC:12"}),
        ("pay OR disabilities", {"rev:3", "art:CRPD:24"}),
        ("edu*", {"rev:1", "rev:2", "art:CRC:28", "art:CRPD:24"}),
        ("the", set()),
        ("  ", IDS),
    ],
)
def test_search_finds(index, query, expected):
    assert found(index, query) == expected


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "article"}, {"art:CRC:3", "art:CRC:12", "art:CRC:28", "art:CRC:3:ru"}),
        ({"language": "ru"}, {"rev:4", "rev:5", "art:CRC:3:ru"}),
        ({"instrument_id": "law:1", "language": "en"}, {"rev:1", "rev:2"}),
        ({"instrument_id": "LAW:1", "version": 1}, {"rev:1", "rev:4"}),
        ({"instrument_id": "law:1", "version": 2}, {"rev:1", "rev:4", "rev:5"}),
        ({"instrument_id": "law:1", "version": 3}, {"rev:2", "rev:4", "rev:5"}),
        ({"instrument_id": "law:1", "version": 99}, {"rev:2", "rev:4", "rev:5"}),
        ({"language": "en", "as_at": date(2021, 12, 31)}, {"rev:1", *ARTICLES_EN}),
        ({"language": "en", "as_at": date(2022, 1, 1)}, {"rev:2", *ARTICLES_EN}),
        ({"instrument_id": "law:1", "language": "en", "as_at": date(2019, 12, 31)}, set()),
        (
            {"framework": "crc", "type": "article"},
            {"art:CRC:3", "art:CRC:12", "art:CRC:28", "art:CRC:3:ru"},
        ),
        ({"framework": "CRC", "language": "en"}, set(ARTICLES_EN)),
        ({"article": "CRC:3"}, {"art:CRC:3", "art:CRC:3:ru"}),
        ({"status": "in_force"}, {"rev:1", "rev:2", "rev:4"}),
        ({"status": "draft", "type": "provision", "language": "ru"}, {"rev:5"}),
    ],
)
def test_search_filters(index, filters, expected):
    assert found(index, "child OR детей", **filters) == expected


def test_blank_query_lists_what_the_filters_keep(index):
    assert found(index, "", language="ru", status="draft") == {"rev:5"}


def test_facets_count_the_whole_result_set(index):
    results = index.search("child OR детей", per_page=1)
    assert results.total == 8
    assert len(results.hits) == 1
    assert results.facets["type"] == {"provision": 4, "article": 4}
    assert results.facets["language"] == {"en": 5, "ru": 3}
    assert results.facets["instrument_id"] == {"law:1": 4}
    assert results.facets["framework"] == {"CRC": 4}
    assert results.facets["status"] == {"in_force": 3, "draft": 1}


def test_snippets_mark_matches_and_escape_the_rest(index):
    (hit,) = index.search("script").hits
    assert "<script" not in hit.snippet
    assert "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)&lt;/<mark>script</mark>&gt;" in (
        hit.snippet
    )
    assert "&amp; more" in hit.snippet


def test_snippet_without_a_match_in_the_text_is_its_escaped_start(index):
    (hit,) = index.search("type:recommendation").hits
    assert hit.snippet.startswith("The Committee recommends &lt;script&gt;")
    assert "<mark>" not in hit.snippet


def test_pagination(index):
    pages = [index.search("child", page=page, per_page=2) for page in (1, 2, 3, 4)]
    assert [len(page.hits) for page in pages] == [2, 2, 1, 0]
    assert {page.total for page in pages} == {5}
    assert pages[0].pages == 3
    ids = [hit.document.doc_id for page in pages for hit in page.hits]
    assert len(set(ids)) == 5
    scores = [hit.score for page in pages for hit in page.hits]
    assert scores == sorted(scores, reverse=True)


def test_hits_carry_the_whole_document(index):
    (hit,) = index.search('"free primary education"').hits
    assert hit.document == DOCS[1]
    assert hit.score > 0


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"best interests', "quote"),
        ("(child OR education", "opens a bracket"),
        ("child)", "closes a bracket"),
        ("colour:red", 'unknown field "colour"'),
        ("article:CRC:3", 'unknown field "CRC"'),
        ("x" * 501, "too long"),
    ],
)
def test_bad_queries_are_invalid_input(index, query, message):
    with pytest.raises(InvalidInput, match=message) as raised:
        index.search(query)
    assert raised.value.detail.endswith(".")


@pytest.mark.parametrize(("page", "per_page"), [(0, 20), (1, 0), (1, 101), (-1, 5)])
def test_bad_pages_are_invalid_input(index, page, per_page):
    with pytest.raises(InvalidInput):
        index.search("child", page=page, per_page=per_page)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from('ab çд:"()*?~^[]{}-+!/\\ ANDORNOT'), max_size=30))
def test_any_query_gives_results_or_invalid_input(index, query):
    with contextlib.suppress(InvalidInput):
        index.search(query)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SearchDocument("x", "law", "en", "", ""), "Unknown type"),
        (lambda: SearchDocument("x", "provision", "de", "", ""), "Unknown language"),
        (lambda: SearchDocument("", "provision", "en", "", ""), "doc_id"),
        (
            lambda: SearchDocument("x", "provision", "en", "", "", version_from=3, version_to=3),
            "version_to",
        ),
        (
            lambda: SearchDocument(
                "x", "provision", "en", "", "", valid_from=date(2020, 1, 2),
                valid_to=date(2020, 1, 1),
            ),
            "valid_to",
        ),
        (lambda: SearchFilters(type="law"), "Unknown type"),
        (lambda: SearchFilters(language="fr"), "Unknown language"),
    ],
)  # fmt: skip
def test_bad_documents_and_filters_are_invalid_input(make, message):
    with pytest.raises(InvalidInput, match=message):
        make()


def test_count_and_doc_ids(index):
    assert index.count() == len(DOCS)
    assert index.doc_ids() == IDS


def test_delete(fresh):
    assert fresh.delete(["rev:1", "art:CRC:3", "missing"]) == 2
    assert fresh.count() == len(DOCS) - 2
    assert "rev:1" not in fresh.doc_ids()
    assert found(fresh, '"best interests"') == set()


def test_replace_updates_and_adds(fresh):
    changed = SearchDocument(
        "rev:1", "provision", "en", "Schooling", "Every child may attend school.",
        instrument_id="law:1", version_from=1, version_to=3,
    )  # fmt: skip
    new = SearchDocument("rev:9", "amendment", "en", "Amendment 1", "Replace school by college.")
    fresh.replace([changed, new])
    assert fresh.count() == len(DOCS) + 1
    assert found(fresh, "school") == {"rev:1", "rev:9"}
    assert found(fresh, "education", instrument_id="law:1", version=1) == set()


def test_add_refuses_a_doc_id_already_there(fresh):
    with pytest.raises(Conflict, match="rev:1"):
        fresh.add([DOCS[0]])
    twice = SearchDocument("rev:8", "provision", "en", "", "")
    with pytest.raises(Conflict, match="rev:8"):
        fresh.add([twice, twice])
    assert fresh.doc_ids() == IDS


def test_an_empty_index_finds_nothing(db):
    empty = SearchIndex(db)
    empty.clear()
    assert empty.search("child").total == 0
    assert empty.doc_ids() == set()


def test_clear(fresh):
    fresh.clear()
    assert fresh.count() == 0
    assert fresh.doc_ids() == set()
    assert found(fresh, "child") == set()


def test_a_searcher_sees_later_commits(fresh):
    assert found(fresh, "college") == set()
    fresh.replace([SearchDocument("rev:9", "amendment", "en", "", "Go to college.")])
    assert found(fresh, "college") == {"rev:9"}


KEPT = SearchDocument("kept:1", "amendment", "en", "", "Kept for the stamp.")


@pytest.mark.parametrize(
    ("change", "commit", "stamped"),
    [
        (lambda index: index.add([DOCS[0]]), True, True),
        (lambda index: index.add([DOCS[0]]), False, False),
        (lambda index: index.replace([KEPT, DOCS[0]]), True, True),
        (lambda index: index.delete(["kept:1"]), True, True),
        (lambda index: index.delete(["missing"]), True, False),
        (lambda index: index.search("child"), True, False),
        (lambda index: index.clear(), True, True),
        (lambda index: index.clear(), False, False),
    ],
)
def test_each_committed_change_stamps_the_documents_anew(sessions, change, commit, stamped):
    with sessions() as session:
        index = SearchIndex(session)
        index.clear()
        index.add([KEPT])
        session.commit()
        before = index.stamp()
        change(index)
        session.commit() if commit else session.rollback()
        after = index.stamp()
        assert (after != before) == stamped
        index.add([SearchDocument("kept:2", "amendment", "en", "", "Another change.")])
        session.commit()
        assert index.stamp() not in (before, after), "each transaction stamps anew"


def test_a_stamp_is_never_given_again_after_a_rollback(sessions):
    """A count would: the rolled back transaction's number is the next one's too, for other
    documents (and so after a database is restored from a backup)."""
    with sessions() as session:
        index = SearchIndex(session)
        index.add([KEPT])
        rolled_back = index.stamp()
        session.rollback()
        index.add([DOCS[0]])
        session.commit()
        assert index.stamp() != rolled_back


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("hukuk", "hukuk"),
        ("hukugy", "hukuk"),
        ("hukuklary", "hukuk"),
        ("hukuklaryna", "hukuk"),
        ("caga", "cak"),
        ("cagalar", "cak"),
        ("caganyn", "cak"),
        ("cagasy", "cak"),
        ("kanun", "kanu"),
        ("kanunyn", "kanu"),
        ("kanunda", "kanu"),
        ("kitaby", "kitap"),
        ("ene", "ene"),
        ("sosial", "sosial"),
    ],
)
def test_turkmen_stem(word, stem):
    assert turkmen_stem(word) == stem
