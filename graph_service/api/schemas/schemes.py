"""Local scheme schemas."""

from __future__ import annotations

from pydantic import Field

from graph_service.api.schemas.common import Schema
from graph_service.domain.models import Identifier, Name, TerritoryCode
from graph_service.domain.vocabulary import Public, SchemeKind, Stage


class SchemeBase(Schema):
    name: Name
    kind: SchemeKind
    operator: Identifier | None = None
    territories: list[TerritoryCode] = Field(default_factory=list, max_length=1000)
    stages: list[Stage] = Field(default_factory=list)
    publics: list[Public] = Field(default_factory=list)


class SchemeCreate(SchemeBase):
    id: Identifier


class SchemeUpdate(Schema):
    name: Name | None = None
    kind: SchemeKind | None = None
    operator: Identifier | None = None
    territories: list[TerritoryCode] | None = Field(default=None, max_length=1000)
    stages: list[Stage] | None = None
    publics: list[Public] | None = None


class SchemePublic(SchemeBase):
    id: str
    name: str


class SchemesPublic(Schema):
    data: list[SchemePublic]
    count: int
