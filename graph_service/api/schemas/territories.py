"""Territory schemas."""

from __future__ import annotations

from graph_service.api.schemas.common import Schema
from graph_service.domain.models import Name, TerritoryCode
from graph_service.domain.vocabulary import TerritoryLevel


class TerritoryBase(Schema):
    name: Name
    level: TerritoryLevel
    parent: TerritoryCode | None = None


class TerritoryCreate(TerritoryBase):
    code: TerritoryCode


class TerritoryUpdate(Schema):
    name: Name | None = None
    level: TerritoryLevel | None = None
    parent: TerritoryCode | None = None


class TerritoryPublic(TerritoryBase):
    code: str


class TerritoriesPublic(Schema):
    data: list[TerritoryPublic]
    count: int
