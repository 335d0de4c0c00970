"""What a document says about the version it shows: the instrument, the version, its history
(the words it says it in are in `exports.furniture`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Edition:
    """One version of an instrument, as documents describe it."""

    number: int
    status: str
    created: date
    label: str = ""
    effective_date: date | None = None

    @property
    def date(self) -> date:
        """The date the version speaks from: its effective date, else the day it was made."""
        return self.effective_date or self.created


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The instrument and one of its versions; `history` lists its versions up to this one."""

    title: str
    work_uri: str
    language: str
    edition: Edition
    jurisdiction: str = ""
    kind: str = "law"
    short_title: str = ""
    history: tuple[Edition, ...] = ()

    @property
    def name(self) -> str:
        return self.short_title or self.title
