"""``POST /imports/demarches``: an admin syncs a démarche through the server's token, like a file import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from graph_service.api import create_app
from graph_service.auth import Role
from graph_service.services.demo import demo_dataset
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from tests.support.ds_fixtures import example_dossiers
from tests.support.ds_graphql import Behaviour, serve

MAPPING = (Path(__file__).resolve().parents[2] / "examples" / "demarches" / "mapping.toml").read_bytes()
DEMARCHE = 4242


@pytest.fixture
def behaviour() -> Behaviour:
    return Behaviour(demarches={DEMARCHE: example_dossiers()})


def running(tmp_path: Path, url: str, token: str) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    settings = Settings(
        db_path=tmp_path / "graph.db",
        auth_db_path=tmp_path / "auth.db",
        ds_api_url=url,
        ds_api_token=SecretStr(token),
        ds_api_timeout_s=5,
    )
    store = SQLiteStore(settings.db_path)
    store.upsert_dataset(demo_dataset())
    app = create_app(settings, store)
    with TestClient(app) as client:
        tokens = app.state.services.tokens
        headers = {
            "admin": {"Authorization": f"Bearer {tokens.create(Role.ADMIN).secret}"},
            "reviewer": {"Authorization": f"Bearer {tokens.create(Role.REVIEWER, regions=['32']).secret}"},
        }
        yield client, headers
    store.close()


def post(client: TestClient, headers: dict[str, str], demarche: int = DEMARCHE) -> object:
    return client.post(
        "/imports/demarches",
        data={"demarche": str(demarche)},
        files={"mapping": ("mapping.toml", MAPPING, "application/toml")},
        headers=headers,
    )


def test_an_admin_imports_a_demarche_and_a_second_sync_changes_nothing(
    tmp_path: Path, behaviour: Behaviour
) -> None:
    with serve(behaviour) as url:
        for client, headers in running(tmp_path, url, "jeton-de-test"):
            first = post(client, headers["admin"])
            assert first.status_code == 201, first.text
            body = first.json()
            assert (body["file"], body["format"]) == ("démarche 4242", "demarches-simplifiees-api")
            assert body["tables"]["projects"]["added"] == 3
            assert (
                body["detected"][0] == "démarche 4242 : 4 dossiers lus en 1 page (première synchronisation)"
            )
            second = post(client, headers["admin"]).json()
            assert (second["added"], second["changed"]) == (0, 0)
            assert "0 dossier lu en 1 page (modifiés depuis le" in second["detected"][0]
            assert client.get("/projects/ds-1201", headers=headers["admin"]).status_code == 200


def test_only_an_admin_may_sync(tmp_path: Path, behaviour: Behaviour) -> None:
    with serve(behaviour) as url:
        for client, headers in running(tmp_path, url, "jeton-de-test"):
            assert post(client, headers["reviewer"]).status_code == 403
    assert behaviour.requests == []


def test_a_token_the_platform_refuses_is_a_502_that_never_repeats_it(
    tmp_path: Path, behaviour: Behaviour
) -> None:
    with serve(behaviour) as url:
        for client, headers in running(tmp_path, url, "jeton-expire"):
            answer = post(client, headers["admin"])
            assert answer.status_code == 502
            assert "expiré ou révoqué" in answer.json()["detail"]
            assert "jeton-expire" not in answer.text


def test_without_a_configured_token_the_sync_answers_409_before_calling_out(
    tmp_path: Path, behaviour: Behaviour
) -> None:
    with serve(behaviour) as url:
        for client, headers in running(tmp_path, url, ""):
            answer = post(client, headers["admin"])
            assert answer.status_code == 409
            assert "DS_API_TOKEN" in answer.json()["detail"]
    assert behaviour.requests == []


def test_an_invalid_mapping_is_a_422_naming_the_key(tmp_path: Path, behaviour: Behaviour) -> None:
    with serve(behaviour) as url:
        for client, headers in running(tmp_path, url, "jeton-de-test"):
            answer = client.post(
                "/imports/demarches",
                data={"demarche": str(DEMARCHE)},
                files={"mapping": ("mapping.toml", b"call = ", "application/toml")},
                headers=headers["admin"],
            )
            assert answer.status_code == 422
