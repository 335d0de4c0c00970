"""Pydantic shapes the API reads and writes for instruments, versions and provisions, their
diffs and amending instructions, and the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from drafts.diff_statuses import STATUSES
from drafts.models import INSTRUMENT_KINDS
from drafts.standing import STANDINGS
from drafts.tree import KINDS

InstrumentKind = Literal[INSTRUMENT_KINDS]  # type: ignore[valid-type]
VersionStatus = Literal["draft", "adopted", "in_force", "repealed"]
ProvisionKind = Literal[KINDS]  # type: ignore[valid-type]
DiffStatus = Literal[STATUSES]  # type: ignore[valid-type]
Line = Annotated[str, StringConstraints(max_length=500)]
WorkUri = Annotated[
    str,
    StringConstraints(
        pattern=r"^/akn/[a-z]{2}(-[a-z0-9]+)?/[a-z]+/[0-9]{4}(-[0-9]{2}-[0-9]{2})?/[\w.-]+$",
        max_length=300,
    ),
]


T = TypeVar("T")


class Paged(BaseModel, Generic[T]):
    """One page of a list: every list the API answers has this shape (a domain's list with more
    to say about itself extends it)."""

    items: list[T]
    total: int
    page: int
    per_page: int


def jurisdiction_of(work_uri: str) -> str:
    """The country part of an Akoma Ntoso work URI (`/akn/tm/act/2021/1` → `tm`), or ''."""
    parts = work_uri.split("/")
    return parts[2] if len(parts) > 2 and parts[1] == "akn" else ""


class InstrumentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    short_title: Annotated[str, StringConstraints(max_length=200)] = ""
    kind: InstrumentKind
    jurisdiction: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[a-z0-9]+)?$")]
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    work_uri: WorkUri = Field(
        description="FRBR work URI, e.g. /akn/tm/act/2021/social-services",
        examples=["/akn/tm/act/2021/social-services"],
    )


class InstrumentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = None
    short_title: Annotated[str, StringConstraints(max_length=200)] | None = None
    kind: InstrumentKind | None = None


class InstrumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    short_title: str
    kind: str
    jurisdiction: str
    language: str
    work_uri: str
    created_at: datetime
    updated_at: datetime


class NodeFields(BaseModel):
    """The fields of a provision of a new version, without its children."""

    model_config = ConfigDict(extra="forbid")

    kind: ProvisionKind
    num: Annotated[str, StringConstraints(max_length=50)] = ""
    heading: Annotated[str, StringConstraints(max_length=2_000)] = ""
    text: Annotated[str, StringConstraints(max_length=200_000)] = ""
    provision_id: Annotated[str, StringConstraints(max_length=36)] | None = None
    eid: str | None = Field(
        default=None, description="Ignored: eIds are derived, but a tree read back may carry them."
    )


class NodeIn(NodeFields):
    """One provision of a new version. Give `provision_id` to continue a known provision."""

    children: list[NodeIn] = Field(default_factory=list)


class VersionFields(BaseModel):
    """The fields of a new version, without its provisions."""

    model_config = ConfigDict(extra="forbid")

    label: Line = ""
    status: VersionStatus = "draft"
    effective_date: date | None = None
    message: Annotated[str, StringConstraints(max_length=5_000)] = ""
    parent: int | None = Field(
        default=None, description="Number of the parent version; the latest when omitted."
    )


class VersionCreate(VersionFields):
    provisions: list[NodeIn]


class VersionSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    label: str
    status: str
    effective_date: date | None
    parent: int | None
    author: str | None
    message: str
    created_at: datetime
    provision_count: int
    content_hash: str
    draft_id: int | None = Field(
        default=None, description="The draft package whose consolidation produced the version."
    )


class VersionListed(VersionSummary):
    standing: Literal[STANDINGS] = Field(  # type: ignore[valid-type]
        description="Where the version stands today: in force, superseded, not yet in force, "
        "repealed or draft (from the statuses, effective dates and successors)."
    )


class NodeOut(BaseModel):
    kind: str
    num: str
    heading: str
    text: str
    eid: str
    provision_id: str
    children: list[NodeOut]


class VersionOut(VersionSummary):
    instrument_id: int
    provisions: list[NodeOut]


class HistoryEntry(BaseModel):
    version: int
    label: str
    status: str
    effective_date: date | None
    change: Literal["added", "modified", "unchanged", "removed"]
    moved: bool
    renumbered: bool
    eid: str | None
    num: str | None
    heading: str | None
    text: str | None


class ProvisionHistory(BaseModel):
    provision_id: str
    instrument_id: int
    entries: list[HistoryEntry]


class DiffEntryOut(BaseModel):
    """One provision of a diff; `old_*` is None when inserted, `new_*` when deleted."""

    kind: str
    provision_id: str | None
    old_eid: str | None
    new_eid: str | None
    old_num: str | None
    new_num: str | None
    old_heading: str | None
    new_heading: str | None
    heading_ops: list[tuple[str, str]] = Field(
        description='Word diff of the heading: ("equal" | "insert" | "delete", text) pairs.'
    )
    text_ops: list[tuple[str, str]] = Field(description="Word diff of the text, as heading_ops.")
    statuses: list[DiffStatus]
    modified: list[str] = Field(description='Which parts changed: "heading", "text".')
    depth: int
    confidence: float | None = Field(
        description="How sure the pairing of the old and new provision is (1.0 for the same "
        "provision or the same words); null for an inserted or deleted provision."
    )


class DiffOut(BaseModel):
    """The diff of two texts: how each provision fared, and how many carry each status."""

    alignment: Literal["identity", "similarity"]
    summary: dict[DiffStatus, int] = Field(description="Counts over the whole diff.")
    omitted: int = Field(description="Unchanged provisions left out of the entries.")
    entries: list[DiffEntryOut]


class TextOut(BaseModel):
    """One of the two texts compared: a version of an instrument."""

    instrument_id: int
    title: str
    version: int
    label: str
    status: str
    effective_date: date | None


class RedlineOut(DiffOut):
    """The diff of two texts, with the texts it compares."""

    model_config = ConfigDict(populate_by_name=True)

    from_: TextOut = Field(alias="from")
    to: TextOut


class InstructionOut(BaseModel):
    kind: str
    eid: str = Field(description="The provision's old eId, or its new one when inserted.")
    text: str


class InstructionsOut(BaseModel):
    """The amending instructions that turn the `from` text into the `to` text: one document, in
    order, not a page of a list."""

    model_config = ConfigDict(populate_by_name=True)

    from_: TextOut = Field(alias="from")
    to: TextOut
    lang: str
    instructions: list[InstructionOut]
    text: str = Field(description="The numbered list, as it would appear in the amending law.")


class AuditOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    user_id: int | None
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]
    request_id: str
    ip: str
