"""Small hand-built datasets that tests of every area can reuse.

The territory is real-looking (INSEE codes of the Nord: Roubaix and Tourcoing in the Métropole
Européenne de Lille, Valenciennes in Valenciennes Métropole); the organisations are fictional but
carry SIRETs with a correct Luhn key (built by :func:`make_siret`).

``small_region()`` is shaped so that each store rule has something to bite on:

- ``p-roubaix`` (call ``aap-2019``, lead ``asso-horizon``) has three partners: ``ml-roubaix``
  (convention, declares its own stages), ``ft-tourcoing`` (informal, no stages: the organisation's
  count) and ``ent-textile`` (letter of commitment, an SME). Declared ties: lead → ml-roubaix
  (orientation, strength 2, formal) and ml-roubaix → ft-tourcoing (co-intervention between two
  partners, strength 3). ml-roubaix also has a territory tie to ``mel``, who is not a member.
- ``p-valenciennes`` (call ``aap-2019``, lead ``ccas-valenciennes``, partner ``e2c-hainaut``) sits
  in the other EPCI, with one declared tie.
- ``p-tourcoing-2020`` (call ``aap-2020``, lead ``ml-roubaix``, partner ``asso-horizon``).
- ``plie-hainaut`` operates the scheme ``plie-valenciennes`` and is in no project; ``mel`` is in no
  project and operates nothing.
"""

from __future__ import annotations

import copy
from typing import Any

from graph_service.domain.codes import luhn_valid
from graph_service.domain.models import Dataset
from graph_service.domain.validation import parse_document

REGION = "32"  # Hauts-de-France
DEPARTEMENT = "59"  # Nord
MEL = "200093201"  # Métropole Européenne de Lille
VALENCIENNES_METROPOLE = "245901160"
ROUBAIX = "59512"
TOURCOING = "59599"
VALENCIENNES = "59606"
QPV_ROUBAIX = "QN05912M"


def luhn_key(digits: str) -> str:
    """Return the digit that, appended to ``digits``, makes a Luhn-valid number."""
    for key in "0123456789":
        if luhn_valid(digits + key):
            return key
    raise AssertionError("unreachable: one of ten digits always completes a Luhn number")


def make_siret(number: int) -> str:
    """Build a valid SIRET (fourteen digits, Luhn key last) from a small number.

    The SIREN part never starts with 356000000 (La Poste follows another rule).
    """
    body = f"4{number:012d}"
    return body + luhn_key(body)


def small_region_document() -> dict[str, Any]:
    """The canonical JSON document of the small region (a fresh copy each call)."""
    return copy.deepcopy(_SMALL_REGION)


def small_region() -> Dataset:
    """The small region as a validated :class:`Dataset`."""
    return parse_document(small_region_document(), "small-region.json")


def organisation(identifier: str, sector: str = "social", **fields: Any) -> dict[str, Any]:
    """A canonical organisation entry with every field, for building test documents."""
    entry: dict[str, Any] = {
        "id": identifier,
        "name": fields.pop("name", identifier.replace("-", " ").title()),
        "sector": sector,
        "subtype": None,
        "siret": None,
        "territories": [],
        "stages": [],
        "barriers": [],
        "publics": [],
    }
    entry.update(fields)
    return entry


def empty_document() -> dict[str, Any]:
    return {"territories": [], "organisations": [], "schemes": [], "projects": [], "ties": []}


_SMALL_REGION: dict[str, Any] = {
    "territories": [
        {"code": REGION, "name": "Hauts-de-France", "level": "region", "parent": None},
        {"code": DEPARTEMENT, "name": "Nord", "level": "departement", "parent": REGION},
        {"code": MEL, "name": "Métropole Européenne de Lille", "level": "epci", "parent": DEPARTEMENT},
        {
            "code": VALENCIENNES_METROPOLE,
            "name": "Valenciennes Métropole",
            "level": "epci",
            "parent": DEPARTEMENT,
        },
        {"code": ROUBAIX, "name": "Roubaix", "level": "commune", "parent": MEL},
        {"code": TOURCOING, "name": "Tourcoing", "level": "commune", "parent": MEL},
        {"code": VALENCIENNES, "name": "Valenciennes", "level": "commune", "parent": VALENCIENNES_METROPOLE},
        {"code": QPV_ROUBAIX, "name": "Quartier de l'Alma", "level": "qpv", "parent": ROUBAIX},
    ],
    "organisations": [
        organisation(
            "asso-horizon",
            "social",
            name="Association Horizon",
            siret=make_siret(1),
            territories=[QPV_ROUBAIX],
            stages=["reperage", "mobilisation"],
            barriers=["acces_droits"],
            publics=["neet_16_25", "qpv"],
        ),
        organisation(
            "ml-roubaix",
            "employment",
            name="Mission Locale de Roubaix",
            siret=make_siret(2),
            territories=[ROUBAIX],
            stages=["accompagnement", "formation"],
            barriers=["mobilite"],
            publics=["neet_16_25"],
        ),
        organisation(
            "ft-tourcoing",
            "employment",
            name="France Travail Tourcoing",
            siret=make_siret(3),
            territories=[TOURCOING],
            stages=["accompagnement", "emploi"],
            publics=["jeunes_16_29"],
        ),
        organisation(
            "ent-textile",
            "enterprise",
            name="Textiles du Nord",
            subtype="sme",
            siret=make_siret(4),
            territories=[TOURCOING],
            stages=["emploi"],
        ),
        organisation("mel", "public_authority", name="Métropole Européenne de Lille", territories=[MEL]),
        organisation(
            "ccas-valenciennes",
            "social",
            name="CCAS de Valenciennes",
            siret=make_siret(5),
            territories=[VALENCIENNES],
            stages=["levee_freins"],
            barriers=["logement"],
            publics=["neet_16_25", "sans_domicile"],
        ),
        organisation(
            "e2c-hainaut",
            "education",
            name="École de la 2e chance du Hainaut",
            territories=[VALENCIENNES],
            stages=["formation"],
            publics=["decrocheurs"],
        ),
        organisation(
            "plie-hainaut",
            "employment",
            name="PLIE du Valenciennois",
            territories=[VALENCIENNES],
            stages=["accompagnement"],
        ),
    ],
    "schemes": [
        {
            "id": "cej-roubaix",
            "name": "Contrat d'engagement jeune — Roubaix",
            "kind": "cej",
            "operator": "ml-roubaix",
            "territories": [ROUBAIX],
            "stages": ["accompagnement"],
            "publics": ["neet_16_25"],
        },
        {
            "id": "plie-valenciennes",
            "name": "PLIE du Valenciennois",
            "kind": "plie",
            "operator": "plie-hainaut",
            "territories": [VALENCIENNES],
            "stages": ["accompagnement", "emploi"],
            "publics": [],
        },
    ],
    "projects": [
        {
            "id": "p-roubaix",
            "title": "Aller vers les jeunes de Roubaix",
            "call": "aap-2019",
            "lead": "asso-horizon",
            "territories": [ROUBAIX, TOURCOING],
            "publics": ["neet_16_25", "qpv"],
            "partners": [
                {
                    "organisation": "ml-roubaix",
                    "commitment": "convention",
                    "role": "accompagnement des jeunes repérés",
                    "stages": ["accompagnement"],
                },
                {"organisation": "ft-tourcoing", "commitment": "informel", "role": None, "stages": None},
                {
                    "organisation": "ent-textile",
                    "commitment": "lettre_engagement",
                    "role": "immersions",
                    "stages": None,
                },
            ],
            "schemes": ["cej-roubaix"],
        },
        {
            "id": "p-valenciennes",
            "title": "Lever les freins à Valenciennes",
            "call": "aap-2019",
            "lead": "ccas-valenciennes",
            "territories": [VALENCIENNES],
            "publics": ["sans_domicile"],
            "partners": [
                {"organisation": "e2c-hainaut", "commitment": "convention", "role": None, "stages": None}
            ],
            "schemes": [],
        },
        {
            "id": "p-tourcoing-2020",
            "title": "Raccrocher à Tourcoing",
            "call": "aap-2020",
            "lead": "ml-roubaix",
            "territories": [TOURCOING],
            "publics": ["decrocheurs"],
            "partners": [
                {"organisation": "asso-horizon", "commitment": "informel", "role": None, "stages": None}
            ],
            "schemes": [],
        },
    ],
    "ties": [
        {
            "source": "asso-horizon",
            "target": "ml-roubaix",
            "kind": "orientation",
            "formal": True,
            "strength": 2,
            "project": "p-roubaix",
        },
        {
            "source": "ml-roubaix",
            "target": "ft-tourcoing",
            "kind": "co_intervention",
            "formal": False,
            "strength": 3,
            "project": "p-roubaix",
        },
        {
            "source": "ml-roubaix",
            "target": "mel",
            "kind": "echange_information",
            "formal": False,
            "strength": 1,
            "project": None,
        },
        {
            "source": "ccas-valenciennes",
            "target": "e2c-hainaut",
            "kind": "convention",
            "formal": True,
            "strength": 3,
            "project": "p-valenciennes",
        },
    ],
}

__all__ = [
    "DEPARTEMENT",
    "MEL",
    "QPV_ROUBAIX",
    "REGION",
    "ROUBAIX",
    "TOURCOING",
    "VALENCIENNES",
    "VALENCIENNES_METROPOLE",
    "empty_document",
    "luhn_key",
    "make_siret",
    "organisation",
    "small_region",
    "small_region_document",
]
