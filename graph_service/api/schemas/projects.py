"""Project (application) schemas, with their partners."""

from __future__ import annotations

from pydantic import Field

from graph_service.api.schemas.common import Schema
from graph_service.domain.models import Identifier, Name, TerritoryCode, Text
from graph_service.domain.vocabulary import Commitment, Public, Stage

MAX_PARTNERS = 500


class PartnerSchema(Schema):
    organisation: Identifier
    commitment: Commitment
    role: Text | None = None
    stages: list[Stage] | None = None


class ProjectBase(Schema):
    title: Name
    call: Identifier
    lead: Identifier
    territories: list[TerritoryCode] = Field(default_factory=list, max_length=1000)
    publics: list[Public] = Field(default_factory=list)
    partners: list[PartnerSchema] = Field(default_factory=list, max_length=MAX_PARTNERS)
    schemes: list[Identifier] = Field(default_factory=list, max_length=1000)


class ProjectCreate(ProjectBase):
    id: Identifier


class ProjectUpdate(Schema):
    title: Name | None = None
    call: Identifier | None = None
    lead: Identifier | None = None
    territories: list[TerritoryCode] | None = Field(default=None, max_length=1000)
    publics: list[Public] | None = None
    partners: list[PartnerSchema] | None = Field(default=None, max_length=MAX_PARTNERS)
    schemes: list[Identifier] | None = Field(default=None, max_length=1000)


class PartnerPublic(PartnerSchema):
    organisation: str
    role: str | None = None


class ProjectPublic(ProjectBase):
    id: str
    title: str
    call: str
    lead: str
    partners: list[PartnerPublic] = Field(default_factory=list)  # type: ignore[assignment]
    schemes: list[str] = Field(default_factory=list)
    unreported: list[str] = Field(
        default_factory=list, description="Ce que la source du dossier ne demandait pas (non renseigné)."
    )


class ProjectsPublic(Schema):
    data: list[ProjectPublic]
    count: int
