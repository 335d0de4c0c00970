"""The API shapes of linked language versions."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Authority = Literal["official", "working"]
State = Literal["current", "out_of_date", "missing"]


class LanguageLinkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    instrument_id: int = Field(description="the instrument holding the text in another language")
    authority: Authority = Field(
        default="working", description="an official text or a working translation"
    )


class LanguageMember(BaseModel):
    instrument_id: int
    title: str
    language: str
    authority: Authority
    out_of_date: int | None = Field(
        default=None,
        description="provisions of this text out of date or missing against the asked one",
    )


class LanguageVersions(BaseModel):
    instrument_id: int
    members: list[LanguageMember]


class PairSide(BaseModel):
    eid: str
    citation: str
    num: str
    heading: str
    text: str
    depth: int


class PairOut(BaseModel):
    key: str | None
    left: PairSide | None
    right: PairSide | None
    left_state: State
    right_state: State


class Bilingual(BaseModel):
    left: LanguageMember
    right: LanguageMember
    out_of_date: int
    pairs: list[PairOut]


class ConfirmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(max_length=36, description="the key of the linked provision")
