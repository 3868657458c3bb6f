"""Local schemes (dispositifs) and the organisations that operate them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from graph_service.api.deps import AdminDep, PageDep, ServicesDep, VisibilityDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.common import changes, page_response
from graph_service.api.schemas.schemes import SchemeCreate, SchemePublic, SchemesPublic, SchemeUpdate
from graph_service.api.writes import merged, refuse_existing, remove, save, validated
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Scheme

router = APIRouter(prefix="/schemes", tags=["schemes"])


def _missing(scheme_id: str) -> NotFound:
    return NotFound(f"dispositif « {scheme_id} » introuvable", message_en=f"scheme {scheme_id!r} not found")


@router.get("", response_model=SchemesPublic)
def list_schemes(
    visibility: VisibilityDep,
    page: PageDep,
    territory: Annotated[str | None, Query(max_length=20, description="Avec ses sous-territoires.")] = None,
) -> Response:
    """List the local schemes the token may see, filtered by territory."""
    found = [s for s in visibility.store.list_schemes(territory=territory) if visibility.scheme_visible(s)]
    return page_response(found[page.offset : page.offset + page.limit], len(found))


@router.post("", response_model=SchemePublic, status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES)
def create_scheme(services: ServicesDep, principal: AdminDep, body: SchemeCreate) -> Scheme:
    """Create a local scheme."""
    refuse_existing(services.store.get_scheme(body.id) is not None, "dispositif", body.id)
    return save(
        services, principal, "schemes", validated(services, "schemes", body.model_dump(mode="json")), None
    )


@router.get("/{scheme_id}", response_model=SchemePublic)
def read_scheme(visibility: VisibilityDep, scheme_id: str) -> Scheme:
    """Read a local scheme."""
    scheme = visibility.store.get_scheme(scheme_id)
    if scheme is None or not visibility.scheme_visible(scheme):
        raise _missing(scheme_id)
    return scheme


@router.patch("/{scheme_id}", response_model=SchemePublic, responses=WRITE_RESPONSES)
def update_scheme(services: ServicesDep, principal: AdminDep, scheme_id: str, body: SchemeUpdate) -> Scheme:
    """Change a local scheme."""
    before = services.store.get_scheme(scheme_id)
    if before is None:
        raise _missing(scheme_id)
    return save(
        services, principal, "schemes", validated(services, "schemes", merged(before, changes(body))), before
    )


@router.delete("/{scheme_id}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_RESPONSES)
def delete_scheme(services: ServicesDep, principal: AdminDep, scheme_id: str) -> None:
    """Delete a local scheme no project articulates with."""
    before = services.store.get_scheme(scheme_id)
    if before is None:
        raise _missing(scheme_id)
    remove(services, principal, "schemes", scheme_id, before, services.store.delete_scheme)
