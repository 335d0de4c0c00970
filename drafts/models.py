"""Tables of the provision store: instruments, versions, provisions and their revisions.

A version's tree is stored as one `VersionNode` row per provision (its
place in document order, its parent's place, the revision it shows and its eId), so reading a
version is one query over its own rows. Revisions hold the text and are immutable and
shared: a version that changes 3 of 1,000 provisions adds 3 revisions.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from drafts.db import Base, utcnow
from drafts.users import User

INSTRUMENT_KINDS = ("law", "code", "bill", "regulation", "decree", "order")
"""The kinds of instrument: the one list that schemas, pages and the command line read."""
VERSION_STATUSES = ("draft", "adopted", "in_force", "repealed")


class Instrument(Base):
    __tablename__ = "instruments"

    id: Mapped[int] = mapped_column(primary_key=True)
    work_uri: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    short_title: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20))
    jurisdiction: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)
    """Bumped by every change to the instrument or its list of versions: the ETag."""

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (
        UniqueConstraint("instrument_id", "number"),
        CheckConstraint("status IN ('draft', 'adopted', 'in_force', 'repealed')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"), index=True)
    number: Mapped[int]
    label: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20))
    effective_date: Mapped[date | None] = mapped_column(Date)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    provision_count: Mapped[int] = mapped_column(default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    draft_id: Mapped[int | None] = mapped_column(ForeignKey("draft_packages.id"))
    """The draft package whose consolidation produced this version."""


class Provision(Base):
    """The identity of a provision, stable across versions, renumbering and moves."""

    __tablename__ = "provisions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Revision(Base):
    """One immutable wording of a provision; shared by every version that shows it."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[str] = mapped_column(ForeignKey("provisions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    num: Mapped[str] = mapped_column(String(50), default="")
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")


class VersionNode(Base):
    """One provision's place in one version's tree."""

    __tablename__ = "version_nodes"
    __table_args__ = (Index("ix_version_nodes_revision_id", "revision_id"),)

    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    parent_position: Mapped[int | None]
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    eid: Mapped[str] = mapped_column(String(400))
    """Derived from the tree when the version is written, kept for lookups and history."""
