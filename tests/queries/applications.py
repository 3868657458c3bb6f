"""A small builder of tiny applications, measured as a stored one would be.

Each application is written as domain objects (organisations, a project, ties) and measured
through the real N(P) builder (:func:`graph_service.domain.network.project_network`) and
:func:`queries.report.compute_report`, so a case exercises what a reviewer would see: which ties
enter N(P) (P's own, those known on the territory, never a competitor's), the metrics, the rules
and the words of the report.

>>> app = Application(org("asso", "youth_sport_culture", stages=["reperage"]))
>>> app.partner(org("ml", "employment", stages=["accompagnement"]), "convention").report().members
2
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from graph_service.domain.models import Organisation, Partner, Project, Scheme, Territory, Tie
from graph_service.domain.network import project_network
from queries.metrics import ProjectContext
from queries.report import Report, compute_report
from queries.scoring import ScoringConfig

ROUBAIX, TOURCOING, WATTRELOS = "59512", "59599", "59650"
MEL = "200093201"

TERRITORIES = (
    Territory(code=MEL, name="Métropole Européenne de Lille", level="epci"),
    Territory(code=ROUBAIX, name="Roubaix", level="commune", parent=MEL),
    Territory(code=TOURCOING, name="Tourcoing", level="commune", parent=MEL),
    Territory(code=WATTRELOS, name="Wattrelos", level="commune", parent=MEL),
)


def org(
    id: str,
    sector: str,
    *,
    name: str | None = None,
    stages: Sequence[str] = (),
    barriers: Sequence[str] = (),
    publics: Sequence[str] = ("neet_16_25",),
    territories: Sequence[str] = (ROUBAIX,),
    subtype: str | None = None,
) -> Organisation:
    """An organisation of the territory (name: its id in capitals unless given)."""
    return Organisation.model_validate(
        {
            "id": id,
            "name": name or f"{id.upper()} fictif",
            "sector": sector,
            "subtype": subtype,
            "territories": list(territories),
            "stages": list(stages),
            "barriers": list(barriers),
            "publics": list(publics),
        }
    )


@dataclass
class Application:
    """A tiny application being written: its lead, partners, ties and surroundings."""

    lead: Organisation
    id: str = "p-test"
    territories: list[str] = field(default_factory=lambda: [ROUBAIX])
    publics: list[str] = field(default_factory=lambda: ["neet_16_25"])
    schemes: list[str] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    partners: list[Partner] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)
    local_schemes: list[Scheme] = field(default_factory=list)
    others: list[Project] = field(default_factory=list)
    unreported: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.organisations[self.lead.id] = self.lead

    def partner(
        self, organisation: Organisation, commitment: str = "convention", stages: Sequence[str] | None = None
    ) -> Application:
        """Add a partner with its commitment (and what it does here, else its own stages)."""
        self.organisations[organisation.id] = organisation
        self.partners.append(
            Partner.model_validate(
                {
                    "organisation": organisation.id,
                    "commitment": commitment,
                    "stages": None if stages is None else list(stages),
                }
            )
        )
        return self

    def partners_of(
        self, organisations: Iterable[Organisation], commitment: str = "convention"
    ) -> Application:
        for organisation in organisations:
            self.partner(organisation, commitment)
        return self

    def declare(self, a: str, b: str, *, formal: bool = True, kind: str = "co_intervention") -> Application:
        """A tie P declares between two of its members."""
        return self._tie(a, b, formal, kind, self.id)

    def known(
        self, a: str, b: str, *, formal: bool = False, kind: str = "echange_information"
    ) -> Application:
        """A tie known on the territory, outside any application (``project`` null)."""
        return self._tie(a, b, formal, kind, None)

    def declared_by(self, other: str, a: str, b: str, *, formal: bool = True) -> Application:
        """A tie another application (``other``) declares between two organisations."""
        return self._tie(a, b, formal, "co_intervention", other)

    def _tie(self, a: str, b: str, formal: bool, kind: str, project: str | None) -> Application:
        self.ties.append(
            Tie.model_validate(
                {"source": a, "target": b, "kind": kind, "formal": formal, "strength": 2, "project": project}
            )
        )
        return self

    def project(self) -> Project:
        return Project.model_validate(
            {
                "id": self.id,
                "title": f"Candidature {self.id}",
                "call": "aap-test",
                "lead": self.lead.id,
                "territories": self.territories,
                "publics": self.publics,
                "partners": [p.model_dump(mode="json") for p in self.partners],
                "schemes": self.schemes,
                "unreported": self.unreported,
            }
        )

    def network(self) -> nx.Graph:
        return project_network(self.project(), self.organisations, self.ties)

    def context(self) -> ProjectContext:
        return ProjectContext(
            schemes=tuple(self.local_schemes), projects=tuple(self.others), territories=TERRITORIES
        )

    def report(self, config: ScoringConfig | None = None) -> Report:
        return compute_report(self.network(), self.context(), config)


def scheme(id: str, kind: str, *, stages: Sequence[str], publics: Sequence[str] = ("neet_16_25",)) -> Scheme:
    """A local scheme on Roubaix with no operator among the members."""
    return Scheme.model_validate(
        {
            "id": id,
            "name": f"{id} (dispositif fictif)",
            "kind": kind,
            "territories": [ROUBAIX],
            "stages": list(stages),
            "publics": list(publics),
        }
    )


def cluster(prefix: str, sector: str, size: int, **attributes: object) -> list[Organisation]:
    """``size`` organisations of one sector, ids ``prefix-1`` … ``prefix-size``."""
    return [org(f"{prefix}-{i}", sector, **attributes) for i in range(1, size + 1)]  # type: ignore[arg-type]


__all__ = [
    "MEL",
    "ROUBAIX",
    "TERRITORIES",
    "TOURCOING",
    "WATTRELOS",
    "Application",
    "cluster",
    "org",
    "scheme",
]
