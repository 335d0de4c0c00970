"""Shapes the API reads and writes for drafts, amendments, comments and meetings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from drafts.amend import AmendmentKind, Position
from drafts.packages.stages import Stage
from drafts.schemas import DiffOut, InstrumentCreate, NodeIn, VersionStatus

Title = Annotated[str, StringConstraints(min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(max_length=50_000)]
ProvisionRef = Annotated[str, StringConstraints(min_length=1, max_length=36)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TargetIn(Strict):
    instrument_id: int
    base_version: int | None = Field(
        default=None, description="Version number the draft amends; the latest when omitted."
    )


class DraftCreate(Strict):
    title: Title
    description: LongText = ""
    targets: list[TargetIn] = Field(default_factory=list, max_length=50)
    members: list[int] = Field(default_factory=list, max_length=200)


class DraftUpdate(Strict):
    title: Title | None = None
    description: LongText | None = None
    members: list[int] | None = Field(default=None, max_length=200)


class NewInstrumentIn(Strict):
    instrument: InstrumentCreate
    provisions: list[NodeIn] = Field(default_factory=list)


class TreatyRef(Strict):
    framework: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    articles: list[Annotated[int, Field(ge=1, le=10_000)]] = Field(min_length=1, max_length=100)


class AmendmentFields(Strict):
    rationale: LongText = ""
    treaty_refs: list[TreatyRef] = Field(default_factory=list, max_length=50)
    provision_id: ProvisionRef | None = None
    anchor_id: ProvisionRef | None = None
    position: Position | None = None
    num: Annotated[str, StringConstraints(max_length=50)] | None = None
    heading: Annotated[str, StringConstraints(max_length=2_000)] | None = None
    text: Annotated[str, StringConstraints(max_length=200_000)] | None = None
    nodes: list[NodeIn] = Field(default_factory=list, max_length=1_000)


class AmendmentCreate(AmendmentFields):
    """Which fields each kind needs is checked by `drafts.amend.Operation`."""

    instrument_id: int
    kind: AmendmentKind


class AmendmentUpdate(AmendmentFields):
    """The new content of a proposed amendment (its kind and instrument stay)."""


class DecisionIn(Strict):
    decision: Literal["accepted", "rejected"]
    note: LongText = ""
    meeting_id: int | None = None


class StageMoveIn(Strict):
    to: Stage
    note: LongText = ""
    meeting_id: int | None = None


class ConsolidateIn(Strict):
    status: VersionStatus | None = Field(
        default=None,
        description="The status of the new versions: the draft's stage decides it (draft before "
        "adoption, then adopted, then in_force); when given it must be that one.",
    )
    effective_date: date | None = None
    label: Annotated[str, StringConstraints(max_length=200)] = ""
    rebase: bool = Field(
        default=False,
        description="Re-apply the amendments to the latest version when the base is outdated.",
    )


class CommentCreate(Strict):
    body: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
    amendment_id: int | None = None
    provision_id: ProvisionRef | None = None
    instrument_id: int | None = None
    version: int | None = Field(default=None, description="The version the author was reading.")
    parent_id: int | None = None


class CommentUpdate(Strict):
    body: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


class MeetingCreate(Strict):
    title: Title
    held_on: date
    location: Annotated[str, StringConstraints(max_length=300)] = ""
    attendees: list[Annotated[str, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=500
    )
    notes: LongText = ""


class MeetingUpdate(Strict):
    title: Title | None = None
    held_on: date | None = None
    location: Annotated[str, StringConstraints(max_length=300)] | None = None
    attendees: list[Annotated[str, StringConstraints(max_length=200)]] | None = None
    notes: LongText | None = None


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AmendmentOut(Out):
    id: int
    draft_id: int
    instrument_id: int
    kind: str
    provision_id: str | None
    anchor_id: str | None
    position: str | None
    num: str | None
    heading: str | None
    text: str | None
    nodes: list[dict[str, Any]]
    rationale: str
    treaty_refs: list[dict[str, Any]]
    status: str
    author_id: int
    author: str
    decided_by: int | None
    decided_at: datetime | None
    decision_note: str
    meeting_id: int | None
    consolidated_version_id: int | None
    word_author: str = ""
    word_date: datetime | None = None
    created_at: datetime
    updated_at: datetime


class CommentOut(Out):
    id: int
    draft_id: int
    parent_id: int | None
    amendment_id: int | None
    provision_id: str | None
    eid: str
    author_id: int
    author: str
    body: str
    mentions: list[str]
    word_author: str = ""
    word_date: datetime | None = None
    resolved_at: datetime | None
    created_at: datetime


class MeetingOut(Out):
    id: int
    draft_id: int
    title: str
    held_on: date
    location: str
    attendees: list[str]
    notes: str
    created_at: datetime


class DraftTargetOut(BaseModel):
    instrument_id: int
    title: str
    base_version: int
    result_version: int | None
    creates_instrument: bool


class DraftOut(BaseModel):
    id: int
    title: str
    description: str
    owner_id: int
    owner: str
    members: list[int]
    stage: Stage
    stage_since: datetime
    days_in_stage: int
    allowed_moves: list[Stage]
    consolidated_at: datetime | None
    targets: list[DraftTargetOut]
    created_at: datetime
    updated_at: datetime


class StageMoveOut(BaseModel):
    """A move of a draft from one stage to another (`from` is None for its first stage)."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_stage: Stage | None = Field(alias="from")
    to: Stage
    at: datetime
    note: str


class TimelineMoveOut(StageMoveOut):
    """A stage move in a draft's timeline: who made it, and at which meeting."""

    by: str
    meeting_id: int | None


class ConflictOut(BaseModel):
    """Two amendments of a draft that clash over a provision."""

    instrument_id: int
    amendments: tuple[int, int]
    provision_id: str | None
    reason: str
    message: str


class DriftOut(BaseModel):
    """What changed in a target instrument since the version the draft amends."""

    instrument_id: int
    base_version: int
    latest_version: int
    summary: dict[str, int]
    diff: DiffOut


class VersionMade(BaseModel):
    instrument_id: int
    number: int


class ConsolidationOut(BaseModel):
    draft: DraftOut
    versions: list[VersionMade]


class ActivityOut(BaseModel):
    at: datetime
    draft_id: int | None
    action: str
    target_type: str
    target_id: str
    by: str | None


class PendingChange(BaseModel):
    amendment_id: int
    draft_id: int
    kind: AmendmentKind


class InstrumentDraftsOut(BaseModel):
    """The drafts that target an instrument, and its accepted changes not yet applied."""

    drafts: list[DraftOut]
    changes_not_yet_applied: list[PendingChange]


class AmendmentSaveOut(BaseModel):
    number: int
    saved_at: datetime
    saved_by: str | None
    content: dict[str, Any]


class SavesCompared(BaseModel):
    old: int
    new: int
    fields: dict[str, list[tuple[str, str]]] = Field(
        description='Word diffs of the fields that differ: ("equal" | "insert" | "delete", text).'
    )


class MeetingDecisionsOut(MeetingOut):
    """A meeting with the decisions taken there."""

    amendment_decisions: list[AmendmentOut]
    stage_moves: list[StageMoveOut]
