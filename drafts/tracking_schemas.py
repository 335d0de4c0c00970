"""Pydantic shapes the API reads and writes for commencements and obligations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from drafts.schemas import NodeOut

Reference = Annotated[str, StringConstraints(min_length=1, max_length=400)]


class ProvisionRef(BaseModel):
    """A provision as people cite it, with its identity and its address in the version."""

    provision_id: str
    eid: str
    citation: str


class CommencementCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provisions: list[Reference] = Field(
        default_factory=list,
        max_length=50_000,
        description="eIds or provision ids of the version; none for the whole version",
        examples=[["art_12", "art_13"]],
    )
    commences_on: date | None = Field(
        default=None, description="none: on a date another instrument will set"
    )
    by_instrument_id: int | None = None
    by_title: Annotated[str, StringConstraints(max_length=500)] = Field(
        default="", examples=["Decree No. 45 of 1 March 2025"]
    )
    note: Annotated[str, StringConstraints(max_length=2_000)] = ""


class CommencementOut(BaseModel):
    id: int
    version: int
    commences_on: date | None
    by_instrument_id: int | None
    by_title: str
    note: str
    created_at: datetime
    whole_version: bool
    provisions: list[ProvisionRef]


class PendingProvision(ProvisionRef):
    commences_on: date | None
    """None: the date is still to be set."""


class CommencementList(BaseModel):
    instrument_id: int
    version: int
    on: date
    items: list[CommencementOut]
    total: int
    page: int
    per_page: int
    pending: list[PendingProvision]
    """The provisions of the version not in force on `on`."""


ObligationStatus = Literal["not_started", "drafting", "adopted", "overdue"]
Review = Literal["proposed", "confirmed", "rejected"]
Body = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Description = Annotated[str, StringConstraints(max_length=2_000)]


class ObligationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provision: Reference = Field(description="the eId or provision id in the newest version")
    body: Body = Field(examples=["Cabinet of Ministers of Turkmenistan"])
    description: Description = ""
    due_date: date | None = None


class ObligationUpdate(BaseModel):
    """Only the fields sent change; `null` unlinks a draft or an instrument, or clears the date."""

    model_config = ConfigDict(extra="forbid")

    review: Review | None = None
    body: Body | None = None
    description: Description | None = None
    due_date: date | None = None
    draft_id: int | None = None
    adopted_instrument_id: int | None = None


class Linked(BaseModel):
    id: int
    title: str


class DraftLinked(Linked):
    stage: str


class ObligationOut(BaseModel):
    id: int
    instrument: Linked
    provision: ProvisionRef
    body: str
    description: str
    phrase: str
    pattern: str
    review: Review
    status: ObligationStatus | None
    """Derived on the day asked: none until the obligation is confirmed."""
    due_date: date | None
    draft: DraftLinked | None
    adopted_instrument: Linked | None
    created_at: datetime
    updated_at: datetime


class ProposalsMade(BaseModel):
    """The obligations a reading of the law proposed that were not proposed before."""

    proposed: list[ObligationOut]


class ObligationSummary(BaseModel):
    instrument: Linked
    required: int
    not_started: int
    drafting: int
    adopted: int
    overdue: int


class ObligationList(BaseModel):
    on: date
    items: list[ObligationOut]
    total: int
    page: int
    per_page: int
    summaries: list[ObligationSummary]
    """Per law, over the confirmed obligations that match the filters other than status."""


Outcome = Literal["accepted", "partly_accepted", "not_accepted", "noted"]


class InvitationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_id: int = Field(description="a user with the guest role")
    organisation: Annotated[str, StringConstraints(min_length=1, max_length=300)]


class InvitationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    draft_id: int
    user_id: int
    organisation: str
    created_at: datetime


class ConsultationCommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provision: Reference = Field(description="eId or provision id in the law the draft amends")
    instrument_id: int | None = Field(None, description="the law, when the draft amends several")
    body: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


class ConsultationResponse(BaseModel):
    model_config = ConfigDict(extra="forbid")

    response: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
    outcome: Outcome


class ConsultationCommentOut(BaseModel):
    id: int
    draft_id: int
    instrument_id: int
    provision: ProvisionRef
    organisation: str
    body: str
    created_at: datetime
    response: str
    outcome: Outcome | None
    responded_at: datetime | None


class ConsultedText(BaseModel):
    instrument_id: int
    title: str
    version: int
    provisions: list[NodeOut]


class ConsultationOut(BaseModel):
    draft_id: int
    title: str
    stage: str
    texts: list[ConsultedText]
    comments: list[ConsultationCommentOut]
    invitations: list[InvitationOut]
    """Empty for a guest."""
