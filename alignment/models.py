"""The alignment table: links between provisions and treaty articles or UN recommendations.

A link points at the stable identity of a provision, so it holds across versions; the
revision a person reviewed is kept with it, so a later change of wording can be flagged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drafts.db import Base, utcnow
from drafts.models import Instrument, Provision, Revision
from drafts.packages.models import Amendment
from drafts.users import User
from frameworks.models import Article, Recommendation

Relation = Literal["implements", "partially_implements", "references", "conflicts_with"]
RELATIONS: tuple[str, ...] = get_args(Relation)
LinkStatus = Literal["suggested", "confirmed", "rejected"]
STATUSES: tuple[str, ...] = get_args(LinkStatus)
SOURCES = ("manual", "amendment", "suggester")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Alignment(Base):
    """A provision linked to exactly one treaty article or one recommendation."""

    __tablename__ = "alignments"
    __table_args__ = (
        CheckConstraint(
            "(article_id IS NULL AND recommendation_id IS NOT NULL)"
            " OR (article_id IS NOT NULL AND recommendation_id IS NULL)",
            name="one_target",
        ),
        CheckConstraint(_one_of("relation", RELATIONS), name="relation"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        CheckConstraint(_one_of("source", SOURCES), name="source"),
        UniqueConstraint("provision_id", "article_id", name="uq_alignments_provision_article"),
        UniqueConstraint(
            "provision_id", "recommendation_id", name="uq_alignments_provision_recommendation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provision_id: Mapped[str] = mapped_column(ForeignKey(Provision.id), index=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey(Instrument.id), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey(Article.id), index=True)
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey(Recommendation.id), index=True)
    relation: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    note: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    source: Mapped[str] = mapped_column(String(20), default="manual")
    amendment_id: Mapped[int | None] = mapped_column(ForeignKey(Amendment.id))
    """The amendment whose treaty references suggested the link."""
    reviewed_revision_id: Mapped[int | None] = mapped_column(ForeignKey(Revision.id))
    """The wording of the provision that was reviewed when the link was confirmed or edited."""
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    reviewed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    article: Mapped[Article | None] = relationship()
    recommendation: Mapped[Recommendation | None] = relationship()

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012
