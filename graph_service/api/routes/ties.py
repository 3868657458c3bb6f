"""Ties between organisations, known on the territory or declared by an application."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from graph_service.api.deps import PageDep, PrincipalDep, ServicesDep, VisibilityDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.common import changes
from graph_service.api.schemas.ties import TieCreate, TiePublic, TiesPublic, TieUpdate
from graph_service.api.writes import REQUEST_FILE, merged, refuse_existing, remove, save, validated
from graph_service.auth import Visibility
from graph_service.auth.write_scope import check_tie_writable
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Tie

router = APIRouter(prefix="/ties", tags=["ties"])


def _public(tie: Tie) -> TiePublic:
    return TiePublic.model_validate({**tie.model_dump(), "key": tie.key})


def _find(visibility: Visibility, key: str) -> Tie:
    parts = key.split("|")
    found = None
    if len(parts) == 4:
        found = next((t for t in visibility.store.list_ties(organisation=parts[0]) if t.key == key), None)
    if found is None or not visibility.tie_visible(found):
        raise NotFound(f"lien « {key} » introuvable", message_en=f"tie {key!r} not found")
    return found


@router.get("", response_model=TiesPublic)
def list_ties(
    visibility: VisibilityDep,
    page: PageDep,
    organisation: Annotated[str | None, Query(max_length=200)] = None,
    project: Annotated[str | None, Query(max_length=200)] = None,
) -> TiesPublic:
    """List the ties the token may see, of an organisation or declared by a project."""
    found = [
        t
        for t in visibility.store.list_ties(organisation=organisation, project=project)
        if visibility.tie_visible(t)
    ]
    return TiesPublic(
        data=[_public(t) for t in found[page.offset : page.offset + page.limit]], count=len(found)
    )


@router.post("", response_model=TiePublic, status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES)
def create_tie(
    services: ServicesDep, principal: PrincipalDep, visibility: VisibilityDep, body: TieCreate
) -> TiePublic:
    """Declare a tie: admins any, a lead one between two members of its own project."""
    check_tie_writable(visibility, body.project, {"source": body.source, "target": body.target}, REQUEST_FILE)
    entity: Tie = validated(services, "ties", body.model_dump(mode="json"))
    existing = [t for t in services.store.list_ties(organisation=entity.source) if t.key == entity.key]
    refuse_existing(bool(existing), "lien", entity.key)
    return _public(save(services, principal, "ties", entity, None))


@router.get("/{key}", response_model=TiePublic)
def read_tie(visibility: VisibilityDep, key: str) -> TiePublic:
    """Read a tie by its key ``source|target|kind|project``."""
    return _public(_find(visibility, key))


@router.patch("/{key}", response_model=TiePublic, responses=WRITE_RESPONSES)
def update_tie(
    services: ServicesDep, principal: PrincipalDep, visibility: VisibilityDep, key: str, body: TieUpdate
) -> TiePublic:
    """Change a tie's formality or strength."""
    before = _find(visibility, key)
    check_tie_writable(visibility, before.project, {}, REQUEST_FILE)
    entity = validated(services, "ties", merged(before, changes(body)))
    return _public(save(services, principal, "ties", entity, before))


@router.delete("/{key}", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_RESPONSES)
def delete_tie(services: ServicesDep, principal: PrincipalDep, visibility: VisibilityDep, key: str) -> None:
    """Delete a tie: admins any, a lead one its project declared."""
    before = _find(visibility, key)
    check_tie_writable(visibility, before.project, {}, REQUEST_FILE)
    remove(services, principal, "ties", key, before, services.store.delete_tie)
