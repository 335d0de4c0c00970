"""Shapes of documents taken in: what a person gives with a file to import and what the
import reports, and a reviewed Word document's proposals."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from drafts.schemas import InstrumentOut, VersionStatus


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PlannedOut(Out):
    kind: str
    where: str
    words: str
    word_author: str
    word_date: datetime | None
    author: str
    fields: dict[str, Any]
    amendment_id: int | None


class RemarkedOut(Out):
    where: str
    text: str
    word_author: str
    word_date: datetime | None
    author: str
    reply: bool
    comment_id: int | None


class WordReviewOut(Out):
    dry_run: bool
    instrument_id: int
    tracked: bool
    compared_with: str
    proposals: list[PlannedOut]
    comments: list[RemarkedOut]
    problems: list[str]


class ImportFields(BaseModel):
    """What a person gives with a file to import, as typed: the fields of a new instrument
    (unless the file is a new version of one) and those of the version it becomes. Checked by
    `exports.importing`, which names each missing or wrong one."""

    title: Annotated[str, Field(max_length=500)] = ""
    short_title: Annotated[str, Field(max_length=200)] = ""
    kind: Annotated[str, Field(max_length=20)] = ""
    jurisdiction: Annotated[str, Field(max_length=20)] = ""
    """Left blank: the country of the work URI."""
    language: Annotated[str, Field(max_length=10)] = ""
    work_uri: Annotated[str, Field(max_length=300)] = ""
    label: Annotated[str, Field(max_length=500)] = ""
    status: VersionStatus = "draft"
    effective_date: Annotated[str, Field(max_length=10)] = ""
    """YYYY-MM-DD, or blank."""
    message: Annotated[str, Field(max_length=5_000)] = ""


class ImportWarningOut(Out):
    line: int = Field(description="The line of the file (0: not tied to a line).")
    message: str


class ReadNodeOut(Out):
    """A provision as read from a file: a new one has no provision id yet."""

    kind: str
    num: str
    heading: str
    text: str
    eid: str
    provision_id: str | None
    children: list[ReadNodeOut]


class ImportOut(Out):
    """What Kanun read in a file, with its warnings; once stored, the instrument and the number
    of the version it became."""

    dry_run: bool
    format: Literal["docx", "akn", "uslm", "text"]
    provision_count: int
    warnings: list[ImportWarningOut]
    provisions: list[ReadNodeOut]
    instrument: InstrumentOut | None = None
    version: int | None = None
