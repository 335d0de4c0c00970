"""Shapes the API gives for documents taken in: a reviewed Word document's proposals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


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
