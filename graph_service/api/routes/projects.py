"""Projects: the applications to a call, with their partners."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from graph_service.api.deps import AdminDep, PageDep, PrincipalDep, ServicesDep, VisibilityDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.common import changes, entity_response, page_response
from graph_service.api.schemas.projects import ProjectCreate, ProjectPublic, ProjectsPublic, ProjectUpdate
from graph_service.api.writes import merged, refuse_existing, remove, save, validated
from graph_service.auth.visibility import scope_key, visible_project
from graph_service.auth.write_scope import check_project_update, known_to_writer
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Project
from graph_service.domain.vocabulary import Public

router = APIRouter(prefix="/projects", tags=["projects"])


@router.get("", response_model=ProjectsPublic)
def list_projects(
    services: ServicesDep,
    visibility: VisibilityDep,
    page: PageDep,
    call: Annotated[str | None, Query(max_length=200)] = None,
    territory: Annotated[str | None, Query(max_length=20, description="Avec ses sous-territoires.")] = None,
    organisation: Annotated[str | None, Query(max_length=200, description="Porteur ou partenaire.")] = None,
    public: Annotated[Public | None, Query()] = None,
) -> Response:
    """List the applications the token may see, filtered by call, territory, organisation or public."""

    def compute() -> Response:
        found = [
            p
            for p in visibility.store.list_projects(
                call=call, territory=territory, organisation=organisation, public=public
            )
            if visibility.project_visible(p)
        ]
        return page_response(found[page.offset : page.offset + page.limit], len(found))

    key = ("projects", call, territory, organisation, public, page.offset, page.limit, scope_key(visibility))
    return services.cache.get(key, compute)


@router.post("", response_model=ProjectPublic, status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES)
def create_project(services: ServicesDep, principal: AdminDep, body: ProjectCreate) -> Project:
    """Create an application with its partners."""
    refuse_existing(services.store.get_project(body.id) is not None, "projet", body.id)
    return save(
        services, principal, "projects", validated(services, "projects", body.model_dump(mode="json")), None
    )


@router.get("/{project_id}", response_model=ProjectPublic)
def read_project(visibility: VisibilityDep, project_id: str) -> Response:
    """Read an application and its partners."""
    return entity_response(visible_project(visibility, project_id))


@router.patch("/{project_id}", response_model=ProjectPublic, responses=WRITE_RESPONSES)
def update_project(
    services: ServicesDep,
    principal: PrincipalDep,
    visibility: VisibilityDep,
    project_id: str,
    body: ProjectUpdate,
) -> Project:
    """Change an application: admins any, a lead its own within what it already sees.

    A lead cannot hand it over, add a partner or a scheme it cannot see (answered as missing) or
    a territory outside the départements of its applications.
    """
    before = visible_project(visibility, project_id)
    update = changes(body)
    check_project_update(visibility, before, update)
    known = known_to_writer(visibility, services.store.known_ids(), before.member_ids)
    entity = validated(services, "projects", merged(before, update), known)
    return save(services, principal, "projects", entity, before)


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_RESPONSES)
def delete_project(services: ServicesDep, principal: AdminDep, project_id: str) -> None:
    """Delete an application and the ties it declared."""
    before = services.store.get_project(project_id)
    if before is None:
        raise NotFound(f"projet « {project_id} » introuvable", message_en=f"project {project_id!r} not found")
    remove(services, principal, "projects", project_id, before, services.store.delete_project)
