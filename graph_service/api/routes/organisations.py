"""Organisations: the actors of a territory, partners or not."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from graph_service.api.deps import AdminDep, PageDep, ServicesDep, VisibilityDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.common import changes, entity_response, page_response
from graph_service.api.schemas.organisations import (
    OrganisationCreate,
    OrganisationPublic,
    OrganisationsPublic,
    OrganisationUpdate,
)
from graph_service.api.writes import merged, refuse_existing, remove, save, validated
from graph_service.auth import Visibility
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Organisation
from graph_service.domain.vocabulary import Public, Sector

router = APIRouter(prefix="/organisations", tags=["organisations"])


def visible_organisation(visibility: Visibility, organisation_id: str) -> Organisation:
    organisation = visibility.store.get_organisation(organisation_id)
    if organisation is None or not visibility.organisation_visible(organisation):
        raise NotFound(
            f"organisation « {organisation_id} » introuvable",
            message_en=f"organisation {organisation_id!r} not found",
        )
    return organisation


@router.get("", response_model=OrganisationsPublic)
def list_organisations(
    visibility: VisibilityDep,
    page: PageDep,
    territory: Annotated[str | None, Query(max_length=20, description="Avec ses sous-territoires.")] = None,
    sector: Annotated[Sector | None, Query()] = None,
    public: Annotated[Public | None, Query()] = None,
) -> Response:
    """List the organisations the token may see, filtered by territory, sector or public."""
    found = [
        o
        for o in visibility.store.list_organisations(territory=territory, sector=sector, public=public)
        if visibility.organisation_visible(o)
    ]
    return page_response(found[page.offset : page.offset + page.limit], len(found))


@router.post(
    "", response_model=OrganisationPublic, status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES
)
def create_organisation(services: ServicesDep, principal: AdminDep, body: OrganisationCreate) -> Organisation:
    """Create an organisation."""
    refuse_existing(services.store.get_organisation(body.id) is not None, "organisation", body.id)
    entity = validated(services, "organisations", body.model_dump(mode="json"))
    return save(services, principal, "organisations", entity, None)


@router.get("/{organisation_id}", response_model=OrganisationPublic)
def read_organisation(visibility: VisibilityDep, organisation_id: str) -> Response:
    """Read an organisation."""
    return entity_response(visible_organisation(visibility, organisation_id))


@router.patch("/{organisation_id}", response_model=OrganisationPublic, responses=WRITE_RESPONSES)
def update_organisation(
    services: ServicesDep, principal: AdminDep, organisation_id: str, body: OrganisationUpdate
) -> Organisation:
    """Change an organisation."""
    before = services.store.get_organisation(organisation_id)
    if before is None:
        raise NotFound(f"organisation « {organisation_id} » introuvable")
    entity = validated(services, "organisations", merged(before, changes(body)))
    return save(services, principal, "organisations", entity, before)


@router.delete("/{organisation_id}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_RESPONSES)
def delete_organisation(services: ServicesDep, principal: AdminDep, organisation_id: str) -> None:
    """Delete an organisation and its ties, once no project or scheme names it."""
    before = services.store.get_organisation(organisation_id)
    if before is None:
        raise NotFound(f"organisation « {organisation_id} » introuvable")
    remove(services, principal, "organisations", organisation_id, before, services.store.delete_organisation)
