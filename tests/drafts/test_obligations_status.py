"""The status of an obligation follows its links and the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from drafts.obligations_status import Work, status, summary

TODAY = date(2026, 6, 1)
PAST, FUTURE = date(2026, 5, 31), date(2026, 6, 1)


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        (Work("proposed", PAST, None, False), None),
        (Work("rejected", None, "drafting", True), None),
        (Work("confirmed", None, None, False), "not_started"),
        (Work("confirmed", FUTURE, None, False), "not_started"),
        (Work("confirmed", FUTURE, "working_group", False), "drafting"),
        (Work("confirmed", FUTURE, "withdrawn", False), "not_started"),
        (Work("confirmed", PAST, "consultation", False), "overdue"),
        (Work("confirmed", PAST, None, False), "overdue"),
        (Work("confirmed", PAST, "adopted", False), "adopted"),
        (Work("confirmed", PAST, "in_force", False), "adopted"),
        (Work("confirmed", PAST, None, True), "adopted"),
    ],
)
def test_status_follows_the_work(work, expected):
    assert status(work, TODAY) == expected


def test_summary_counts_the_confirmed():
    counts = summary(["adopted", "drafting", None, "overdue", "adopted"])
    assert counts == {
        "required": 4,
        "not_started": 0,
        "drafting": 1,
        "adopted": 2,
        "overdue": 1,
    }
