"""A seeded generator of a synthetic region, valid as a canonical dataset.

The shape follows real calls: a région, départements, EPCIs of a few dozen communes each,
organisations of every sector on one or two communes, local schemes run by organisations, and
applications with a lead and 3–15 partners. Ties are declared mostly inside applications (between
two members), the rest known on the territory outside any application.

Everything comes from one ``random.Random(seed)``: the same parameters give the same dataset.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from graph_service.domain.codes import luhn_valid
from graph_service.domain.models import Dataset, Organisation, Partner, Project, Scheme, Territory, Tie
from graph_service.domain.vocabulary import (
    Barrier,
    Commitment,
    EnterpriseSubtype,
    Public,
    SchemeKind,
    Sector,
    Stage,
    TerritoryLevel,
    TieKind,
)

SECTORS = list(Sector)
STAGES = list(Stage)
BARRIERS = list(Barrier)
PUBLICS = list(Public)
COMMITMENTS = list(Commitment)
TIE_KINDS = list(TieKind)
SUBTYPES = list(EnterpriseSubtype)
SCHEME_KINDS = list(SchemeKind)
# Départements of the Hauts-de-France, in the order they are used.
DEPARTEMENTS = ["59", "62", "80", "60", "02"]


@dataclass(frozen=True)
class RegionParameters:
    organisations: int = 10_000
    projects: int = 2_000
    ties: int = 100_000
    communes: int = 400
    communes_per_epci: int = 25
    schemes: int = 200
    share_of_ties_in_projects: float = 0.7
    members: tuple[int, int] = (4, 16)  # lead included, drawn uniformly
    seed: int = 2019


def _with_luhn_key(body: str) -> str:
    return next(body + key for key in "0123456789" if luhn_valid(body + key))


def _sample(rng: random.Random, population: list[object], low: int, high: int) -> list[object]:
    return rng.sample(population, rng.randint(low, min(high, len(population))))


def _territories(rng: random.Random, parameters: RegionParameters) -> tuple[list[Territory], list[str]]:
    region = Territory(code="32", name="Région synthétique", level=TerritoryLevel.REGION)
    territories = [region]
    communes: list[str] = []
    per_departement = 900
    departements = DEPARTEMENTS[: max(1, -(-parameters.communes // per_departement))]
    if parameters.communes > per_departement * len(DEPARTEMENTS):
        raise ValueError(f"at most {per_departement * len(DEPARTEMENTS)} communes")
    epci_number = 0
    remaining = parameters.communes
    for departement in departements:
        territories.append(
            Territory(
                code=departement,
                name=f"Département {departement}",
                level=TerritoryLevel.DEPARTEMENT,
                parent=region.code,
            )
        )
        in_departement = min(remaining, per_departement)
        remaining -= in_departement
        for start in range(0, in_departement, parameters.communes_per_epci):
            epci_number += 1
            epci = _with_luhn_key(f"2{epci_number:07d}")
            territories.append(
                Territory(
                    code=epci, name=f"EPCI {epci_number}", level=TerritoryLevel.EPCI, parent=departement
                )
            )
            for number in range(start + 1, min(start + parameters.communes_per_epci, in_departement) + 1):
                code = f"{departement}{number:03d}"
                communes.append(code)
                territories.append(
                    Territory(code=code, name=f"Commune {code}", level=TerritoryLevel.COMMUNE, parent=epci)
                )
    rng.shuffle(communes)
    return territories, communes


def _organisations(
    rng: random.Random, parameters: RegionParameters, communes: list[str]
) -> list[Organisation]:
    organisations = []
    for number in range(parameters.organisations):
        sector = rng.choice(SECTORS)
        organisations.append(
            Organisation(
                id=f"org-{number:06d}",
                name=f"Organisation {number}",
                sector=sector,
                subtype=rng.choice(SUBTYPES) if sector is Sector.ENTERPRISE else None,
                siret=_with_luhn_key(f"5{number:012d}") if rng.random() < 0.8 else None,
                territories=_sample(rng, communes, 1, 2),  # type: ignore[arg-type]
                stages=_sample(rng, STAGES, 1, 3),  # type: ignore[arg-type]
                barriers=_sample(rng, BARRIERS, 0, 2),  # type: ignore[arg-type]
                publics=_sample(rng, PUBLICS, 0, 3),  # type: ignore[arg-type]
            )
        )
    return organisations


def _schemes(
    rng: random.Random, parameters: RegionParameters, organisation_ids: list[str], communes: list[str]
) -> list[Scheme]:
    return [
        Scheme(
            id=f"scheme-{number:05d}",
            name=f"Dispositif {number}",
            kind=rng.choice(SCHEME_KINDS),
            operator=rng.choice(organisation_ids),
            territories=_sample(rng, communes, 1, 5),  # type: ignore[arg-type]
            stages=_sample(rng, STAGES, 1, 2),  # type: ignore[arg-type]
            publics=_sample(rng, PUBLICS, 1, 2),  # type: ignore[arg-type]
        )
        for number in range(parameters.schemes)
    ]


def _projects(
    rng: random.Random,
    parameters: RegionParameters,
    organisation_ids: list[str],
    scheme_ids: list[str],
    communes: list[str],
) -> list[Project]:
    projects = []
    for number in range(parameters.projects):
        members = rng.sample(
            organisation_ids,
            rng.randint(parameters.members[0], min(parameters.members[1], len(organisation_ids))),
        )
        projects.append(
            Project(
                id=f"p-{number:05d}",
                title=f"Candidature {number}",
                call=f"aap-{2019 + number % 3}",
                lead=members[0],
                territories=_sample(rng, communes, 1, 3),  # type: ignore[arg-type]
                publics=_sample(rng, PUBLICS, 1, 3),  # type: ignore[arg-type]
                partners=[
                    Partner(
                        organisation=member,
                        commitment=rng.choice(COMMITMENTS),
                        stages=_sample(rng, STAGES, 1, 2) if rng.random() < 0.3 else None,  # type: ignore[arg-type]
                    )
                    for member in members[1:]
                ],
                schemes=_sample(rng, scheme_ids, 0, 2) if scheme_ids else [],  # type: ignore[arg-type]
            )
        )
    return projects


def _ties(
    rng: random.Random, parameters: RegionParameters, organisation_ids: list[str], projects: list[Project]
) -> list[Tie]:
    ties: dict[str, Tie] = {}
    in_projects = int(parameters.ties * parameters.share_of_ties_in_projects) if projects else 0
    attempts = 0
    while len(ties) < parameters.ties:
        attempts += 1
        if attempts > parameters.ties * 20:
            raise ValueError("too many ties for so few organisations: every pair is taken")
        if len(ties) < in_projects:
            project = rng.choice(projects)
            source, target = rng.sample(project.member_ids, 2)
            project_id: str | None = project.id
        else:
            source, target = rng.sample(organisation_ids, 2)
            project_id = None
        tie = Tie(
            source=source,
            target=target,
            kind=rng.choice(TIE_KINDS),
            formal=rng.random() < 0.4,
            strength=rng.randint(1, 3),
            project=project_id,
        )
        ties.setdefault(tie.key, tie)
    return list(ties.values())


def generate_region(parameters: RegionParameters | None = None) -> Dataset:
    """Generate a synthetic region; valid (no dangling, duplicate or malformed entry)."""
    parameters = parameters or RegionParameters()
    rng = random.Random(parameters.seed)
    territories, communes = _territories(rng, parameters)
    organisations = _organisations(rng, parameters, communes)
    organisation_ids = [o.id for o in organisations]
    schemes = _schemes(rng, parameters, organisation_ids, communes)
    projects = _projects(rng, parameters, organisation_ids, [s.id for s in schemes], communes)
    ties = _ties(rng, parameters, organisation_ids, projects)
    return Dataset(
        territories=territories, organisations=organisations, schemes=schemes, projects=projects, ties=ties
    )


__all__ = ["RegionParameters", "generate_region"]
