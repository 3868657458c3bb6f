"""Organisation schemas."""

from __future__ import annotations

from pydantic import Field

from graph_service.api.schemas.common import Schema
from graph_service.domain.models import Identifier, Name, Provenance, TerritoryCode
from graph_service.domain.vocabulary import Barrier, EnterpriseSubtype, Public, Sector, Stage


class OrganisationBase(Schema):
    name: Name
    sector: Sector
    subtype: EnterpriseSubtype | None = None
    siret: str | None = Field(default=None, max_length=40)
    territories: list[TerritoryCode] = Field(default_factory=list, max_length=1000)
    stages: list[Stage] = Field(default_factory=list)
    barriers: list[Barrier] = Field(default_factory=list)
    publics: list[Public] = Field(default_factory=list)


class OrganisationCreate(OrganisationBase):
    id: Identifier


class OrganisationUpdate(Schema):
    name: Name | None = None
    sector: Sector | None = None
    subtype: EnterpriseSubtype | None = None
    siret: str | None = Field(default=None, max_length=40)
    territories: list[TerritoryCode] | None = Field(default=None, max_length=1000)
    stages: list[Stage] | None = None
    barriers: list[Barrier] | None = None
    publics: list[Public] | None = None


class OrganisationPublic(OrganisationBase):
    id: str
    name: str
    # Set by an import from a public referential (data·inclusion), read-only; absent otherwise.
    provenance: Provenance | None = Field(default=None, exclude_if=lambda value: value is None)


class OrganisationsPublic(Schema):
    data: list[OrganisationPublic]
    count: int
