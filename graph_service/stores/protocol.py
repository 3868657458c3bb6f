"""The store interface: what the services need from a place that keeps the partnership graph."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import networkx as nx
from pydantic import BaseModel, Field

from graph_service.domain.models import Dataset, Organisation, Project, Scheme, Territory, Tie
from graph_service.domain.validation import KnownIds


class TableChanges(BaseModel):
    added: int = 0
    changed: int = 0
    unchanged: int = 0


class ImportSummary(BaseModel):
    """What an upsert did, table by table."""

    tables: dict[str, TableChanges] = Field(default_factory=dict)

    @property
    def added(self) -> int:
        return sum(t.added for t in self.tables.values())

    @property
    def changed(self) -> int:
        return sum(t.changed for t in self.tables.values())

    @property
    def unchanged(self) -> int:
        return sum(t.unchanged for t in self.tables.values())


@runtime_checkable
class Store(Protocol):
    """Domain-level access to the partnership graph; both stores pass one contract suite.

    Reads return ``None`` (one entity) or an empty list when nothing matches. Deletes raise
    :class:`~graph_service.domain.errors.NotFound` for a missing entity and
    :class:`~graph_service.domain.errors.Conflict` when others still reference it. Writes are
    atomic: an upsert stores all of a dataset or nothing.
    """

    def upsert_dataset(self, dataset: Dataset) -> ImportSummary:
        """Insert or replace every entity of ``dataset`` in one transaction."""
        ...

    def known_ids(self) -> KnownIds:
        """Return the ids already stored, for validating a partial import."""
        ...

    def get_territory(self, code: str) -> Territory | None: ...

    def list_territories(self) -> list[Territory]: ...

    def delete_territory(self, code: str) -> None: ...

    def get_organisation(self, organisation_id: str) -> Organisation | None: ...

    def list_organisations(
        self, *, territory: str | None = None, sector: str | None = None, public: str | None = None
    ) -> list[Organisation]:
        """List organisations; ``territory`` includes its sub-territories."""
        ...

    def delete_organisation(self, organisation_id: str) -> None:
        """Delete an organisation and its ties; refuse while a project or scheme names it."""
        ...

    def get_scheme(self, scheme_id: str) -> Scheme | None: ...

    def list_schemes(self, *, territory: str | None = None) -> list[Scheme]: ...

    def delete_scheme(self, scheme_id: str) -> None: ...

    def get_project(self, project_id: str) -> Project | None: ...

    def list_projects(
        self,
        *,
        call: str | None = None,
        territory: str | None = None,
        organisation: str | None = None,
        public: str | None = None,
    ) -> list[Project]:
        """List projects; ``organisation`` matches the lead or a partner."""
        ...

    def delete_project(self, project_id: str) -> None:
        """Delete a project and the ties it declared."""
        ...

    def list_ties(self, *, organisation: str | None = None, project: str | None = None) -> list[Tie]: ...

    def delete_tie(self, key: str) -> None: ...

    def project_network(self, project_id: str) -> nx.Graph:
        """Return N(P) as built by :func:`graph_service.domain.network.project_network`."""
        ...

    def project_networks(self, project_ids: Sequence[str]) -> list[nx.Graph]:
        """N(P) of each project, in the order given, in a number of reads that does not grow with
        how many are asked (a call's comparison reads them all at once); :class:`NotFound` for
        a missing one."""
        ...

    def data_version(self) -> int:
        """A number that every committed write increases, whichever process made it.

        What is computed from the store (a call's context, a report) and kept is valid while the
        version it was computed at is still the store's.
        """
        ...

    def territory_ecosystem(self, code: str) -> Dataset:
        """Everything on a territory and its sub-territories, as a self-consistent dataset."""
        ...

    def export_dataset(self) -> Dataset:
        """The whole store as the canonical dataset, in first-insertion order."""
        ...

    def ping(self, *, deep: bool = False) -> None:
        """Ask the store something; raise StoreUnavailable when it cannot answer.

        ``deep`` also checks the stored data is whole (SQLite's ``quick_check``): a damaged file
        raises StoreUnavailable naming it.
        """
        ...

    def close(self) -> None: ...


__all__ = ["ImportSummary", "Store", "TableChanges"]
