"""Liveness that really asks the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graph_service.api.deps import ServicesDep
from graph_service.api.errors import ErrorBody
from graph_service.api.schemas.admin import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, responses={503: {"model": ErrorBody}})
def healthz(
    services: ServicesDep,
    deep: Annotated[
        bool, Query(description="Vérifier aussi l'intégrité du fichier SQLite (quick_check).")
    ] = False,
) -> Health:
    """Answer 200 when the store answers, 503 when it cannot (or, with ``deep``, when its file is damaged)."""
    services.store.ping(deep=deep)
    return Health(status="ok", store=services.settings.store.value)
