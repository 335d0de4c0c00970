"""The set-similarity join that finds texts said nearly word for word elsewhere: the same
answers as comparing every pair."""

from hypothesis import given, settings
from hypothesis import strategies as st

from drafts import worddiff
from drafts.matching_texts import most_alike

RULE = worddiff.word_set("The Secretary shall publish the allocations within ninety days.")
GRANT = worddiff.word_set("For an additional amount for the Social Services Block Grant.")


def test_the_most_alike_text_of_the_same_kind_above_the_threshold():
    near = RULE | {"enactment"}
    queries = [(1, "section", RULE), (2, "section", GRANT), (3, "point", RULE)]
    pool = [
        (10, "section", GRANT | {"child", "care", "development"}),
        (11, "section", near),
        (12, "section", RULE),
    ]
    assert most_alike(queries, pool, 0.9) == {1: 12}
    assert most_alike(queries, pool, 0.8) == {1: 12, 2: 10}


WORDS = st.frozensets(st.sampled_from("abcdefghijklmnopqrst"), min_size=1, max_size=12)
TEXTS = st.lists(st.tuples(st.sampled_from(["section", "point"]), WORDS), max_size=12)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS, st.sampled_from([0.6, 0.75, 0.9]))
def test_the_same_answers_as_every_pair(queries, pool, threshold):
    queries = [(i, kind, words) for i, (kind, words) in enumerate(queries)]
    pool = [(100 + j, kind, words) for j, (kind, words) in enumerate(pool)]
    found = most_alike(queries, pool, threshold)
    for query, kind, words in queries:
        scores = [
            worddiff.word_set_similarity(words, other)
            for _, other_kind, other in pool
            if other_kind == kind
        ]
        best = max((s for s in scores if s >= threshold), default=None)
        if best is None:
            assert query not in found
        else:
            other = next(w for p, _, w in pool if p == found[query])
            assert worddiff.word_set_similarity(words, other) == best
