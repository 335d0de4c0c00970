"""Tables of the reference data: treaty frameworks with their articles, and sets of UN
recommendations (UPR, treaty-body concluding observations) with links to the articles.

Articles and recommendations keep the number the source gives them, as text ("3", "16.2",
"A/HRC/24/3 para. 112.1"), and their order in the source as `position`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from drafts.db import Base, utcnow


class Framework(Base):
    """A treaty, charter or other set of articles that laws are aligned with."""

    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    adopted: Mapped[date | None] = mapped_column(Date)
    adopted_by: Mapped[str] = mapped_column(String(300), default="")
    entry_into_force: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text, default="")
    preamble: Mapped[str] = mapped_column(Text, default="")
    final_clause: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    """The file's notes on the text (e.g. where the topic labels come from), by name."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Article(Base):
    __tablename__ = "framework_articles"
    __table_args__ = (UniqueConstraint("framework_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id"))
    number: Mapped[str] = mapped_column(String(20))
    position: Mapped[int]
    title: Mapped[str | None] = mapped_column(String(300))
    topic: Mapped[str] = mapped_column(String(300), default="")
    """A short label that is not treaty text (the CRC's child-friendly headings, for one)."""
    part: Mapped[str | None] = mapped_column(String(100))
    procedural: Mapped[bool] = mapped_column(default=False, server_default=false())
    """About the treaty's own machinery (committee, reports, ratification): no provision of a
    law implements it, so suggestions and coverage leave it out unless asked."""
    text: Mapped[str] = mapped_column(Text)

    framework: Mapped[Framework] = relationship()


class RecommendationSet(Base):
    """Recommendations from one body or mechanism, e.g. the UPR reviews of one State."""

    __tablename__ = "recommendation_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    mechanism: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


recommendation_articles = Table(
    "recommendation_articles",
    Base.metadata,
    Column("recommendation_id", ForeignKey("recommendations.id"), primary_key=True),
    Column("article_id", ForeignKey("framework_articles.id"), primary_key=True, index=True),
)


class Recommendation(Base):
    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("set_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("recommendation_sets.id"))
    number: Mapped[str] = mapped_column(String(120))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    response: Mapped[str] = mapped_column(String(200), default="")
    """The State's answer as the source words it: supported, noted, to be examined…"""
    recommended_by: Mapped[list[str]] = mapped_column(JSON, default=list)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    document: Mapped[str] = mapped_column(String(120), default="")
    year: Mapped[int | None]
    cycle: Mapped[int | None]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Fields of the source that Kanun keeps but does not interpret (lead-in, footnote…)."""

    articles: Mapped[list[Article]] = relationship(
        secondary=recommendation_articles, order_by="Article.id"
    )
