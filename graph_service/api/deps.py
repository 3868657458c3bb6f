"""Request dependencies as ``Annotated`` aliases: the services, the caller and what it may see."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from graph_service.api.errors import Forbidden, Unauthenticated
from graph_service.auth import Principal, Visibility
from graph_service.services.state import Services
from graph_service.stores.protocol import Store

_bearer = HTTPBearer(auto_error=False, description="Jeton créé par `partnership-graph token create`.")


async def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_store(services: ServicesDep) -> Store:
    return services.store


StoreDep = Annotated[Store, Depends(get_store)]


# The token lookup is one indexed SQLite read (tens of microseconds): cheaper on the event loop
# than a hop through the thread pool, which every sync dependency costs.
async def get_principal(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Unauthenticated(
            "jeton manquant : en-tête « Authorization: Bearer <jeton> »", message_en="missing bearer token"
        )
    return services.tokens.authenticate(credentials.credentials)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def get_visibility(principal: PrincipalDep, services: ServicesDep) -> Visibility:
    return Visibility(principal, services.store, services.parents())


VisibilityDep = Annotated[Visibility, Depends(get_visibility)]


async def require_admin(principal: PrincipalDep) -> Principal:
    if not principal.is_admin:
        raise Forbidden("réservé aux administrateurs", message_en="admins only")
    return principal


AdminDep = Annotated[Principal, Depends(require_admin)]


class Page(BaseModel):
    offset: int
    limit: int


async def get_page(
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="Premier élément (0 pour le début).")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000, description="Nombre d'éléments au plus.")] = 100,
) -> Page:
    return Page(offset=offset, limit=limit)


PageDep = Annotated[Page, Depends(get_page)]

__all__ = [
    "AdminDep",
    "Page",
    "PageDep",
    "PrincipalDep",
    "ServicesDep",
    "StoreDep",
    "VisibilityDep",
]
