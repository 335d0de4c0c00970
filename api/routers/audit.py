"""Reading the audit log, for admins."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from api.deps import Paged, PageDep, SessionDep, paged, require
from drafts import audit
from drafts.permissions import AUDIT_READ
from drafts.schemas import AuditOut

router = APIRouter(prefix="/audit", tags=["audit"], dependencies=[Depends(require(AUDIT_READ))])


@router.get("")
def list_audit(session: SessionDep, page: PageDep, user_id: int | None = None) -> Paged[AuditOut]:
    """The newest entries first."""
    rows, total = audit.entries(session, offset=page.offset, limit=page.per_page, user_id=user_id)
    return paged([AuditOut.model_validate(row) for row in rows], total, page)
