"""What one principal may see: the rules of the roles, applied to the store's entities.

- ``admin`` sees everything.
- ``reviewer`` sees the applications with a territory under one of its régions (walking the
  territory parents), and the territory ecosystem of those régions.
- ``lead`` sees the applications its organisation leads, and the ecosystem of the départements
  they cover: organisations, schemes and known ties (ties with no ``project``), never another
  application, its partners as such, its report or its scores.

Everything a principal may not see is answered as missing, so existence does not leak.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

from graph_service.auth.principal import Principal, Role
from graph_service.domain.errors import NotFound
from graph_service.domain.models import Dataset, Organisation, Project, Scheme, Tie
from graph_service.domain.vocabulary import TerritoryLevel
from graph_service.stores.protocol import Store

Parents = Mapping[str, tuple[str | None, TerritoryLevel]]


class Visibility:
    """Visibility rules for one principal over one store.

    ``parents`` maps each territory code to its parent and level; the API caches it between writes.
    """

    def __init__(self, principal: Principal, store: Store, parents: Parents) -> None:
        self.principal = principal
        self.store = store
        self.parents = parents

    @property
    def everything(self) -> bool:
        return self.principal.role is Role.ADMIN

    # -- territories -------------------------------------------------------------------------

    def ancestors(self, code: str) -> list[str]:
        """The code itself then its parents up to the top (stops on a cycle)."""
        chain: list[str] = []
        current: str | None = code
        while current is not None and current not in chain:
            chain.append(current)
            entry = self.parents.get(current)
            current = entry[0] if entry else None
        return chain

    def _department_or_top(self, code: str) -> str:
        chain = self.ancestors(code)
        for item in chain:
            entry = self.parents.get(item)
            if entry and entry[1] is TerritoryLevel.DEPARTEMENT:
                return item
        return chain[-1]

    @cached_property
    def scope_roots(self) -> frozenset[str]:
        """The territories whose ecosystem the principal reads (empty for admin: no limit)."""
        if self.principal.role is Role.REVIEWER:
            return frozenset(self.principal.regions)
        if self.principal.role is Role.LEAD:
            return frozenset(
                self._department_or_top(code) for project in self.led_projects for code in project.territories
            )
        return frozenset()

    def in_scope(self, codes: Iterable[str]) -> bool:
        """Whether one of ``codes`` lies under one of the principal's scope roots."""
        if self.everything:
            return True
        roots = self.scope_roots
        return any(root in roots for code in codes for root in self.ancestors(code))

    def territory_readable(self, code: str) -> bool:
        """Whether the principal may read the ecosystem of territory ``code``."""
        return self.in_scope([code])

    # -- projects ----------------------------------------------------------------------------

    @cached_property
    def led_projects(self) -> list[Project]:
        organisation = self.principal.organisation
        if organisation is None:
            return []
        return [p for p in self.store.list_projects(organisation=organisation) if p.lead == organisation]

    def project_visible(self, project: Project) -> bool:
        if self.everything:
            return True
        if self.principal.role is Role.REVIEWER:
            return self.in_scope(project.territories)
        return project.lead == self.principal.organisation

    def project_editable(self, project: Project) -> bool:
        if self.everything:
            return True
        return self.principal.role is Role.LEAD and project.lead == self.principal.organisation

    @cached_property
    def visible_projects(self) -> list[Project]:
        if self.principal.role is Role.LEAD:
            return self.led_projects
        return [p for p in self.store.list_projects() if self.project_visible(p)]

    @cached_property
    def visible_project_ids(self) -> frozenset[str]:
        return frozenset(p.id for p in self.visible_projects)

    @cached_property
    def _members(self) -> frozenset[str]:
        return frozenset(m for p in self.visible_projects for m in p.member_ids)

    @cached_property
    def _articulated(self) -> frozenset[str]:
        return frozenset(s for p in self.visible_projects for s in p.schemes)

    @cached_property
    def hidden_terms(self) -> list[str]:
        """Ids and titles of the applications the principal may not see, longest first."""
        if self.everything:
            return []
        terms = {
            term
            for p in self.store.list_projects()
            if p.id not in self.visible_project_ids
            for term in (p.id, p.title)
        }
        return sorted(terms, key=len, reverse=True)

    # -- ecosystem entities ------------------------------------------------------------------

    def organisation_visible(self, organisation: Organisation) -> bool:
        return self.everything or organisation.id in self._members or self.in_scope(organisation.territories)

    def scheme_visible(self, scheme: Scheme) -> bool:
        return self.everything or scheme.id in self._articulated or self.in_scope(scheme.territories)

    def tie_visible(self, tie: Tie, organisation_ids: frozenset[str] | None = None) -> bool:
        if self.everything:
            return True
        if tie.project is not None:
            return tie.project in self.visible_project_ids
        ids = organisation_ids if organisation_ids is not None else self.visible_organisation_ids
        return tie.source in ids and tie.target in ids

    @cached_property
    def visible_organisation_ids(self) -> frozenset[str]:
        """Read once per request: a list of ties checks both ends of each against it."""
        return frozenset(o.id for o in self.store.list_organisations() if self.organisation_visible(o))

    def filter_dataset(self, dataset: Dataset) -> Dataset:
        """Keep what the principal may see of an extract (an ecosystem, for instance)."""
        if self.everything:
            return dataset
        organisations = [o for o in dataset.organisations if self.organisation_visible(o)]
        ids = frozenset(o.id for o in organisations)
        return Dataset(
            territories=dataset.territories,
            organisations=organisations,
            schemes=[
                s.model_copy(update={"operator": s.operator if s.operator in ids else None})
                for s in dataset.schemes
                if self.scheme_visible(s)
            ],
            projects=[p for p in dataset.projects if p.id in self.visible_project_ids],
            ties=[t for t in dataset.ties if self.tie_visible(t, ids)],
        )


def visible_project(visibility: Visibility, project_id: str) -> Project:
    """The project if the principal may see it; otherwise the same :class:`NotFound` as a missing one."""
    project = visibility.store.get_project(project_id)
    if project is None or not visibility.project_visible(project):
        raise NotFound(f"projet « {project_id} » introuvable", message_en=f"project {project_id!r} not found")
    return project


def scope_key(visibility: Visibility) -> tuple[object, ...]:
    """What makes two tokens see the same thing: role, régions, organisation (not the token)."""
    principal = visibility.principal
    return (principal.role, principal.regions, principal.organisation)


__all__ = ["Parents", "Visibility", "scope_key", "visible_project"]
