"""Where each version stands on a day, from statuses, effective dates and successors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from drafts.standing import first_effective, in_force_on, standings


@dataclass
class V:
    number: int
    status: str
    effective_date: date | None = None


HISTORY = [
    V(1, "in_force", date(2021, 1, 1)),
    V(2, "in_force", date(2024, 1, 1)),
    V(3, "in_force", date(2099, 1, 1)),
    V(4, "draft"),
    V(5, "adopted"),
]


def states(versions, on):
    return {n: s.state for n, s in standings(versions, on).items()}


def test_a_successor_in_force_supersedes_its_predecessor():
    marks = standings(HISTORY, date(2025, 6, 1))
    assert {n: s.state for n, s in marks.items()} == {
        1: "superseded",
        2: "in_force",
        3: "not_yet_in_force",
        4: "draft",
        5: "not_yet_in_force",
    }
    assert marks[1].since == date(2021, 1, 1) and marks[1].until == date(2023, 12, 31)
    assert in_force_on(HISTORY, date(2025, 6, 1)) == 2


def test_before_the_first_version_nothing_is_in_force():
    assert states(HISTORY, date(2020, 1, 1))[1] == "not_yet_in_force"
    assert in_force_on(HISTORY, date(2020, 1, 1)) is None
    assert first_effective(HISTORY).number == 1


def test_the_same_day_goes_to_the_higher_number_and_a_repeal_ends_the_text():
    same_day = [V(1, "in_force", date(2021, 1, 1)), V(2, "in_force", date(2021, 1, 1))]
    assert states(same_day, date(2022, 1, 1)) == {1: "superseded", 2: "in_force"}
    repealed = [V(1, "in_force", date(2021, 1, 1)), V(2, "repealed", date(2023, 1, 1))]
    assert states(repealed, date(2022, 1, 1)) == {1: "in_force", 2: "not_yet_in_force"}
    assert states(repealed, date(2024, 1, 1)) == {1: "superseded", 2: "repealed"}
    assert in_force_on(repealed, date(2024, 1, 1)) is None
