"""People who use Kanun and their roles; what each role may do is in `permissions`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from drafts.db import Base, utcnow
from drafts.permissions import ROLES


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({', '.join(repr(role) for role in ROLES)})", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    role: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(10), default="en")
    password_hash: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lock_version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012

    @property
    def name(self) -> str:
        return self.display_name or self.username


def names_by_username(session: Session, ids: Iterable[int]) -> dict[str, str]:
    """User name (lower case) → display name, for the users with these ids."""
    wanted = set(ids)
    if not wanted:
        return {}
    people = session.scalars(select(User).where(User.id.in_(wanted)))
    return {person.username.lower(): person.name for person in people}


def names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    """Display names of the users with these ids."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return {user.id: user.name for user in session.scalars(select(User).where(User.id.in_(wanted)))}
