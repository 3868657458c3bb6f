"""Small datasets for the map tests, with hostile names where a name could run code."""

from __future__ import annotations

from typing import Any

from graph_service.domain.models import Dataset
from graph_service.domain.validation import parse_document

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(1)</script>"
XSS_SEPARATOR = "Ligne\u2028séparée & \"guillemets\" 'apostrophes'"

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
            {"code": ROUBAIX, "name": "Roubaix", "level": "commune"},
            {"code": TOURCOING, "name": "Tourcoing", "level": "commune"},
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
