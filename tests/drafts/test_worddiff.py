import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafts import worddiff
from drafts.worddiff import changed_fraction, diff, new_text, old_text, similarity, tokenize


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", ()),
        ("well-known rule", ("well-known", " ", "rule")),
        ("in 1.5 days", ("in", " ", "1.5", " ", "days")),
        ("on 2021-10-12.", ("on", " ", "2021-10-12", ".")),
        ("Article 5.", ("Article", " ", "5", ".")),
        ("«Закон»", ("«", "Закон", "»")),
        ('„x“ ‘y’ "z"', ("„", "x", "“", " ", "‘", "y", "’", " ", '"', "z", '"')),
        ("Türkmenistanyň Kanuny", ("Türkmenistanyň", " ", "Kanuny")),
        ("a  \n b", ("a", "  \n ", "b")),
        ("3,5 %", ("3,5", " ", "%")),
    ],
)
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


@pytest.mark.parametrize(
    ("old", "new", "ops"),
    [
        ("", "", ()),
        ("", "New text.", (("insert", "New text."),)),
        ("Old text.", "", (("delete", "Old text."),)),
        ("same", "same", (("equal", "same"),)),
        (
            "The quick fox.",
            "The slow fox.",
            (("equal", "The "), ("delete", "quick"), ("insert", "slow"), ("equal", " fox.")),
        ),
        (
            "rights of the child",
            "rights of every child",
            (("equal", "rights of "), ("delete", "the"), ("insert", "every"), ("equal", " child")),
        ),
        (
            "a, b and c.",
            "a; b and c.",
            (("equal", "a"), ("delete", ","), ("insert", ";"), ("equal", " b and c.")),
        ),
        (
            "Граждане имеют право на труд.",
            "Граждане имеют право на отдых.",
            (
                ("equal", "Граждане имеют право на "),
                ("delete", "труд"),
                ("insert", "отдых"),
                ("equal", "."),
            ),
        ),
        (
            "Her bir çaganyň hukugy bar.",
            "Her bir çaganyň we ýaşlaryň hukugy bar.",
            (("equal", "Her bir çaganyň"), ("insert", " we ýaşlaryň"), ("equal", " hukugy bar.")),
        ),
        (
            "within 10 days",
            "within 15 days",
            (("equal", "within "), ("delete", "10"), ("insert", "15"), ("equal", " days")),
        ),
    ],
    ids=[
        "empty",
        "insert-all",
        "delete-all",
        "same",
        "word",
        "article",
        "punctuation",
        "cyrillic",
        "turkmen",
        "number",
    ],
)
def test_diff(old, new, ops):
    assert diff(old, new) == ops


def test_a_word_is_never_split_into_letters():
    ops = diff("programme", "program")
    assert ops == (("delete", "programme"), ("insert", "program"))


@pytest.mark.parametrize(
    ("ops", "fraction"),
    [
        ((), 0.0),
        ((("equal", "a b c d"),), 0.0),
        ((("delete", "a b"), ("insert", "c d")), 1.0),
        ((("equal", "a b c d "), ("delete", "e"), ("insert", "f")), 0.2),
    ],
)
def test_changed_fraction(ops, fraction):
    assert changed_fraction(ops) == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [("", "", 1.0), ("a b c", "a b c", 1.0), ("a b", "c d", 0.0), ("A b c", "a b d", 2 / 3)],
)
def test_similarity(old, new, expected):
    assert similarity(old, new) == pytest.approx(expected)


ALPHABET = st.sampled_from(
    [*"abcxyzабвгäçňöşüýž019", " ", "  ", "\n", ".", ",", "-", "«", "»", "“", "”", "'"]
)
TEXTS = st.lists(ALPHABET, max_size=40).map("".join)
WORDS = st.lists(
    st.sampled_from(["the", "law", "1.5", "2021-10-12", "çaga", "право", ",", ".", "«", "»"]),
    max_size=15,
).map(" ".join)


def boundaries(ops, skipped):
    position, result = 0, set()
    for op, text in ops:
        if op != skipped:
            position += len(text)
            result.add(position)
    return result


def token_boundaries(text):
    position, result = 0, {0}
    for token in tokenize(text):
        position += len(token)
        result.add(position)
    return result


@given(old=st.one_of(TEXTS, WORDS), new=st.one_of(TEXTS, WORDS))
def test_ops_rebuild_both_texts_and_keep_words_whole(old, new):
    ops = diff(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert all(text for _, text in ops)
    assert boundaries(ops, worddiff.INSERT) <= token_boundaries(old)
    assert boundaries(ops, worddiff.DELETE) <= token_boundaries(new)
    for text, skipped in ((old, worddiff.INSERT), (new, worddiff.DELETE)):
        for cut in boundaries(ops, skipped):
            assert not (text[cut - 1 : cut].isalnum() and text[cut : cut + 1].isalnum())
