"""Liveness that really asks the store."""

from __future__ import annotations

from fastapi import APIRouter

from graph_service.api.deps import ServicesDep
from graph_service.api.errors import ErrorBody
from graph_service.api.schemas.admin import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, responses={503: {"model": ErrorBody}})
def healthz(services: ServicesDep) -> Health:
    """Answer 200 when the store answers, 503 when it cannot."""
    services.store.ping()
    return Health(status="ok", store=services.settings.store.value)
