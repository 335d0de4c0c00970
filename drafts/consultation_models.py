"""Tables of a draft's consultation with outside organisations: who is invited, what they said
on which provision, and the drafters' response to each comment."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from drafts.db import Base, utcnow
from drafts.models import Instrument, Provision
from drafts.packages.models import Draft
from drafts.users import User

OUTCOMES: tuple[str, ...] = ("accepted", "partly_accepted", "not_accepted", "noted")
"""What became of a comment, as the consultation report says."""


class ConsultationInvitation(Base):
    """A guest from an outside organisation, invited to comment on one draft."""

    __tablename__ = "consultation_invitations"
    __table_args__ = (UniqueConstraint("draft_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey(Draft.id), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey(User.id), index=True)
    organisation: Mapped[str] = mapped_column(String(300))
    invited_by: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsultationComment(Base):
    """An organisation's comment on a provision of a draft's target, and the response to it."""

    __tablename__ = "consultation_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey(Draft.id), index=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id))
    provision_id: Mapped[str] = mapped_column(ForeignKey(Provision.id))
    author_id: Mapped[int] = mapped_column(ForeignKey(User.id))
    organisation: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    response: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(20), default="")
    responded_by: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    responded_at: Mapped[datetime | None]
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012
