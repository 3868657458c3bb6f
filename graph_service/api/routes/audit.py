"""The audit log of writes, for admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graph_service.api.deps import AdminDep, PageDep, ServicesDep
from graph_service.api.schemas.admin import AuditEntryPublic, AuditPublic

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", response_model=AuditPublic)
def read_audit(
    services: ServicesDep,
    principal: AdminDep,
    page: PageDep,
    entity: Annotated[str | None, Query(max_length=50)] = None,
    key: Annotated[str | None, Query(max_length=500)] = None,
) -> AuditPublic:
    """List recorded writes, newest first: who, when, what, before and after."""
    entries, count = services.audit.entries(entity=entity, key=key, offset=page.offset, limit=page.limit)
    return AuditPublic(data=[AuditEntryPublic.model_validate(e.model_dump()) for e in entries], count=count)
