"""Schemas of tokens, the audit log and imports (admin resources)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from graph_service.api.schemas.common import Schema
from graph_service.auth import Role
from graph_service.domain.models import Identifier, TerritoryCode


class TokenCreate(Schema):
    role: Role
    regions: list[TerritoryCode] = Field(default_factory=list, max_length=50)
    organisation: Identifier | None = None
    days: float = Field(default=90, gt=0, le=3650)
    label: str | None = Field(default=None, max_length=200)


class TokenPublic(Schema):
    id: str
    role: Role
    regions: list[str]
    organisation: str | None
    label: str | None
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    active: bool


class TokenIssued(Schema):
    token: TokenPublic
    secret: str = Field(description="Le jeton, montré cette seule fois.")


class TokensPublic(Schema):
    data: list[TokenPublic]
    count: int


class AuditEntryPublic(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    key: str
    before: Any | None
    after: Any | None


class AuditPublic(Schema):
    data: list[AuditEntryPublic]
    count: int


class TableChangesPublic(Schema):
    added: int
    changed: int
    unchanged: int


class ImportPublic(Schema):
    file: str
    format: str
    detected: list[str]
    tables: dict[str, TableChangesPublic]
    added: int
    changed: int
    unchanged: int


class Health(Schema):
    status: str
    store: str
