"""Tokens, for admins: the same registry as ``partnership-graph token``."""

from __future__ import annotations

from fastapi import APIRouter, status

from graph_service.api.deps import AdminDep, ServicesDep
from graph_service.api.errors import WRITE_RESPONSES
from graph_service.api.schemas.admin import TokenCreate, TokenIssued, TokenPublic, TokensPublic
from graph_service.auth import TokenRecord
from graph_service.auth.tokens import check_scope

router = APIRouter(prefix="/tokens", tags=["tokens"])


def _public(record: TokenRecord) -> TokenPublic:
    return TokenPublic.model_validate({**record.model_dump(), "active": record.active})


@router.get("", response_model=TokensPublic)
def list_tokens(services: ServicesDep, principal: AdminDep) -> TokensPublic:
    """List tokens (never their secret)."""
    records = services.tokens.list()
    return TokensPublic(data=[_public(r) for r in records], count=len(records))


@router.post("", response_model=TokenIssued, status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES)
def create_token(services: ServicesDep, principal: AdminDep, body: TokenCreate) -> TokenIssued:
    """Create a token; its secret is in this answer only."""
    check_scope(services.store, body.role, body.regions, body.organisation)
    issued = services.tokens.create(
        body.role, regions=body.regions, organisation=body.organisation, days=body.days, label=body.label
    )
    after = _public(issued.record).model_dump(mode="json")
    services.audit.record(principal, "create", "token", issued.record.id, after=after)
    return TokenIssued(token=_public(issued.record), secret=issued.secret)


@router.delete("/{token_id}", response_model=TokenPublic, responses=WRITE_RESPONSES)
def revoke_token(services: ServicesDep, principal: AdminDep, token_id: str) -> TokenPublic:
    """Revoke a token at once."""
    before = _public(services.tokens.get(token_id)).model_dump(mode="json")
    record = services.tokens.revoke(token_id)
    services.audit.record(
        principal, "revoke", "token", token_id, before=before, after=_public(record).model_dump(mode="json")
    )
    return _public(record)
