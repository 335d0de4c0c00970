"""Tables of the inbox and of the e-mail outbox.

A notification is written in the same transaction as the event it tells of (a comment, an
amendment, a stage move), and so is its outbox row when the person gets e-mail: a worker sends
the outbox later, and nothing is lost or sent twice when the event's transaction rolls back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from drafts.db import Base, utcnow

NOTIFICATION_KINDS = ("mention", "reply", "amendment_proposed", "amendment_decided", "stage")
MAIL_MODES = ("each", "daily", "off")
"""E-mail for every notification as it comes, one digest a day, or none."""


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('mention', 'reply', 'amendment_proposed', 'amendment_decided', 'stage')",
            name="kind",
        ),
        Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    """Who it is for."""
    kind: Mapped[str] = mapped_column(String(30))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    """Who did what it tells of."""
    draft_id: Mapped[int] = mapped_column(ForeignKey("draft_packages.id"))
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey("amendments.id"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    stage: Mapped[str] = mapped_column(String(30), default="")
    """The stage a draft moved to, or the decision taken on an amendment."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class MailOutbox(Base):
    """One notification waiting to go out by e-mail (alone, or in the day's digest)."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_sent_at", "sent_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notifications.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    address: Mapped[str] = mapped_column(String(254))
    digest: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class MailPreference(Base):
    """How a person wants e-mail; without a row, every notification comes as it happens."""

    __tablename__ = "mail_preferences"
    __table_args__ = (CheckConstraint("mode IN ('each', 'daily', 'off')", name="mode"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), default="each")
    last_digest_at: Mapped[datetime | None]
