"""What a document says about the version it shows: the instrument, the version, its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

STATUS_NAMES = {
    "draft": "Draft",
    "adopted": "Adopted",
    "in_force": "In force",
    "repealed": "Repealed",
}
DRAFT_NOTICE = "Draft — for working group discussion"


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

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status.replace("_", " ").capitalize())

    def describe(self) -> str:
        """'Version 2 — As amended in 2023'."""
        return f"Version {self.number}" + (f" — {self.label}" if self.label else "")


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
