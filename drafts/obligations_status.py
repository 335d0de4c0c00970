"""Where the work on an obligation stands, derived from what it is linked to and the date.

An obligation people confirmed is `not_started`; `drafting` once linked to a draft package;
`adopted` once linked to the instrument that fulfils it (or when its draft is adopted or in
force); `overdue` when its due date has passed before it was adopted. Nothing of this is
stored: it follows the links and the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NOT_STARTED = "not_started"
DRAFTING = "drafting"
ADOPTED = "adopted"
OVERDUE = "overdue"
STATUSES: tuple[str, ...] = (NOT_STARTED, DRAFTING, ADOPTED, OVERDUE)
REVIEWS: tuple[str, ...] = ("proposed", "confirmed", "rejected")
"""Kanun proposes; people confirm or reject. Only confirmed obligations have a status."""
ADOPTED_STAGES = frozenset({"adopted", "in_force"})
DROPPED_STAGES = frozenset({"withdrawn"})


@dataclass(frozen=True, slots=True)
class Work:
    """What the status of one obligation depends on."""

    review: str
    due_date: date | None
    draft_stage: str | None
    """The stage of the linked draft package, None without one."""
    adopted: bool
    """Linked to the instrument that fulfils it."""


def status(work: Work, today: date) -> str | None:
    """The status of the work on `today`; None for an obligation not confirmed."""
    if work.review != "confirmed":
        return None
    if work.adopted or work.draft_stage in ADOPTED_STAGES:
        return ADOPTED
    if work.due_date is not None and work.due_date < today:
        return OVERDUE
    if work.draft_stage is not None and work.draft_stage not in DROPPED_STAGES:
        return DRAFTING
    return NOT_STARTED


def summary(statuses: list[str | None]) -> dict[str, int]:
    """How many confirmed obligations are in each status, and how many in all."""
    counts = {name: 0 for name in STATUSES}
    for name in statuses:
        if name is not None:
            counts[name] += 1
    return {"required": sum(counts.values()), **counts}
