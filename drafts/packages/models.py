"""Tables of draft packages and everything reviewed inside them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from drafts.amend import KINDS
from drafts.db import Base, utcnow

AMENDMENT_KINDS = KINDS
AMENDMENT_STATUSES = ("proposed", "accepted", "rejected", "withdrawn")


class Draft(Base):
    __tablename__ = "draft_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    """Becomes the explanatory note of the meeting pack."""
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    stage: Mapped[str] = mapped_column(String(30), default="drafting")
    stage_since: Mapped[datetime] = mapped_column(default=utcnow)
    consolidated_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012


class DraftMember(Base):
    __tablename__ = "draft_members"

    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)


class DraftTarget(Base):
    """An instrument the draft changes, from a base version; or one the draft creates."""

    __tablename__ = "draft_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"), index=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id"), index=True)
    base_version_id: Mapped[int] = mapped_column(ForeignKey("versions.id"))
    creates_instrument: Mapped[bool] = mapped_column(default=False)
    result_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))


class Amendment(Base):
    __tablename__ = "amendments"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('replace_text', 'replace_heading', 'insert', 'delete', 'move', 'renumber')",
            name="kind",
        ),
        CheckConstraint(
            "status IN ('proposed', 'accepted', 'rejected', 'withdrawn')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("draft_targets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    provision_id: Mapped[str | None] = mapped_column(String(36))
    """The provision changed, deleted, moved or renumbered."""
    anchor_id: Mapped[str | None] = mapped_column(String(36))
    """Where an insertion or a move goes, relative to this provision."""
    position: Mapped[str | None] = mapped_column(String(20))
    num: Mapped[str | None] = mapped_column(String(50))
    heading: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    nodes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    rationale: Mapped[str] = mapped_column(Text, default="")
    treaty_refs: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_note: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    consolidated_version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    word_author: Mapped[str] = mapped_column(String(200), default="")
    """For an amendment read from a Word document: who made the tracked change there."""
    word_date: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012


class AmendmentSave(Base):
    """One save of an amendment: its editable fields as they were then."""

    __tablename__ = "amendment_saves"

    id: Mapped[int] = mapped_column(primary_key=True)
    amendment_id: Mapped[int] = mapped_column(ForeignKey("amendments.id"), index=True)
    number: Mapped[int]
    saved_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("amendments.id"), index=True)
    provision_id: Mapped[str | None] = mapped_column(String(36), index=True)
    eid: Mapped[str] = mapped_column(String(400), default="")
    """The provision's address in the version the author was reading."""
    version_id: Mapped[int | None] = mapped_column(ForeignKey("versions.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    mentions: Mapped[list[int]] = mapped_column(JSON, default=list)
    word_author: Mapped[str] = mapped_column(String(200), default="")
    """For a comment read from a Word document: who wrote it there."""
    word_date: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    held_on: Mapped[date] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(300), default="")
    attendees: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012


class StageMove(Base):
    __tablename__ = "draft_stage_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(30))
    to_stage: Mapped[str] = mapped_column(String(30))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
