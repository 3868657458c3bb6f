"""API fixtures: a store (each kind), the app around it, and one token per role.

The matrix dataset is the small region of ``tests.support.datasets`` (région 32) plus one
application in another région (Île-de-France, 11): ``p-saint-denis``, led by ``asso-plaine`` with
partners found nowhere else. A reviewer of région 32 and the lead ``asso-horizon`` must never see
it, nor ``p-valenciennes`` and ``p-tourcoing-2020`` for the lead (it is only a partner of the latter).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph_service.auth import Role
from graph_service.domain.validation import parse_document
from graph_service.server import create_app
from graph_service.services.state import Services
from graph_service.settings import Settings
from graph_service.stores.protocol import Store
from graph_service.stores.sqlite import SQLiteStore
from tests.support.datasets import organisation, small_region_document

SAINT_DENIS = "93066"
OTHER_PARTNER_NAMES = ["Plaine Insertion Confidentielle", "Ressourcerie Secrète de la Plaine"]


def matrix_document() -> dict[str, Any]:
    document = small_region_document()
    document["territories"] += [
        {"code": "11", "name": "Île-de-France", "level": "region", "parent": None},
        {"code": "93", "name": "Seine-Saint-Denis", "level": "departement", "parent": "11"},
        {"code": SAINT_DENIS, "name": "Saint-Denis", "level": "commune", "parent": "93"},
    ]
    document["organisations"] += [
        organisation("asso-plaine", "social", name="Association de la Plaine", territories=[SAINT_DENIS]),
        organisation(
            "plaine-insertion",
            "enterprise",
            name=OTHER_PARTNER_NAMES[0],
            subtype="siae",
            territories=[SAINT_DENIS],
            stages=["emploi"],
        ),
        organisation(
            "ressourcerie-plaine",
            "enterprise",
            name=OTHER_PARTNER_NAMES[1],
            subtype="siae",
            territories=[SAINT_DENIS],
            stages=["formation"],
        ),
    ]
    document["schemes"].append(
        {
            "id": "cej-saint-denis",
            "name": "CEJ Saint-Denis",
            "kind": "cej",
            "operator": "asso-plaine",
            "territories": [SAINT_DENIS],
            "stages": ["accompagnement"],
            "publics": ["neet_16_25"],
        }
    )
    document["projects"].append(
        {
            "id": "p-saint-denis",
            "title": "Projet confidentiel de la Plaine",
            "call": "aap-plaine",
            "lead": "asso-plaine",
            "territories": [SAINT_DENIS],
            "publics": ["neet_16_25"],
            "partners": [
                {
                    "organisation": "plaine-insertion",
                    "commitment": "convention",
                    "role": None,
                    "stages": None,
                },
                {
                    "organisation": "ressourcerie-plaine",
                    "commitment": "informel",
                    "role": None,
                    "stages": None,
                },
            ],
            "schemes": ["cej-saint-denis"],
        }
    )
    document["ties"].append(
        {
            "source": "asso-plaine",
            "target": "plaine-insertion",
            "kind": "convention",
            "formal": True,
            "strength": 3,
            "project": "p-saint-denis",
        }
    )
    return document


STORE_KINDS = ["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=STORE_KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each kind: an SQLite file, or the session's Neo4j wiped clean."""
    if request.param == "neo4j":
        yield request.getfixturevalue("neo4j_store")
        return
    opened = SQLiteStore(tmp_path / "graph.db")
    yield opened
    opened.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "graph.db", auth_db_path=tmp_path / "auth.db", max_file_mb=1)


@dataclass
class Api:
    """A running app (lifespan entered), its services and one token per role."""

    client: TestClient
    services: Services
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def export(self) -> str:
        return self.client.get("/exports", headers=self.headers("admin")).text


@pytest.fixture
def api(store: Store, settings: Settings) -> Iterator[Api]:
    store.upsert_dataset(parse_document(matrix_document(), "matrix.json"))
    app = create_app(settings, store)
    with TestClient(app) as client:
        services: Services = app.state.services
        registry = services.tokens
        tokens = {
            "admin": registry.create(Role.ADMIN).secret,
            "reviewer": registry.create(Role.REVIEWER, regions=["32"]).secret,
            "lead": registry.create(Role.LEAD, organisation="asso-horizon").secret,
        }
        yield Api(client=client, services=services, tokens=tokens)
