"""Pydantic shapes the API reads and writes for commencements and obligations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
    pending: list[PendingProvision]
    """The provisions of the version not in force on `on`."""
