"""Shapes of sign-in and user administration."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from api.auth.passwords import MIN_LENGTH
from drafts.permissions import ROLES

Role = Literal[ROLES]  # type: ignore[valid-type]
Username = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{2,80}$", strip_whitespace=True)
]
Password = Annotated[str, StringConstraints(min_length=MIN_LENGTH, max_length=500)]


class LoginIn(BaseModel):
    username: Annotated[str, StringConstraints(max_length=80)]
    password: Annotated[str, StringConstraints(max_length=500)]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    display_name: str
    email: str
    role: str
    language: str
    is_active: bool
    created_at: datetime


class LoginOut(BaseModel):
    user: UserOut
    csrf_token: str


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Username
    password: Password
    role: Role
    display_name: Annotated[str, StringConstraints(max_length=200)] = ""
    email: Annotated[str, StringConstraints(max_length=254)] = ""
    language: Literal["en", "ru", "tk"] = "en"


class UserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    display_name: Annotated[str, StringConstraints(max_length=200)] | None = None
    email: Annotated[str, StringConstraints(max_length=254)] | None = None
    language: Literal["en", "ru", "tk"] | None = None
    is_active: bool | None = None
    password: Password | None = None


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class TokenOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    created_at: datetime
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    token: str
    """Shown once; only its hash is stored."""


class ThrottleCleared(BaseModel):
    cleared: int
    """How many records of failed sign-ins were forgotten."""
