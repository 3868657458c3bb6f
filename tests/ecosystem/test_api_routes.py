"""An imported organisation over the service's HTTP API: read, patched, and in the gaps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph_service.api import create_app
from graph_service.auth import Role
from graph_service.services.demo import demo_dataset
from graph_service.services.ecosystem import merge_data_inclusion, organisation_id
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from loaders.data_inclusion import load_mapping, read_files

FIXTURES = Path(__file__).parent / "fixtures"
ACI = organisation_id("emplois-de-linclusion--aci-escaut")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    store = SQLiteStore(tmp_path / "graph.db")
    store.upsert_dataset(demo_dataset())
    merge_data_inclusion(
        store, read_files(FIXTURES / "structures.json", FIXTURES / "services.json"), load_mapping()
    )
    settings = Settings(db_path=tmp_path / "graph.db", auth_db_path=tmp_path / "auth.db")
    app = create_app(settings, store)
    with TestClient(app) as test_client:
        token = app.state.services.tokens.create(Role.ADMIN).secret
        yield test_client, {"Authorization": f"Bearer {token}"}
    store.close()


def test_an_imported_organisation_is_read_and_patched_with_its_provenance(client) -> None:
    http, headers = client
    read = http.get(f"/organisations/{ACI}", headers=headers)
    assert read.status_code == 200
    assert read.json()["provenance"]["source_id"] == "emplois-de-linclusion--aci-escaut"
    patched = http.patch(f"/organisations/{ACI}", json={"name": "Chantier (fictif) renommé"}, headers=headers)
    assert patched.status_code == 200, patched.text
    assert patched.json()["provenance"]["source"] == "data-inclusion"
    # An organisation entered by hand has no provenance key at all.
    assert "provenance" not in http.get("/organisations/prev-denain", headers=headers).json()


def test_the_gaps_route_gives_each_recommendation_its_source(client) -> None:
    http, headers = client
    gaps = http.get("/projects/p-2019-07/gaps", headers=headers).json()
    sourced = [r for r in gaps["recommendations"] if r.get("provenance")]
    assert sourced and sourced[0]["organisation"] == ACI
    assert "Source : data·inclusion" in sourced[0]["reason"]
