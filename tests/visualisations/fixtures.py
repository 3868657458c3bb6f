"""Small datasets for the map tests, with hostile names where a name could run code."""

from __future__ import annotations

import random
from typing import Any

from graph_service.domain.models import Dataset, Organisation, Partner, Project, Scheme, Territory, Tie
from graph_service.domain.validation import parse_document
from graph_service.domain.vocabulary import (
    Commitment,
    EnterpriseSubtype,
    SchemeKind,
    Sector,
    Stage,
    TerritoryLevel,
    TieKind,
)

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
XSS_SEPARATOR = "Ligne\u2028séparée & \"guillemets\" 'apostrophes'"

REGION = "32"
DEPARTEMENT = "59"
ROUBAIX = "59512"
TOURCOING = "59599"


def _org(identifier: str, name: str, sector: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": identifier,
        "name": name,
        "sector": sector,
        "territories": [ROUBAIX],
        **fields,
    }


def hostile_document() -> dict[str, Any]:
    """One application of five members whose names try to break out of HTML, JSON and SVG.

    ``p-xss`` (lead ``lead``, named like an ``<img onerror>``) has partners ``ml`` (convention,
    named like a ``</script>``), ``ent`` (informal, an SME, tied to ``ml``), ``cio`` (letter) and
    ``sante`` (co-funding, tied to ``cio``). Every partner is tied to the lead by its commitment,
    and removing the lead leaves {ml, ent} apart from {cio, sante}: the lead is the only
    articulation point. Stages: repérage, mobilisation (lead), accompagnement (ml),
    emploi (ent), formation (cio), nothing for ``sante``: « levée des freins » is uncovered.
    A second application ``p-other`` on Tourcoing shares ``ml`` and ``cio``.
    """
    return {
        "territories": [
            {"code": REGION, "name": "Hauts-de-France", "level": "region"},
            {"code": DEPARTEMENT, "name": "Nord", "level": "departement", "parent": REGION},
            {"code": ROUBAIX, "name": "Roubaix", "level": "commune", "parent": DEPARTEMENT},
            {"code": TOURCOING, "name": "Tourcoing", "level": "commune", "parent": DEPARTEMENT},
        ],
        "organisations": [
            _org("lead", XSS_IMG, "social", stages=["reperage", "mobilisation"], publics=["neet_16_25"]),
            _org("ml", XSS_SCRIPT, "employment", stages=["accompagnement"], barriers=["mobilite"]),
            _org("ent", XSS_SEPARATOR, "enterprise", subtype="sme", stages=["emploi"]),
            _org("cio", "CIO de Roubaix", "education", stages=["formation"], publics=["neet_16_25"]),
            _org("sante", "Maison de santé", "health"),
            _org("other-lead", "Centre social de Tourcoing", "social", territories=[TOURCOING]),
            _org("lonely", "Club de sport", "youth_sport_culture"),
        ],
        "schemes": [
            {
                "id": "cej",
                "name": "CEJ <b>Roubaix</b>",
                "kind": "cej",
                "operator": "ml",
                "territories": [ROUBAIX],
                "stages": ["accompagnement"],
                "publics": ["neet_16_25"],
            }
        ],
        "projects": [
            {
                "id": "p-xss",
                "title": "Aller vers <script>alert(2)</script>",
                "call": "aap-test",
                "lead": "lead",
                "territories": [ROUBAIX],
                "publics": ["neet_16_25"],
                "partners": [
                    {"organisation": "ml", "commitment": "convention", "role": "accompagnement"},
                    {"organisation": "ent", "commitment": "informel"},
                    {"organisation": "cio", "commitment": "lettre_engagement"},
                    {"organisation": "sante", "commitment": "cofinancement"},
                ],
                "schemes": ["cej"],
            },
            {
                "id": "p-other",
                "title": "Raccrocher à Tourcoing",
                "call": "aap-test",
                "lead": "other-lead",
                "territories": [TOURCOING],
                "publics": ["neet_16_25"],
                "partners": [
                    {"organisation": "ml", "commitment": "convention"},
                    {"organisation": "cio", "commitment": "informel"},
                ],
                "schemes": [],
            },
        ],
        "ties": [
            {
                "source": "ml",
                "target": "ent",
                "kind": "orientation",
                "formal": True,
                "strength": 3,
                "project": "p-xss",
            },
            {
                "source": "cio",
                "target": "sante",
                "kind": "co_intervention",
                "formal": False,
                "strength": 1,
                "project": "p-xss",
            },
            {
                "source": "lonely",
                "target": "other-lead",
                "kind": "echange_information",
                "formal": False,
                "strength": 1,
            },
        ],
    }


def hostile_dataset() -> Dataset:
    return parse_document(hostile_document())


def large_territory(
    organisations: int = 1900, schemes: int = 100, ties: int = 5000, seed: int = 7
) -> Dataset:
    """A seeded synthetic commune with ``organisations + schemes`` nodes, for size and speed tests.

    Organisations get a random sector and stages; ``ties`` distinct pairs are tied (a third of them
    informal); each scheme is operated by a random organisation; ten applications of eight
    members each are declared, so overlays and filters have something to show.
    """
    rng = random.Random(seed)
    sectors = list(Sector)
    stages = list(Stage)
    orgs = [
        Organisation(
            id=f"o{i}",
            name=f"Organisation {i}",
            sector=(sector := rng.choice(sectors)),
            subtype=EnterpriseSubtype.SME if sector is Sector.ENTERPRISE else None,
            territories=[ROUBAIX],
            stages=rng.sample(stages, rng.randint(0, 3)),
        )
        for i in range(organisations)
    ]
    scheme_list = [
        Scheme(
            id=f"s{i}",
            name=f"Dispositif {i}",
            kind=SchemeKind.OTHER,
            operator=f"o{rng.randrange(organisations)}",
            territories=[ROUBAIX],
        )
        for i in range(schemes)
    ]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ties:
        a, b = rng.randrange(organisations), rng.randrange(organisations)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    tie_list = [
        Tie(
            source=f"o{a}",
            target=f"o{b}",
            kind=rng.choice(list(TieKind)),
            formal=rng.random() > 0.33,
            strength=rng.randint(1, 3),
        )
        for a, b in sorted(pairs)
    ]
    projects = []
    for p in range(10):
        members = rng.sample(range(organisations), 8)
        projects.append(
            Project(
                id=f"p{p}",
                title=f"Candidature {p}",
                call="aap-large",
                lead=f"o{members[0]}",
                territories=[ROUBAIX],
                partners=[
                    Partner(organisation=f"o{m}", commitment=rng.choice(list(Commitment)))
                    for m in members[1:]
                ],
            )
        )
    return Dataset(
        territories=[Territory(code=ROUBAIX, name="Roubaix", level=TerritoryLevel.COMMUNE)],
        organisations=orgs,
        schemes=scheme_list,
        projects=projects,
        ties=tie_list,
    )
