"""The append-only audit log: who did what, when, and from which request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from drafts.db import Base, utcnow
from drafts.users import User


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey(User.id))
    action: Mapped[str] = mapped_column(String(80))
    target_type: Mapped[str] = mapped_column(String(40))
    target_id: Mapped[str] = mapped_column(String(80))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    request_id: Mapped[str] = mapped_column(String(64), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    draft_id: Mapped[int | None] = mapped_column(index=True)
    """The draft package the change belongs to, for its activity feed."""


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting and through which request; every service that writes takes one."""

    user_id: int | None
    request_id: str = ""
    ip: str = ""


def record(
    session: Session,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: object,
    *,
    draft_id: int | None = None,
    **detail: Any,
) -> AuditEntry:
    entry = AuditEntry(
        draft_id=draft_id,
        user_id=actor.user_id,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail,
        request_id=actor.request_id,
        ip=actor.ip,
    )
    session.add(entry)
    return entry


def entries(
    session: Session, *, offset: int = 0, limit: int = 50, user_id: int | None = None
) -> tuple[list[AuditEntry], int]:
    """The newest entries first, with the total count."""
    query = select(AuditEntry)
    if user_id is not None:
        query = query.where(AuditEntry.user_id == user_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(AuditEntry.id.desc()).offset(offset).limit(limit)).all()
    return list(rows), total
