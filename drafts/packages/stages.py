"""The stages of a draft and who may move it from one to the next: one table."""

from __future__ import annotations

from typing import Literal, get_args

from drafts.permissions import STAGE_PARLIAMENT, STAGE_PREPARE

Stage = Literal[
    "drafting",
    "working_group",
    "consultation",
    "submitted",
    "first_reading",
    "second_reading",
    "adopted",
    "in_force",
    "withdrawn",
]
STAGES: tuple[str, ...] = get_args(Stage)
BEFORE_ADOPTION = STAGES[: STAGES.index("adopted")]
FINAL = frozenset({"in_force", "withdrawn"})
REVIEW = STAGES[STAGES.index("working_group") : STAGES.index("adopted")]
"""The stages in which amendments are accepted or rejected: from the working group to the
second reading."""

TRANSITIONS: dict[tuple[str, str], str] = {
    ("drafting", "working_group"): STAGE_PREPARE,
    ("working_group", "drafting"): STAGE_PREPARE,
    ("working_group", "consultation"): STAGE_PREPARE,
    ("consultation", "working_group"): STAGE_PREPARE,
    ("consultation", "submitted"): STAGE_PREPARE,
    ("submitted", "first_reading"): STAGE_PARLIAMENT,
    ("first_reading", "second_reading"): STAGE_PARLIAMENT,
    ("second_reading", "adopted"): STAGE_PARLIAMENT,
    ("adopted", "in_force"): STAGE_PARLIAMENT,
    **{(stage, "withdrawn"): STAGE_PREPARE for stage in BEFORE_ADOPTION},
}
"""(from, to) → the permission the move needs."""


def allowed_moves(stage: str) -> list[str]:
    return [to for (frm, to) in TRANSITIONS if frm == stage]


def version_status(stage: str) -> str:
    """The status of the versions a consolidation gives in `stage`: "adopted" and "in_force"
    once the draft is adopted or in force, "draft" before."""
    return stage if stage in ("adopted", "in_force") else "draft"
