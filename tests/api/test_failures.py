"""Failures that keep the books straight on SQLite: a full disk answers 507 with nothing written and
no write goes without its audit record; a damaged file is refused at start-up and by a deep health check.

Files are filled to a real size limit (``PRAGMA max_page_count``, applied by SQLite itself on every
connection), not mocked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph_service.api import create_app
from graph_service.auth import AuditLog, AuthDatabase, Principal, Role
from graph_service.domain.errors import StorageFull, StoreUnavailable
from graph_service.domain.validation import parse_document
from graph_service.services.state import Services
from graph_service.settings import Settings
from graph_service.stores.sqlite import SQLiteStore
from tests.api.conftest import Api, matrix_document

NEW_ORGANISATION = {"id": "org-nouvelle", "name": "Nouvelle", "sector": "social"}


def page_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(connection.execute("PRAGMA page_count").fetchone()[0])
    finally:
        connection.close()


def limited(path: Path) -> tuple[str]:
    """The pragma that keeps a file at the size it has now."""
    return (f"PRAGMA max_page_count={page_count(path)}",)


def fill(audit: AuditLog, principal: Principal) -> None:
    """Write filler records, large then small, until the file at its limit takes no more."""
    for size in (4_000, 400, 40, 1):
        try:
            while True:
                audit.record(principal, "remplissage", "filler", "x", after="x" * size)
        except StorageFull:
            continue


def audit_rows(path: Path, entity: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM audit WHERE entity = ?", (entity,)).fetchone()[0])
    finally:
        connection.close()


@pytest.fixture
def full_store_api(tmp_path: Path) -> Iterator[Api]:
    """The API over an SQLite store whose file is at its size limit."""
    path = tmp_path / "graph.db"
    seeded = SQLiteStore(path)
    seeded.upsert_dataset(parse_document(matrix_document(), "matrix.json"))
    seeded.close()
    store = SQLiteStore(path, pragmas=limited(path))
    settings = Settings(db_path=path, auth_db_path=tmp_path / "auth.db")
    with TestClient(create_app(settings, store)) as client:
        services: Services = client.app.state.services  # type: ignore[attr-defined]
        yield Api(
            client=client, services=services, tokens={"admin": services.tokens.create(Role.ADMIN).secret}
        )
    store.close()


def test_an_import_into_a_full_store_answers_507_stores_nothing_and_keeps_no_record(
    full_store_api: Api, tmp_path: Path
) -> None:
    api = full_store_api
    before = api.export()
    organisations = [{**NEW_ORGANISATION, "id": f"org-{n}", "name": "Organisation " * 10} for n in range(300)]
    data = json.dumps({"organisations": organisations}).encode()
    response = api.client.post("/imports", files={"file": ("gros.json", data)}, headers=api.headers("admin"))
    assert response.status_code == 507, response.text
    body = response.json()
    assert body["error"] == "storage_full"
    assert body["detail"].startswith("disque plein")
    assert api.export() == before
    assert audit_rows(tmp_path / "auth.db", "dataset") == 0  # the record of the refused import was withdrawn


def test_a_write_whose_audit_record_cannot_be_written_is_refused(api: Api, settings: Settings) -> None:
    services = api.services
    # The audit file at its size limit, filled through the audit log itself.
    services.audit = AuditLog(AuthDatabase(settings.auth_db_path, pragmas=limited(settings.auth_db_path)))
    fill(services.audit, Principal(token_id="remplissage", role=Role.ADMIN))
    response = api.client.post("/organisations", json=NEW_ORGANISATION, headers=api.headers("admin"))
    assert response.status_code == 507, response.text
    assert response.json()["error"] == "storage_full"
    # No write without its record: the organisation was not stored.
    assert services.store.get_organisation(NEW_ORGANISATION["id"]) is None
    assert audit_rows(settings.auth_db_path, "organisation") == 0


def test_a_write_is_recorded_with_its_audit_entry(api: Api, settings: Settings) -> None:
    response = api.client.post("/organisations", json=NEW_ORGANISATION, headers=api.headers("admin"))
    assert response.status_code == 201
    assert api.services.store.get_organisation(NEW_ORGANISATION["id"]) is not None
    assert audit_rows(settings.auth_db_path, "organisation") == 1


def damage(path: Path) -> None:
    """Overwrite the b-tree pages after the schema with garbage, as a failing disk would."""
    size = page_count(path)
    with path.open("r+b") as file:
        for page in range(2, size):
            file.seek(page * 4096 + 8)
            file.write(b"\xff" * 64)


@pytest.fixture
def damaged_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.db"
    store = SQLiteStore(path)
    store.upsert_dataset(parse_document(matrix_document(), "matrix.json"))
    store.close()
    damage(path)
    return path


def test_a_file_damaged_while_served_fails_the_deep_health_check_with_a_clear_message(
    tmp_path: Path,
) -> None:
    path = tmp_path / "graph.db"
    store = SQLiteStore(path)
    store.upsert_dataset(parse_document(matrix_document(), "matrix.json"))
    settings = Settings(db_path=path, auth_db_path=tmp_path / "auth.db")
    try:
        with TestClient(create_app(settings, store)) as client:
            assert client.get("/healthz?deep=1").status_code == 200
            damage(path)  # the disk fails under the running service
            response = client.get("/healthz?deep=1")
    finally:
        store.close()
    assert response.status_code == 503
    assert response.json()["error"] == "store_unavailable"
    assert "base SQLite endommagée" in response.json()["detail"]


def test_a_damaged_file_is_refused_at_start_up(damaged_file: Path, tmp_path: Path) -> None:
    settings = Settings(db_path=damaged_file, auth_db_path=tmp_path / "auth.db")
    with pytest.raises(StoreUnavailable) as excinfo, TestClient(create_app(settings)):
        pass
    assert "endommagée" in excinfo.value.message


def test_a_whole_file_passes_the_deep_health_check(api: Api) -> None:
    response = api.client.get("/healthz?deep=1")
    assert response.status_code == 200


def test_an_unexpected_error_answers_500_in_the_error_shape_and_an_error_page_for_the_pages(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from graph_service.server import create_app as create_server

    store = SQLiteStore(tmp_path / "graph.db")
    settings = Settings(db_path=tmp_path / "graph.db", auth_db_path=tmp_path / "auth.db")
    app = create_server(settings, store)

    def broken() -> None:  # stands for any bug below a route
        raise RuntimeError("bogue")

    app.add_api_route("/bogue", broken)
    app.add_api_route("/pages/bogue", broken)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            api = client.get("/bogue")
            page = client.get("/pages/bogue")
    finally:
        store.close()
    assert api.status_code == 500
    assert api.json()["error"] == "internal_error" and "erreur interne" in api.json()["detail"]
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "erreur interne" in page.text
    assert any("bogue" in str(record.exc_info[1]) for record in caplog.records if record.exc_info)
