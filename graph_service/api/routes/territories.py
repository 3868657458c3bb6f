"""Territories (INSEE codes) and the ecosystem of one territory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from graph_service.api.deps import AdminDep, PageDep, PrincipalDep, ServicesDep, VisibilityDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.common import changes, page_response
from graph_service.api.schemas.territories import (
    TerritoriesPublic,
    TerritoryCreate,
    TerritoryPublic,
    TerritoryUpdate,
)
from graph_service.api.writes import merged, refuse_existing, remove, save, validated
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Dataset, Territory
from graph_service.domain.vocabulary import TerritoryLevel
from graph_service.stores.protocol import Store

router = APIRouter(prefix="/territories", tags=["territories"])


def _get(store: Store, code: str) -> Territory:
    territory = store.get_territory(code)
    if territory is None:
        raise NotFound(f"territoire « {code} » introuvable", message_en=f"territory {code!r} not found")
    return territory


@router.get("", response_model=TerritoriesPublic)
def list_territories(
    services: ServicesDep,
    principal: PrincipalDep,
    page: PageDep,
    level: Annotated[TerritoryLevel | None, Query()] = None,
    parent: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """List territories (public reference data), filtered by level or parent."""
    found = [
        t
        for t in services.store.list_territories()
        if (level is None or t.level is level) and (parent is None or t.parent == parent)
    ]
    return page_response(found[page.offset : page.offset + page.limit], len(found))


@router.post(
    "", response_model=TerritoryPublic, status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES
)
def create_territory(services: ServicesDep, principal: AdminDep, body: TerritoryCreate) -> Territory:
    """Create a territory."""
    refuse_existing(services.store.get_territory(body.code) is not None, "territoire", body.code)
    return save(
        services,
        principal,
        "territories",
        validated(services, "territories", body.model_dump(mode="json")),
        None,
    )


@router.get("/{code}", response_model=TerritoryPublic)
def read_territory(services: ServicesDep, principal: PrincipalDep, code: str) -> Territory:
    """Read a territory."""
    return _get(services.store, code)


@router.patch("/{code}", response_model=TerritoryPublic, responses=WRITE_RESPONSES)
def update_territory(
    services: ServicesDep, principal: AdminDep, code: str, body: TerritoryUpdate
) -> Territory:
    """Change a territory's name, level or parent."""
    before = _get(services.store, code)
    entity = validated(services, "territories", merged(before, changes(body)))
    return save(services, principal, "territories", entity, before)


@router.delete("/{code}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_RESPONSES)
def delete_territory(services: ServicesDep, principal: AdminDep, code: str) -> None:
    """Delete a territory nothing refers to any more."""
    before = _get(services.store, code)
    remove(services, principal, "territories", code, before, services.store.delete_territory)


@router.get("/{code}/ecosystem", response_model=Dataset)
def territory_ecosystem(services: ServicesDep, visibility: VisibilityDep, code: str) -> Dataset:
    """Everything known on a territory and below it, as far as the token may see."""
    if not visibility.territory_readable(code):
        raise NotFound(f"territoire « {code} » introuvable", message_en=f"territory {code!r} not found")
    return visibility.filter_dataset(services.store.territory_ecosystem(code))
