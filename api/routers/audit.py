"""Reading the audit log, for admins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict

from api.deps import Paged, PageDep, SessionDep, paged, require
from drafts import audit
from drafts.permissions import AUDIT_READ

router = APIRouter(prefix="/audit", tags=["audit"], dependencies=[Depends(require(AUDIT_READ))])


class AuditOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    user_id: int | None
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]
    request_id: str
    ip: str


@router.get("")
def list_audit(session: SessionDep, page: PageDep, user_id: int | None = None) -> Paged[AuditOut]:
    """The newest entries first."""
    rows, total = audit.entries(session, offset=page.offset, limit=page.per_page, user_id=user_id)
    return paged([AuditOut.model_validate(row) for row in rows], total, page)
