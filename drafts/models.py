"""Tables of the provision store: instruments, versions, provisions and their revisions.

Revisions hold the text and are immutable and shared: a version that changes 3 of 1,000
provisions adds 3 revisions. The trees of an instrument's versions are stored as `TreeNode`
rows, each one provision's place (parent provision, order key among its siblings, eId,
revision) over a run of consecutive version numbers, by these rules:

- A row is valid in the versions numbered `from_version` up to, not including,
  `until_version` (NULL: still valid in the newest version). The rows valid at number N are
  exactly the tree of version N; so a version N+1 is written as the difference from the rows
  valid at N, whatever its parent: a version consolidated from an older base is compared with
  the newest version, not with that base (ranges are along the number line, which is linear,
  while the parent chain may branch). The parent decides only which revisions are shared.
- Storing a version closes (sets `until_version`) the rows of the provisions that left it or
  whose parent, order key, eId or revision changed, and adds a row for each provision that
  stayed but changed, or came new: a 1% change writes about 1% of the rows.
- Siblings are ordered by `order_key` (strings compared by code point, as Python does; see
  `drafts.order_keys`): a provision keeps its key while it keeps its parent and its order
  relative to the siblings that keep theirs, so inserting or removing a sibling touches no
  other row.
- A version is written in full (every open row closed, every row new, keys spread anew) when
  it is the first, when the rows begun since the last full write would pass `STRETCH`
  times the size of its tree, or when an order key would grow past `KEY_ROOM` characters
  (both in `drafts.store`). `Version.nodes_since` is the number of that last full write, so
  reading version N is one indexed query over the rows that began in [nodes_since, N], at
  most `STRETCH` times the rows of the version, however long the history.
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
    nodes_since: Mapped[int]
    """The number of the latest version at or before this one whose tree was written in full:
    this version's tree rows all began at or after it."""


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


class TreeNode(Base):
    """One provision's place in the trees of a run of consecutive versions (module docstring)."""

    __tablename__ = "tree_nodes"
    __table_args__ = (
        Index("ix_tree_nodes_reading", "instrument_id", "from_version", "until_version"),
        Index("ix_tree_nodes_revision_id", "revision_id"),
    )

    provision_id: Mapped[str] = mapped_column(ForeignKey("provisions.id"), primary_key=True)
    from_version: Mapped[int] = mapped_column(primary_key=True)
    until_version: Mapped[int | None]
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"))
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("provisions.id"))
    """The parent provision; NULL at the top of the tree."""
    order_key: Mapped[str] = mapped_column(String(100))
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    eid: Mapped[str] = mapped_column(String(400))
    """Derived from the tree when the version is written, kept for lookups and history."""
