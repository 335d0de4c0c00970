"""Every change the diff can report has its words in each language of the documents."""

import pytest

from drafts.diff_statuses import STATUSES, UNCHANGED
from exports.furniture import EN, TABLES, words


@pytest.mark.parametrize("language", sorted(TABLES))
def test_every_change_status_has_a_label(language):
    table = TABLES[language]
    for status in STATUSES:
        if status == UNCHANGED:
            continue
        label = table[f"change.{status}"]
        assert "{count}" in label
        if language != "en":
            assert label != EN[f"change.{status}"], status


def test_counts_are_written_in_the_language_of_the_text():
    summary = {"repealed": 2, "split": 1, "merged": 1, "reformatted": 3, "unchanged": 9}
    assert words("en").change_counts(summary) == "2 repealed, 1 split, 1 merged"
    assert words("ru").change_counts(summary) == ("утратило силу: 2, разделено: 1, объединено: 1")
    assert words("tk").change_counts(summary) == (
        "güýjüni ýitirdi: 2, bölündi: 1, birleşdirildi: 1"
    )
